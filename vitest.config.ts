import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  // Compiles the UI's *.svelte.ts state classes (runes), so their unit tests run the real classes.
  plugins: [svelte({ configFile: false })],
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // The subprocess tests run bin/quantlab.js, which runs the build in dist-cli/: rebuilt first when stale.
    globalSetup: ['tests/helpers/build-cli-setup.ts'],
    // Generous: some tests start processes or build stores, and a shared 2-core machine can be slow. Speed is
    // measured by `npm run bench`, never by test timeouts.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
