import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

// Builds tests/browser/results-gallery/ into a static page showing every result view with results computed in
// the page (sample generator + reference backtester): for looking at the views and for the e2e test.
export default defineConfig({
  root: fileURLToPath(new URL('./tests/browser/results-gallery/', import.meta.url)),
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist-results-gallery/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 4000,
  },
  logLevel: 'warn',
});
