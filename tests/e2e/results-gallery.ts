// The results gallery (tests/browser/results-gallery/) opened offline in Chromium: the page computes its demo runs
// and mounts every result view; the e2e tests of those views read what it shows against what it was given.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build, preview } from 'vite';
import { launchOffline, type OfflineBrowser } from './browser';

const CONFIG = 'vite.results-gallery.config.ts';
const BUILT = 'dist-results-gallery/index.html';

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** `npm run test:e2e` does not build the gallery: build it when it is missing or older than its sources. */
function galleryIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return ['src', 'tests/browser/results-gallery', CONFIG].some((p) => newestMtime(p) > built);
}

/** The gallery page, ready (every demo computed and mounted), in an offline browser; `close` ends both. */
export async function openResultsGallery(): Promise<OfflineBrowser> {
  if (galleryIsStale()) await build({ configFile: CONFIG, logLevel: 'warn' });
  const server = await preview({ configFile: CONFIG, preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    throw new Error('preview server did not report a URL');
  }
  const b = await launchOffline();
  await b.page.goto(url);
  await b.page.waitForSelector('body[data-ready="true"]', { timeout: 90_000 });
  return {
    ...b,
    close: async () => {
      await b.close();
      await server.close();
    },
  };
}
