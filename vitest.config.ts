import { defineConfig } from 'vitest/config';

/**
 * Tests that gate on wall-clock time. `npm test` runs them in a second, serial vitest pass
 * (LOUPE_VITEST_GROUP=timing) after everything else, so the other test files' workers cannot steal the
 * CPU they measure on (a 2-core CI machine running both at once once put a 320 ms file at 420 ms).
 * Without the variable, `vitest run` runs every file, as usual.
 */
const TIMING = [
  'analysis-core/test/scan/corpus.test.ts',
  'analysis-core/test/fuzz.test.ts',
  'analysis-core/test/ir/lowerRobustness.test.ts',
  // Not a timing gate, but a 20–25 s pass over the whole corpus: run alone, it keeps the first pass short.
  'analysis-core/test/adapterEquivalence.test.ts',
];
const group = process.env.LOUPE_VITEST_GROUP;

// Unit, property and server tests. Playwright specs (e2e/) are excluded: they run against the real server.
export default defineConfig({
  test: {
    include: group === 'timing' ? TIMING : ['analysis-core/test/**/*.test.ts', 'server/test/**/*.test.ts', 'web/test/**/*.test.ts'],
    exclude: ['e2e/**', 'node_modules/**', ...(group === 'untimed' ? TIMING : [])],
    fileParallelism: group !== 'timing',
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
