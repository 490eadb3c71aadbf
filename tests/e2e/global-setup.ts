import { preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    browserSuitesUrl: string;
  }
}

const servers: PreviewServer[] = [];

async function serve(configFile: string | undefined): Promise<string> {
  const server = await preview({
    ...(configFile ? { configFile } : {}),
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  servers.push(server);
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server did not report a URL');
  return url;
}

/**
 * Serves the production build (dist/, from `npm run build`) and the in-browser test page (dist-browser-tests/,
 * from `npm run build:browser-tests`) on free localhost ports.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('baseUrl', await serve(undefined));
  project.provide('browserSuitesUrl', await serve('vite.browser-tests.config.ts'));
}

export async function teardown(): Promise<void> {
  await Promise.all(servers.map((s) => s.close()));
}
