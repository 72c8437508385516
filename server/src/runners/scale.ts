/**
 * Scaled-down sizes, for two uses: the CPython extrapolation ladder (time the baseline at 1/64 … 1/2 of
 * every size and fit time ∝ scale^p), and the tests that run the benchmarks at smaller sizes.
 *
 * Every integer binding and array extent of at least `minValue` is multiplied by the factor (rounded,
 * never below `floor`); smaller ones (offsets, step counts, tiny dimensions) are kept, since they often
 * encode structure (a stencil radius, a channel count) rather than size.
 */
import type { ArrayBinding, Bindings } from '@loupe/analysis-core';

export interface ScaleOptions {
  /** Values below this are left alone. Default 16. */
  minValue?: number;
  /** Scaled values never go below this. Default 4. */
  floor?: number;
}

export function scaleBindings(b: Bindings, factor: number, opts: ScaleOptions = {}): Bindings {
  const min = BigInt(opts.minValue ?? 16);
  const floor = BigInt(opts.floor ?? 4);
  const scale = (v: bigint): bigint => {
    if (v < min) return v;
    const s = BigInt(Math.round(Number(v) * factor));
    return s < floor ? floor : s;
  };
  const ints = new Map([...b.ints].map(([k, v]) => [k, scale(v)] as const));
  const arrays = new Map([...b.arrays].map(([k, a]) => [k, { dtype: a.dtype, shape: a.shape.map(scale) } satisfies ArrayBinding] as const));
  return { ints, floats: new Map(b.floats), arrays };
}

/** True when scaling would change something (some value at least `minValue`). */
export function isScalable(b: Bindings, opts: ScaleOptions = {}): boolean {
  const min = BigInt(opts.minValue ?? 16);
  return [...b.ints.values()].some((v) => v >= min) || [...b.arrays.values()].some((a) => a.shape.some((e) => e >= min));
}

/**
 * True when every value that would be scaled stays at least `minScaled` after scaling, so the nominal
 * factor is the real one (within rounding) and the fit's x-axis is honest.
 */
export function scalesCleanly(b: Bindings, factor: number, opts: ScaleOptions & { minScaled?: number } = {}): boolean {
  const min = opts.minValue ?? 16;
  const minScaled = opts.minScaled ?? 8;
  const values = [...b.ints.values(), ...[...b.arrays.values()].flatMap((a) => a.shape)].map(Number).filter((v) => v >= min);
  return values.length > 0 && values.every((v) => v * factor >= minScaled);
}

/** Ladder factors, smallest first. */
export const LADDER_FACTORS: readonly number[] = [1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2];
