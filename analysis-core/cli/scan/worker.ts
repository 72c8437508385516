/**
 * A scan worker: creates its engine (one tree-sitter parser) once, warms it up, then scans one file per
 * request. Files are read here, not in the main thread, so reading overlaps across workers too.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineModule } from './engine.js';
import { tuneJitForScan } from './jitTuning.js';
import type { WorkerInit, WorkerMessage, WorkRequest } from './protocol.js';
import { scanFile } from './scanFile.js';
import type { FileResult } from './types.js';
import { warmUp } from './warmUp.js';

const port = parentPort;
if (port === null) throw new Error('worker.ts must run in a worker thread');
const post = (m: WorkerMessage): void => port.postMessage(m);

// Before the engine is loaded, so its functions start with the larger budget (see jitTuning.ts).
tuneJitForScan();

try {
  const { engineUrl } = workerData as WorkerInit;
  const engine = await ((await import(engineUrl)) as EngineModule).createEngine();
  warmUp(engine);
  // The pool may queue a second file while this one is scanned: answer in the order asked, one at a time.
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (req: WorkRequest) => {
    const onOutline = (partial: FileResult): void => post({ kind: 'outline', id: req.id, partial });
    queue = queue
      .then(async () => post({ kind: 'result', id: req.id, result: await scanFile(engine, req.path, onOutline) }))
      .catch((e: unknown) => {
        // scanFile never throws; if posting does, let the worker die as an uncaught error would, so the pool
        // records the file as a crash and starts a fresh worker instead of this queue stalling.
        // A fresh plain Error: the main thread receives a DOMException (DataCloneError) without its message.
        const message = e instanceof Error ? e.message : String(e);
        setImmediate(() => {
          throw new Error(`could not post the result: ${message}`);
        });
      });
  });
  post({ kind: 'ready' });
} catch (e) {
  post({ kind: 'fatal', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
