// Test runner settings. Tests that touch SQL run against real engines (PostgreSQL or embedded
// PGlite, which takes seconds to start), hence the long test and hook timeouts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
