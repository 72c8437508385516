/** The per-runner entries of a /api/run reply (documented in docs/server.md). */
import type { Mismatch } from './compare.js';
import type { Timing } from './stats.js';

export type RunnerKey = 'cpython' | 'numba' | 'numba-parallel' | 'cpu-emulation' | 'gpu';

export interface RunnerReport {
  /** False when the runner could not be used here (no GPU, no Numba, no g++): `reason` says why. */
  readonly available: boolean;
  readonly reason?: string;
  /** Present when the runner was available but failed: what went wrong (and a log excerpt). */
  readonly error?: string;
  readonly log?: string;
  /** Median and spread of the timed repetitions (for gpu: the kernel time). */
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly q1Ms?: number;
  readonly q3Ms?: number;
  readonly repetitions?: number;
  /** CPython only: the time is extrapolated, not measured; `estimate` says how. */
  readonly estimated?: boolean;
  readonly estimate?: string;
  /** Numba: the first call (JIT compilation plus one run). */
  readonly jitMs?: number;
  /** gpu: kernel time (CUDA events) and end-to-end time (host clock, with transfers). */
  readonly kernel?: Timing;
  readonly endToEnd?: Timing;
  readonly launches?: number;
  /** The runner whose outputs the others are compared with. */
  readonly reference?: boolean;
  /** Outputs equal the reference within tolerance (absent when the runner produced no outputs). */
  readonly correct?: boolean;
  /** Largest absolute difference from the reference; null when some element was NaN/inf on one side only. */
  readonly maxError?: number | null;
  readonly mismatches?: number;
  readonly firstMismatch?: Mismatch | null;
  readonly note?: string;
}

export function timingFields(t: Timing): Pick<RunnerReport, 'medianMs' | 'minMs' | 'maxMs' | 'q1Ms' | 'q3Ms' | 'repetitions'> {
  return { medianMs: t.medianMs, minMs: t.minMs, maxMs: t.maxMs, q1Ms: t.q1Ms, q3Ms: t.q3Ms, repetitions: t.repetitions };
}
