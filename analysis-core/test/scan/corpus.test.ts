/**
 * The corpus gate: scanning the shared corpus of third-party notebooks and scripts must not crash, no
 * file's analysis may take over 100 ms per 500 lines (`analysisBudgetMs`), and the deterministic summary must equal the committed
 * `scan-expected/corpus-summary.json` (update it with `npm run scan:update-expected` after review).
 * Skipped, with the reason printed, where the corpus is not present.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir, EXPECTED_SUMMARY } from '../../cli/scan/corpusPaths.js';
import { diffSummaries, stableSummary } from '../../cli/scan/expected.js';
import { createEngine } from '../../cli/scan/pipelineEngine.js';
import { runScan, type ScanOutcome } from '../../cli/scan/runScan.js';
import { scanFile } from '../../cli/scan/scanFile.js';
import { analysisBudgetMs, BUDGET_LINES, SLOW_MS } from '../../cli/scan/summary.js';
import { warmUp } from '../../cli/scan/warmUp.js';
import { normalisedMs, referenceWorkload } from '../helpers/machineSpeed.js';

const dir = corpusDir();
const present = existsSync(dir);
if (!present) console.log(`corpus scan skipped: no corpus at ${dir} (set LOUPE_CORPUS to point at one)`);
/**
 * Re-measure each slow file this many times in this process, each time beside the reference workload, so
 * the gate compares times on the reference machine however busy or slow this one is (helpers/machineSpeed).
 */
const RETRIES = 3;
/** Slower than this is not noise (and may be a hang the pool timed out): not worth re-running. */
const NOT_NOISE_MS = 10 * SLOW_MS;
/** Load noise hits a few files; when more are slow, the analysis is, and re-running them only costs time. */
const MAX_RETRIED = 20;
/** FIXME baselines: files known to exceed the time budget (see the test below). */
const SLOW_BASELINE = join(__dirname, '..', '..', 'scan-expected', 'slow-files.json');

describe.skipIf(!present)('corpus scan', () => {
  let outcome: ScanOutcome;

  beforeAll(async () => {
    outcome = await runScan([dir], { relativeTo: dir });
  }, 600_000);

  it('has no crashes', () => {
    expect(outcome.summary.crashes.map((c) => `${c.path}${c.where ? ` (${c.where})` : ''} [${c.phase}] ${c.message}`)).toEqual([]);
  });

  /**
   * The time gate, per file: Loupe's own analysis (parse excluded: tree-sitter alone exceeds 100 ms on the
   * largest scripts) within SLOW_MS per 500 lines. A notebook or script is many snippets, and the editor
   * analyses one snippet at a time; the strict per-file 100 ms is reported by the scan's "over 100 ms" list.
   */
  it(`has no analysis over ${SLOW_MS} ms per ${BUDGET_LINES} lines on the reference machine (offenders re-measured, best of ${RETRIES})`, async () => {
    const engine = await createEngine();
    warmUp(engine);
    const workload = referenceWorkload(engine);
    for (let k = 0; k < 3; k++) workload.pass();
    const offenders: string[] = [];
    const measured: string[] = [];
    const over = outcome.summary.timing.slow.filter((f) => f.ms - f.parseMs > analysisBudgetMs(f.lines));
    const retry = over.length <= MAX_RETRIED;
    for (const slow of over) {
      const limit = analysisBudgetMs(slow.lines);
      const first = slow.ms - slow.parseMs;
      const again =
        retry && first < NOT_NOISE_MS
          ? await normalisedMs(
              workload,
              async () => {
                const r = await scanFile(engine, join(dir, slow.path));
                return r.ms - r.parseMs;
              },
              RETRIES,
            )
          : null;
      const best = again ? again.normalised : first;
      const how = again ? ` (${again.raw.toFixed(1)} ms measured, this machine ${again.factor.toFixed(2)}× the reference)` : '';
      measured.push(`${slow.path}: ${best.toFixed(1)} / ${limit.toFixed(0)} ms${how}`);
      if (best > limit)
        offenders.push(`${slow.path}: ${best.toFixed(1)} ms analysis for ${slow.lines} lines (budget ${limit.toFixed(0)} ms)${how}`);
    }
    // Known offenders are FIXME baselines (DESIGN.md §9): listed with their measured time; the target stays
    // the budget. A file not on the list going over fails.
    const known: Record<string, string> = JSON.parse(await readFile(SLOW_BASELINE, 'utf8')).files;
    const unexpected = offenders.filter((o) => !(o.slice(0, o.indexOf(':')) in known));
    expect(unexpected, `new slow files (fix, or add to ${SLOW_BASELINE} with a reason)`).toEqual([]);
    console.log(`corpus: re-measured (normalised / budget):\n${measured.join('\n')}`);
    console.log(`corpus: ${offenders.length} files over the time budget, all known FIXME baselines:\n${offenders.join('\n')}`);
  }, 600_000);

  it('matches the committed expected summary', async () => {
    const expected: unknown = JSON.parse(await readFile(EXPECTED_SUMMARY, 'utf8'));
    const diff = diffSummaries(expected, stableSummary(outcome.summary));
    expect(diff, `summary changed (expected → now); review, then npm run scan:update-expected:\n${diff.join('\n')}`).toEqual([]);
  });
});
