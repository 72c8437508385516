/**
 * Scans files on N worker threads. Each worker holds at most two files: the one it is scanning and the next,
 * so it starts the next as soon as it answers instead of idling for a round trip through a main thread
 * that competes with the workers for the cores (about 2 ms per file on two cores, a tenth of a corpus scan).
 * Two and no more, so a slow file holds up at most one other, and that one moves to a fresh worker if the
 * slow one has to be given up. A worker that exceeds the per-file time limit (an analysis
 * that hangs) is terminated and replaced, and one that dies (out of memory, a native fault) is replaced
 * too: either way the file in hand is recorded as a crash and the scan goes on.
 */
import { Worker } from 'node:worker_threads';
import { DEFAULT_ENGINE_URL } from './engine.js';
import { bundledWorkerEntry, type WorkerEntry } from './workerBundle.js';
import type { WorkerInit, WorkerMessage, WorkRequest } from './protocol.js';
import { kindOf } from './source.js';
import type { Crash, FileResult } from './types.js';

export interface PoolOptions {
  readonly jobs: number;
  readonly engineUrl?: string;
  /** Per-file wall-clock limit, including reading; well above any sane analysis (the slow list is at 100 ms). */
  readonly timeoutMs?: number;
  readonly onResult?: (result: FileResult) => void;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * Young-generation limit per worker, in MB (V8 splits it into two semi-spaces and a large-object space).
 * The analysis allocates many short-lived objects per file; with V8's default (16 MB semi-spaces) a corpus
 * scan ran about 160 scavenges, with this about 100, and scavenge time fell from 1.4 s to 1.0 s over both
 * workers (--trace-gc, two runs each).
 */
const YOUNG_GENERATION_MB = 192;

/** Files a worker holds: while the first is scanned, the second waits in its message queue. */
const DEPTH = 2;

interface Job {
  readonly index: number;
  /** Set when the worker starts the file: for the head of the queue only. */
  timer: NodeJS.Timeout | null;
  started: number;
  partial: FileResult | null;
}

interface Slot {
  worker: Worker | null;
  /** In the order sent; the worker scans them in that order, the first now. */
  jobs: Job[];
  ready: boolean;
}

export async function scanWithWorkers(files: readonly string[], opts: PoolOptions): Promise<FileResult[]> {
  if (files.length === 0) return [];
  const entry = await bundledWorkerEntry(opts.engineUrl ?? DEFAULT_ENGINE_URL);
  try {
    return await scanOn(entry, files, opts);
  } finally {
    entry.dispose();
  }
}

function scanOn(entry: WorkerEntry, files: readonly string[], opts: PoolOptions): Promise<FileResult[]> {
  const results: (FileResult | undefined)[] = new Array(files.length);
  const jobs = Math.max(1, Math.min(opts.jobs, files.length));
  const init: WorkerInit = { engineUrl: entry.engineUrl };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let next = 0;
  /** Files sent to a worker that was lost before it started them: sent again before any new one. */
  const resend: number[] = [];
  let done = 0;
  let failed = false;

  return new Promise((resolve, reject) => {
    if (files.length === 0) return resolve([]);
    const slots: Slot[] = Array.from({ length: jobs }, () => ({ worker: null, jobs: [], ready: false }));

    const finish = (index: number, result: FileResult): void => {
      if (results[index] !== undefined) return;
      results[index] = result;
      done++;
      opts.onResult?.(result);
      if (done === files.length) {
        for (const s of slots) void s.worker?.terminate();
        resolve(results as FileResult[]);
      }
    };

    const fail = (message: string): void => {
      if (failed) return;
      failed = true;
      for (const s of slots) void s.worker?.terminate();
      reject(new Error(message));
    };

    const start = (slot: Slot, job: Job): void => {
      job.started = performance.now();
      job.timer = setTimeout(() => {
        lose(slot, 'timeout', `no answer after ${timeoutMs} ms (the analysis may not terminate on this file)`);
      }, timeoutMs);
    };

    const dispatch = (slot: Slot): void => {
      if (failed || slot.worker === null || !slot.ready) return;
      while (slot.jobs.length < DEPTH && (resend.length > 0 || next < files.length)) {
        const index = resend.length > 0 ? resend.shift()! : next++;
        const job: Job = { index, timer: null, started: 0, partial: null };
        if (slot.jobs.length === 0) start(slot, job);
        slot.jobs.push(job);
        slot.worker.postMessage({ id: index, path: files[index]! } satisfies WorkRequest);
      }
      if (slot.jobs.length === 0) {
        // Nothing left for this worker: let it go now rather than idle until the last file is done.
        void slot.worker.terminate();
        slot.worker = null;
      }
    };

    /** The worker is gone or must go: the file it was scanning is a crash, the one queued behind it is sent again; start a replacement. */
    const lose = (slot: Slot, phase: Crash['phase'], message: string): void => {
      const [cur, ...queued] = slot.jobs;
      const old = slot.worker;
      slot.worker = null;
      slot.jobs = [];
      slot.ready = false;
      if (old) {
        old.removeAllListeners();
        void old.terminate();
      }
      if (cur === undefined) return fail(`a scan worker failed before scanning anything: ${message}`);
      if (cur.timer !== null) clearTimeout(cur.timer);
      resend.unshift(...queued.map((j) => j.index));
      const crash: Crash = { phase, message, where: null, stack: '' };
      // Keep the loops the outline found (they still count, without verdicts) and the time it took.
      // A timer may fire a fraction of a millisecond early by performance.now(); a timed-out file took at least the limit.
      const ms = Math.max(performance.now() - cur.started, phase === 'timeout' ? timeoutMs : 0);
      finish(cur.index, cur.partial ? { ...cur.partial, status: 'crash', ms, crash } : crashResult(files[cur.index]!, crash, ms));
      if (done < files.length && (resend.length > 0 || next < files.length)) spawn(slot);
    };

    const spawn = (slot: Slot): void => {
      const worker = new Worker(entry.url, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      slot.worker = worker;
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'fatal') return fail(`the analysis engine could not start in a worker: ${m.message}`);
        if (m.kind === 'ready') {
          slot.ready = true;
          return dispatch(slot);
        }
        const cur = slot.jobs[0];
        if (cur === undefined || cur.index !== m.id) return;
        if (m.kind === 'outline') {
          cur.partial = m.partial;
          return;
        }
        if (cur.timer !== null) clearTimeout(cur.timer);
        slot.jobs.shift();
        const following = slot.jobs[0];
        if (following !== undefined) start(slot, following);
        finish(m.id, m.result);
        dispatch(slot);
      });
      worker.on('error', (e) => lose(slot, 'worker', `worker error: ${e.message}`));
      worker.on('exit', (code) => {
        if (slot.worker === worker) lose(slot, 'worker', `worker exited with code ${code}`);
      });
    };

    for (const slot of slots) spawn(slot);
  });
}

function crashResult(path: string, crash: Crash, ms: number): FileResult {
  return {
    path,
    kind: kindOf(path),
    status: 'crash',
    bytes: 0,
    cells: 0,
    codeCells: 0,
    lines: 0,
    loops: [],
    nests: [],
    notes: [],
    syntaxErrors: 0,
    ms,
    parseMs: 0,
    crash,
  };
}
