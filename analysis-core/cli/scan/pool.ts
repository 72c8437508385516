/**
 * Scans files on N worker threads. Each worker holds one file at a time and gets the next when it answers,
 * so a slow file never holds up the others. A worker that exceeds the per-file time limit (an analysis
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

interface Slot {
  worker: Worker | null;
  current: { index: number; timer: NodeJS.Timeout; started: number; partial: FileResult | null } | null;
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
  let done = 0;
  let failed = false;

  return new Promise((resolve, reject) => {
    if (files.length === 0) return resolve([]);
    const slots: Slot[] = Array.from({ length: jobs }, () => ({ worker: null, current: null, ready: false }));

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

    const dispatch = (slot: Slot): void => {
      if (failed || slot.worker === null || !slot.ready) return;
      if (next >= files.length) {
        // Nothing left for this worker: let it go now rather than idle until the last file is done.
        void slot.worker.terminate();
        slot.worker = null;
        return;
      }
      const index = next++;
      const timer = setTimeout(() => {
        lose(slot, 'timeout', `no answer after ${timeoutMs} ms (the analysis may not terminate on this file)`);
      }, timeoutMs);
      slot.current = { index, timer, started: performance.now(), partial: null };
      slot.worker.postMessage({ id: index, path: files[index]! } satisfies WorkRequest);
    };

    /** The worker is gone or must go: the file it held is a crash; start a replacement. */
    const lose = (slot: Slot, phase: Crash['phase'], message: string): void => {
      const cur = slot.current;
      const old = slot.worker;
      slot.worker = null;
      slot.current = null;
      slot.ready = false;
      if (old) {
        old.removeAllListeners();
        void old.terminate();
      }
      if (cur === null) return fail(`a scan worker failed before scanning anything: ${message}`);
      clearTimeout(cur.timer);
      const crash: Crash = { phase, message, where: null, stack: '' };
      // Keep the loops the outline found (they still count, without verdicts) and the time it took.
      // A timer may fire a fraction of a millisecond early by performance.now(); a timed-out file took at least the limit.
      const ms = Math.max(performance.now() - cur.started, phase === 'timeout' ? timeoutMs : 0);
      finish(cur.index, cur.partial ? { ...cur.partial, status: 'crash', ms, crash } : crashResult(files[cur.index]!, crash, ms));
      if (done < files.length && next < files.length) spawn(slot);
    };

    const spawn = (slot: Slot): void => {
      const worker = new Worker(entry.url, { workerData: init });
      slot.worker = worker;
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'fatal') return fail(`the analysis engine could not start in a worker: ${m.message}`);
        if (m.kind === 'ready') {
          slot.ready = true;
          return dispatch(slot);
        }
        const cur = slot.current;
        if (cur === null || cur.index !== m.id) return;
        if (m.kind === 'outline') {
          cur.partial = m.partial;
          return;
        }
        clearTimeout(cur.timer);
        slot.current = null;
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
