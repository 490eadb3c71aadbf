import { defineConfig } from 'vitest/config';

export default defineConfig({
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
