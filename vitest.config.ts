import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Generous: some tests start processes or build stores, and a shared 2-core machine can be slow. Speed is
    // measured by `npm run bench`, never by test timeouts.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
