#!/usr/bin/env node
// The installed `quantlab` bin: runs the CLI as built to dist-cli/ by `npm run build:cli` (run by `npm ci` and
// `npm run build`), so no TypeScript is compiled at start-up. Without a build (a checkout never installed), it runs
// the TypeScript source through tsx's loader instead: slower, same behaviour.
import { existsSync } from 'node:fs';

const built = new URL('../dist-cli/quantlab.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/run.ts');
}
