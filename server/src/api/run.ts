import { Router } from 'express';
import { HttpError } from '../http/errors.js';
import type { WorkQueue } from '../queue/queue.js';
import { elementCount } from '../runners/dtypes.js';
import { executeRun, type RunDeps, type RunReply, type RunRequest } from '../runners/run.js';
import { toHttpError } from './errors.js';
import { analyze, generateOrExplain, resolveBindings } from './program.js';
import { LIMITS, parseBody, RUNNER_NAMES, runBody } from './schemas.js';

export interface RunRouteDeps extends RunDeps {
  queue: WorkQueue;
  /** Whole-run limit, queue wait excluded. Default 240 s. */
  timeoutMs?: number;
  /** Largest total element count a run may allocate. Default LIMITS.runElements (2^26). */
  maxElements?: number;
}

/**
 * POST /run {source, bindings?, runners?, repetitions?, seed?} → correctness against CPython, per-runner
 * timings, speedups, device and versions. Runs wait in a FIFO queue (one at a time); a full queue is a
 * 503 with Retry-After. 422 when there is nothing to run; 503 when CPython itself cannot run.
 */
/**
 * Runs `work` when the queue reaches it, with a deadline that starts then (not while waiting). The reply
 * gives up (504) a little after the deadline, but the queue slot stays held until the work has really
 * finished (every runner stops itself at the deadline), so an abandoned run never overlaps the next one.
 */
function queuedWithDeadline<T>(queue: WorkQueue, timeoutMs: number, work: (deadline: number) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    queue
      .run(async () => {
        const timer = setTimeout(
          () => reject(new HttpError(504, `The run took longer than ${Math.round(timeoutMs / 1000)} s and was abandoned`)),
          timeoutMs + 5000,
        );
        try {
          resolve(await work(Date.now() + timeoutMs));
        } catch (err) {
          reject(err);
        } finally {
          clearTimeout(timer);
        }
      })
      .catch(reject);
  });
}

export function createRunRouter(deps: RunRouteDeps): Router {
  const router = Router();
  router.post('/run', async (req, res) => {
    const body = parseBody(runBody, req.body);
    const bindings = resolveBindings(body.source, body.bindings);
    const analysis = await analyze(deps.parser, body.source, bindings.bindings);
    const { code } = generateOrExplain(analysis, bindings);
    const elements = code.plan.arrays.reduce((s, a) => s + elementCount(a.shape), 0);
    const max = deps.maxElements ?? LIMITS.runElements;
    if (elements > max) {
      throw new HttpError(400, `Sizes too large to run: ${elements} array elements in all, the limit is ${max}`, {
        reasons: [`bindings: ${elements} elements > ${max}`],
      });
    }
    const python = (await deps.capabilities.report()).python;
    if (!python.available || typeof python.numpy !== 'string') {
      throw new HttpError(503, 'This server cannot run CPython with NumPy, which every run is checked against', {
        missing: { python: python.detail },
      });
    }
    const timeoutMs = deps.timeoutMs ?? 240_000;
    const request: Omit<RunRequest, 'deadline'> = {
      source: body.source,
      bindings: bindings.bindings,
      code,
      runners: body.runners ?? RUNNER_NAMES,
      repetitions: body.repetitions ?? 5,
      seed: body.seed ?? 12345,
    };
    let reply: RunReply;
    try {
      reply = await queuedWithDeadline(deps.queue, timeoutMs, (deadline) => executeRun({ ...request, deadline }, deps));
    } catch (err) {
      throw toHttpError(err);
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...reply, bindings: bindings.text, bindingsFrom: bindings.from });
  });
  return router;
}
