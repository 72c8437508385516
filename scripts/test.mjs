// `npm test`: every check CI runs, in order, stopping at the first failure.
// LOUPE_TEST_ONLY=unit|e2e|lint runs one group (for local iteration).
import {
  ensureNodeModules,
  ensurePythonVenv,
  exportNvrtcLibraryPath,
  ensureWebBuild,
  ensureChromium,
  mustRun,
  say,
} from './lib/ensure.mjs';

const only = process.env.LOUPE_TEST_ONLY;
const want = (group) => only === undefined || only === group;
const t0 = Date.now();

ensureNodeModules();
ensurePythonVenv();
exportNvrtcLibraryPath();
if (want('lint')) {
  mustRun('eslint', 'npx', ['eslint', '.']);
  mustRun('prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
  mustRun('typecheck', 'npm', ['run', '--silent', 'typecheck']);
}
if (want('unit')) {
  // Timing gates run alone, after the rest (see vitest.config.ts).
  process.env.LOUPE_VITEST_GROUP = 'untimed';
  mustRun('unit, property and server tests (vitest)', 'npx', ['vitest', 'run']);
  process.env.LOUPE_VITEST_GROUP = 'timing';
  mustRun('timing gates: corpus scan, fuzz, lowering (vitest, one file at a time)', 'npx', ['vitest', 'run']);
  delete process.env.LOUPE_VITEST_GROUP;
}
if (want('e2e')) {
  ensureChromium();
  ensureWebBuild();
  mustRun('browser tests (playwright)', 'npx', ['playwright', 'test', '-c', 'e2e/playwright.config.ts']);
}
say(`all tests passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
