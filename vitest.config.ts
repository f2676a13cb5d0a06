import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the docs index once per run (tests read it through inject('indexFile')) and refreshes dist/.
    globalSetup: ['test/global-setup.ts'],
    // Building the full index and spawning real servers takes seconds, not milliseconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
