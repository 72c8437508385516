/**
 * Seeded inputs, generated once per run in TypeScript and written as raw little-endian `.bin` files (C
 * order), so every runner (CPython, Numba, CPU emulation, GPU) starts from byte-identical data without
 * depending on NumPy's generator.
 *
 * Values: floats uniform in [0.5, 1.5) (no zeros to divide by, no cancellation to amplify rounding);
 * integers uniform in [0, m) with m the smallest extent (≥ 2) of any array, capped at 1000, so integer
 * arrays used as indices (histograms, gathers) stay in bounds.
 */
import type { HostPlan, PlanArray } from '../../../analysis-core/src/codegen/plan.js';
import { byteSize, elementCount } from './dtypes.js';

/** xoshiro128** (Blackman & Vigna): fast, 32-bit, good enough for test data; seeded by splitmix32. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  const split = () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = split();
  let b = split();
  let c = split();
  let d = split();
  return () => {
    const result = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d, 11);
    return result;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/** FNV-1a over a string, mixed with the run seed: each array gets its own stream. */
function arraySeed(seed: number, index: number, name: string): number {
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (const ch of `${index}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h >>> 0;
}

export function intUpperBound(plan: HostPlan): number {
  const extents = plan.arrays
    .filter((a) => !a.scalar)
    .flatMap((a) => a.shape)
    .filter((e) => e >= 2);
  return extents.length === 0 ? 10 : Math.min(1000, ...extents);
}

export function generateArray(a: PlanArray, seed: number, index: number, intBound: number): Uint8Array {
  const next = rng(arraySeed(seed, index, a.name));
  const n = elementCount(a.shape);
  const bytes = new Uint8Array(byteSize(a));
  const dv = new DataView(bytes.buffer);
  switch (a.dtype) {
    case 'float64':
      for (let i = 0; i < n; i++) dv.setFloat64(i * 8, 0.5 + (next() * 2 ** 21 + (next() >>> 11)) / 2 ** 53, true);
      break;
    case 'float32':
      for (let i = 0; i < n; i++) dv.setFloat32(i * 4, 0.5 + next() / 2 ** 32, true);
      break;
    case 'int64':
      for (let i = 0; i < n; i++) dv.setBigInt64(i * 8, BigInt(next() % intBound), true);
      break;
    case 'int32':
      for (let i = 0; i < n; i++) dv.setInt32(i * 4, next() % intBound, true);
      break;
  }
  return bytes;
}

/**
 * One buffer per plan array, in plan order. Scalar cells (one-element arrays holding a scalar the code
 * assigns, e.g. a reduction's result) start at zero: the Python baselines compute them from scratch.
 */
export function generateInputs(plan: HostPlan, seed: number): Map<string, Uint8Array> {
  const bound = intUpperBound(plan);
  return new Map(plan.arrays.map((a, i) => [a.name, a.scalar ? new Uint8Array(byteSize(a)) : generateArray(a, seed, i, bound)]));
}
