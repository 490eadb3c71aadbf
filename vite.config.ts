import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/**
 * What the production page may load and run: its own files only, no inline script, WebAssembly compiled from its own
 * bytes. Build only: the dev server injects styles inline for hot reload.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Offline install and the page's policy: index.html gets the Content-Security-Policy meta; once the build is
 * written, public/sw.js (copied to the output as it is) gets the list of every other file of the build and a
 * version — a hash of their names and bytes, so any change makes a new cache.
 */
function precacheServiceWorker(): Plugin {
  let outDir = 'dist';
  return {
    name: 'quantlab-precache',
    apply: 'build',
    configResolved: (config) => void (outDir = resolve(config.root, config.build.outDir)),
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
      const files = walk(outDir)
        .map((f) => relative(outDir, f).split(sep).join('/'))
        .filter((f) => f !== 'sw.js')
        .sort();
      const hash = createHash('sha256');
      for (const f of files) hash.update(`${f}\n`).update(readFileSync(join(outDir, f)));
      const sw = join(outDir, 'sw.js');
      const source = readFileSync(sw, 'utf8');
      if (!source.includes('self.__QUANTLAB_PRECACHE__')) throw new Error('public/sw.js has no self.__QUANTLAB_PRECACHE__ to fill in');
      writeFileSync(sw, source.replace('self.__QUANTLAB_PRECACHE__', JSON.stringify({ version: hash.digest('hex').slice(0, 16), files })));
    },
  };
}

/**
 * DuckDB-WASM's package declares every file free of side effects, but its worker script is nothing but one: it
 * registers the worker's message handler. workers/duckdb-browser-eh.worker.ts imports it for that, so it must be kept.
 */
function keepDuckDBWorkerScript(): Plugin {
  return {
    name: 'quantlab-keep-duckdb-worker-script',
    transform: (code, id) => (/[\\/]duckdb-browser-eh\.worker\.js$/.test(id) ? { code, moduleSideEffects: true } : null),
  };
}

export default defineConfig({
  plugins: [svelte(), precacheServiceWorker()],
  worker: { format: 'es', plugins: () => [keepDuckDBWorkerScript()] },
  build: {
    target: 'es2022',
    // Keep every wasm a real file: inlined data: URLs break streaming compilation and bloat the JS.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      output: {
        // zod and the module that switches its code generation off share one chunk, evaluated before any chunk that
        // builds schemas: in a chunk of their own with the schemas, the switch would run after schemas were used.
        codeSplitting: { groups: [{ name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]|[\\/]src[\\/]adapters[\\/]browser[\\/]no-eval\.ts$/ }] },
      },
    },
  },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
