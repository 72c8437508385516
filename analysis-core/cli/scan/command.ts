/**
 * `loupe scan PATH...`: parallelism verdicts for every loop of a corpus of `.py` files and notebooks.
 * The report goes to stdout (table, JSON or CSV), progress and warnings to stderr, so
 * `loupe scan dir --csv > loops.csv` gives a clean file while the terminal shows progress.
 */
import { writeFile } from 'node:fs/promises';
import { LOUPE_VERSION } from '../../src/version.js';
import { parseScanArgs, SCAN_USAGE } from './args.js';
import { formatCsv } from './csv.js';
import { formatHtml } from './html.js';
import { createProgress, type Progress, type ProgressSink } from './progress.js';
import { runScan, type ScanOutcome } from './runScan.js';
import { formatSummary } from './table.js';

type Out = (s: string) => void;

export interface ScanIO {
  readonly out: Out;
  readonly err: Out;
  /** Where the progress bar goes; it is drawn only when `isTTY`. */
  readonly progress: ProgressSink;
  /** Engine module for the workers (tests pass a stand-in). */
  readonly engineUrl?: string;
}

/** Entry point used by `cli/main.ts`. */
export function scanCommand(rest: string[], out: Out, err: Out): Promise<number> {
  const stderr = process.stderr;
  return scanMain(rest, { out, err, progress: { isTTY: stderr.isTTY === true, columns: stderr.columns, write: err } });
}

export async function scanMain(argv: readonly string[], io: ScanIO): Promise<number> {
  const args = parseScanArgs(argv);
  if (typeof args === 'string') {
    io.err(`loupe scan: ${args}\n${SCAN_USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.out(`${SCAN_USAGE}\n`);
    return 0;
  }
  // Created once the file count is known; a holder because the callbacks set it.
  const bar: { progress: Progress | null } = { progress: null };
  let outcome: ScanOutcome;
  try {
    outcome = await runScan(args.paths, {
      ...(args.jobs !== null && { jobs: args.jobs }),
      ...(args.timeoutMs !== null && { timeoutMs: args.timeoutMs }),
      ...(io.engineUrl !== undefined && { engineUrl: io.engineUrl }),
      onStart: (total) => (bar.progress = createProgress(io.progress, total)),
      onResult: (r) => bar.progress?.tick(r.path),
    });
  } catch (e) {
    bar.progress?.done();
    io.err(`loupe scan: ${(e as Error).message}\n`);
    return 1;
  }
  bar.progress?.done();
  for (const m of outcome.missing) io.err(`loupe scan: cannot read ${m}\n`);
  const { summary, files } = outcome;
  if (args.format === 'json') io.out(`${JSON.stringify({ version: LOUPE_VERSION, summary, files }, null, 2)}\n`);
  else if (args.format === 'csv') io.out(formatCsv(files));
  else io.out(formatSummary(summary));
  if (args.html !== null) {
    try {
      await writeFile(args.html, formatHtml(summary, files));
    } catch (e) {
      io.err(`loupe scan: cannot write ${args.html}: ${(e as Error).message}\n`);
      return 1;
    }
  }
  if (files.length === 0 && outcome.missing.length > 0) return 1;
  return summary.crashes.length > 0 ? 1 : 0;
}
