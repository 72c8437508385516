/**
 * `npm run scan:corpus` / `npm run scan:update-expected`: scan the shared corpus, print the summary, and
 * compare its deterministic part with the committed `scan-expected/corpus-summary.json`. A difference is
 * printed leaf by leaf and exits 1: coverage changes get reviewed (and the file updated) instead of
 * drifting silently. Exit 2 when the corpus is missing.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { corpusDir, EXPECTED_SUMMARY } from './corpusPaths.js';
import { diffSummaries, stableSummary } from './expected.js';
import { createProgress, type Progress } from './progress.js';
import { runScan } from './runScan.js';
import { formatSummary } from './table.js';

async function main(argv: readonly string[]): Promise<number> {
  const update = argv.includes('--update-expected');
  const dir = corpusDir();
  if (!existsSync(dir)) {
    process.stderr.write(`scan:corpus: no corpus at ${dir} (set LOUPE_CORPUS to point at one)\n`);
    return 2;
  }
  const bar: { progress: Progress | null } = { progress: null };
  const err = process.stderr;
  const outcome = await runScan([dir], {
    relativeTo: dir,
    onStart: (n) => (bar.progress = createProgress({ isTTY: err.isTTY === true, columns: err.columns, write: (s) => err.write(s) }, n)),
    onResult: (r) => bar.progress?.tick(r.path),
  });
  bar.progress?.done();
  process.stdout.write(`corpus: ${dir}\n${formatSummary(outcome.summary)}`);
  process.stdout.write(`wall time ${(outcome.wallMs / 1000).toFixed(1)} s\n\n`);
  const actual = stableSummary(outcome.summary);
  if (update) {
    await mkdir(dirname(EXPECTED_SUMMARY), { recursive: true });
    await writeFile(EXPECTED_SUMMARY, `${JSON.stringify(actual, null, 2)}\n`);
    process.stdout.write(`wrote ${EXPECTED_SUMMARY}\n`);
    return 0;
  }
  let expected: unknown;
  try {
    expected = JSON.parse(await readFile(EXPECTED_SUMMARY, 'utf8'));
  } catch (e) {
    process.stdout.write(`no readable expected summary (${(e as Error).message}); run npm run scan:update-expected\n`);
    return 1;
  }
  const diff = diffSummaries(expected, actual);
  if (diff.length === 0) {
    process.stdout.write('summary matches scan-expected/corpus-summary.json\n');
    return 0;
  }
  process.stdout.write(`summary differs from scan-expected/corpus-summary.json (expected → now):\n${diff.join('\n')}\n`);
  process.stdout.write('review the change; if it is intended, run npm run scan:update-expected and commit the file\n');
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
