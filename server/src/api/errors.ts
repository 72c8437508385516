import { NoCompilerError } from '../nvrtc/compiler.js';
import { QueueFullError, QueueTimeoutError } from '../queue/queue.js';
import { HttpError } from '../http/errors.js';

/** Known failures become HTTP answers; anything else is re-thrown for the 500 handler (logged, no stack to the client). */
export function toHttpError(err: unknown): unknown {
  if (err instanceof HttpError) return err;
  if (err instanceof QueueFullError) return new HttpError(503, err.message, { busy: true }, { 'Retry-After': '5' });
  if (err instanceof QueueTimeoutError) return new HttpError(503, err.message, { busy: true }, { 'Retry-After': '10' });
  if (err instanceof NoCompilerError) {
    return new HttpError(503, 'No CUDA compiler is available on this server: neither NVRTC nor nvcc could be used', {
      missing: err.missing,
    });
  }
  return err;
}

/** Rejects with a 504 HttpError when `p` takes longer than `ms` (the work itself is bounded separately). */
export async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HttpError(504, `${what} took longer than ${Math.round(ms / 1000)} s and was abandoned`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
