/**
 * Output comparison against the reference (CPython, or Numba's @njit twin when CPython is over its time
 * budget): an element matches when |got − want| ≤ atol + rtol·|want| (NumPy's isclose), NaN matches NaN,
 * infinities must match exactly, integers must be equal.
 *
 * Tolerances: float64 rtol 1e-9, atol 1e-12; float32 rtol 1e-4, atol 1e-6. They leave room for what
 * legitimately differs from CPython's left-to-right evaluation: reductions summed in another order
 * (block trees, atomics) and fused multiply-adds on the GPU.
 */
import type { PlanArray } from '../../../analysis-core/src/codegen/plan.js';
import { view, type ArrayDtype } from './dtypes.js';

export const TOLERANCES: Record<ArrayDtype, { rtol: number; atol: number }> = {
  float64: { rtol: 1e-9, atol: 1e-12 },
  float32: { rtol: 1e-4, atol: 1e-6 },
  int64: { rtol: 0, atol: 0 },
  int32: { rtol: 0, atol: 0 },
};

export interface Mismatch {
  readonly array: string;
  /** Multi-dimensional index of the first mismatching element. */
  readonly index: readonly number[];
  readonly got: number;
  readonly expected: number;
}

export interface Comparison {
  readonly correct: boolean;
  /** Largest |got − want| over every compared element (NaN/inf mismatches count as Infinity). */
  readonly maxError: number;
  readonly mismatches: number;
  readonly firstMismatch: Mismatch | null;
  /** Arrays compared (out and inout). */
  readonly arrays: readonly string[];
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    const e = shape[d]!;
    idx[d] = e === 0 ? 0 : flat % e;
    flat = e === 0 ? 0 : Math.floor(flat / e);
  }
  return idx;
}

export function compareArray(
  a: Pick<PlanArray, 'name' | 'dtype' | 'shape'>,
  got: Uint8Array,
  want: Uint8Array,
): Omit<Comparison, 'arrays'> {
  if (got.byteLength !== want.byteLength) {
    return {
      correct: false,
      maxError: Infinity,
      mismatches: 1,
      firstMismatch: { array: a.name, index: [], got: got.byteLength, expected: want.byteLength },
    };
  }
  const { rtol, atol } = TOLERANCES[a.dtype];
  const g = view(a.dtype, got);
  const w = view(a.dtype, want);
  let maxError = 0;
  let mismatches = 0;
  let first: Mismatch | null = null;
  for (let i = 0; i < w.length; i++) {
    const x = Number(g[i]!);
    const y = Number(w[i]!);
    let ok: boolean;
    let err: number;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      ok = Number.isNaN(x) && Number.isNaN(y);
      err = ok ? 0 : Infinity;
    } else if (!Number.isFinite(x) || !Number.isFinite(y)) {
      ok = x === y;
      err = ok ? 0 : Infinity;
    } else {
      err = Math.abs(x - y);
      ok = err <= atol + rtol * Math.abs(y);
    }
    if (err > maxError) maxError = err;
    if (!ok) {
      mismatches++;
      first ??= { array: a.name, index: unravel(i, a.shape), got: x, expected: y };
    }
  }
  return { correct: mismatches === 0, maxError, mismatches, firstMismatch: first };
}

/** Compares every out/inout array; a missing output counts as a mismatch. */
export function compareOutputs(
  arrays: readonly PlanArray[],
  got: ReadonlyMap<string, Uint8Array>,
  want: ReadonlyMap<string, Uint8Array>,
): Comparison {
  const compared = arrays.filter((a) => a.role !== 'in');
  let maxError = 0;
  let mismatches = 0;
  let first: Mismatch | null = null;
  for (const a of compared) {
    const g = got.get(a.name);
    const w = want.get(a.name);
    if (!g || !w) {
      mismatches++;
      maxError = Infinity;
      first ??= { array: a.name, index: [], got: g ? 1 : 0, expected: w ? 1 : 0 };
      continue;
    }
    const c = compareArray(a, g, w);
    maxError = Math.max(maxError, c.maxError);
    mismatches += c.mismatches;
    first ??= c.firstMismatch;
  }
  return { correct: mismatches === 0, maxError, mismatches, firstMismatch: first, arrays: compared.map((a) => a.name) };
}
