import { defineConfig } from 'vitest/config';

// Unit, property and server tests. Playwright specs (e2e/) are excluded: they run against the real server.
export default defineConfig({
  test: {
    include: ['analysis-core/test/**/*.test.ts', 'server/test/**/*.test.ts', 'web/test/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
