import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// Builds tests/browser/ into a static page that runs shared test suites on real browser APIs (IndexedDB, …).
// `vitest` resolves to a shim with the same describe/it/expect, so the suites are the very files Node runs.
export default defineConfig({
  root: fileURLToPath(new URL('./tests/browser/', import.meta.url)),
  resolve: { alias: { vitest: fileURLToPath(new URL('./tests/browser/vitest-shim.ts', import.meta.url)) } },
  build: {
    outDir: fileURLToPath(new URL('./dist-browser-tests/', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    // The suites page, and the portfolio page (a worker computing portfolio numerics: portfolio-bits e2e, Chromium bench).
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./tests/browser/index.html', import.meta.url)),
        portfolio: fileURLToPath(new URL('./tests/browser/portfolio/index.html', import.meta.url)),
      },
    },
  },
  logLevel: 'warn',
});
