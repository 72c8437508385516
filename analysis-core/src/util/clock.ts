/** Monotonic milliseconds in any host, without pulling DOM or Node typings into the pure core. */
const perf = (globalThis as { performance?: { now(): number } }).performance;

export function nowMs(): number {
  return perf ? perf.now() : Date.now();
}
