/**
 * A whole scan as a function: walk the paths, scan every file on workers, summarise. Shared by the CLI
 * command, `npm run scan:corpus`, the corpus test and the benchmark, so all four measure the same thing.
 */
import { availableParallelism } from 'node:os';
import { relative } from 'node:path';
import { scanWithWorkers } from './pool.js';
import { summarize, type Summary } from './summary.js';
import type { FileResult } from './types.js';
import { walk } from './walk.js';

export interface RunScanOptions {
  /** Worker threads; default: the number of CPUs. */
  readonly jobs?: number;
  readonly timeoutMs?: number;
  readonly engineUrl?: string;
  /** Show paths relative to this directory (e.g. the corpus root) in results and the summary. */
  readonly relativeTo?: string;
  /** Called once the file list is known, before scanning. */
  readonly onStart?: (total: number) => void;
  readonly onResult?: (result: FileResult) => void;
}

export interface ScanOutcome {
  readonly files: readonly FileResult[];
  readonly missing: readonly string[];
  readonly summary: Summary;
  /** Wall-clock time of walking and scanning (worker start-up included), in ms. */
  readonly wallMs: number;
}

export async function runScan(paths: readonly string[], opts: RunScanOptions = {}): Promise<ScanOutcome> {
  const t0 = performance.now();
  const { files: list, missing } = await walk(paths);
  opts.onStart?.(list.length);
  const scanned = await scanWithWorkers(list, {
    jobs: opts.jobs ?? availableParallelism(),
    ...(opts.timeoutMs !== undefined && { timeoutMs: opts.timeoutMs }),
    ...(opts.engineUrl !== undefined && { engineUrl: opts.engineUrl }),
    ...(opts.onResult !== undefined && { onResult: opts.onResult }),
  });
  const base = opts.relativeTo;
  const files = base === undefined ? scanned : scanned.map((f) => ({ ...f, path: relative(base, f.path) }));
  return { files, missing, summary: summarize(files), wallMs: performance.now() - t0 };
}
