import { describe, expect, it } from 'vitest';
import type { HostPlan, PlanArray } from '../../../analysis-core/src/codegen/plan.js';
import { compareArray, compareOutputs } from '../../src/runners/compare.js';
import { generateInputs, intUpperBound } from '../../src/runners/inputs.js';
import { isScalable, scaleBindings, scalesCleanly } from '../../src/runners/scale.js';
import { summarize } from '../../src/runners/stats.js';
import { parseBindings } from '@loupe/analysis-core';

const arr = (name: string, dtype: PlanArray['dtype'], shape: number[], role: PlanArray['role'] = 'out'): PlanArray => ({
  name,
  dtype,
  shape,
  role,
});
const bytes = (t: Float64Array | Float32Array | Int32Array) => new Uint8Array(t.buffer);

describe('compare', () => {
  it('uses rtol 1e-9 / atol 1e-12 for float64', () => {
    const a = arr('a', 'float64', [3]);
    const want = new Float64Array([1, 1000, 0]);
    expect(compareArray(a, bytes(new Float64Array([1 + 5e-10, 1000 + 5e-7, 5e-13])), bytes(want)).correct).toBe(true);
    const bad = compareArray(a, bytes(new Float64Array([1, 1000 + 2e-6, 0])), bytes(want));
    expect(bad).toMatchObject({ correct: false, mismatches: 1, firstMismatch: { array: 'a', index: [1] } });
    expect(bad.maxError).toBeCloseTo(2e-6, 12);
  });

  it('uses rtol 1e-4 for float32, exact ints, NaN = NaN, inf must match', () => {
    expect(compareArray(arr('f', 'float32', [2]), bytes(new Float32Array([1.00005, 2])), bytes(new Float32Array([1, 2]))).correct).toBe(
      true,
    );
    expect(compareArray(arr('f', 'float32', [1]), bytes(new Float32Array([1.001])), bytes(new Float32Array([1]))).correct).toBe(false);
    expect(compareArray(arr('i', 'int32', [2]), bytes(new Int32Array([1, 3])), bytes(new Int32Array([1, 2])))).toMatchObject({
      correct: false,
      maxError: 1,
    });
    expect(
      compareArray(arr('n', 'float64', [2]), bytes(new Float64Array([NaN, Infinity])), bytes(new Float64Array([NaN, Infinity]))).correct,
    ).toBe(true);
    const inf = compareArray(arr('n', 'float64', [1]), bytes(new Float64Array([Infinity])), bytes(new Float64Array([1])));
    expect(inf).toMatchObject({ correct: false, maxError: Infinity });
  });

  it('reports multi-dimensional indices and compares only out/inout arrays', () => {
    const plan = [arr('x', 'float64', [2, 3], 'in'), arr('y', 'float64', [2, 3], 'inout')];
    const want = new Map([['y', bytes(new Float64Array(6))]]);
    const got = new Map([['y', bytes(new Float64Array([0, 0, 0, 0, 1, 0]))]]);
    const c = compareOutputs(plan, got, want);
    expect(c).toMatchObject({ correct: false, arrays: ['y'], firstMismatch: { array: 'y', index: [1, 1], got: 1, expected: 0 } });
    expect(compareOutputs(plan, new Map(), want).correct).toBe(false);
  });
});

describe('seeded inputs', () => {
  const plan: HostPlan = {
    arrays: [
      arr('a', 'float64', [50, 40], 'in'),
      arr('b', 'float32', [40], 'inout'),
      arr('idx', 'int64', [40], 'in'),
      arr('k', 'int32', [7], 'out'),
    ],
    scalars: [],
    steps: [],
    missing: [],
  };

  it('are deterministic per seed, distinct per array and seed, and in range', () => {
    const one = generateInputs(plan, 7);
    const two = generateInputs(plan, 7);
    const other = generateInputs(plan, 8);
    expect([...one.keys()]).toEqual(['a', 'b', 'idx', 'k']);
    for (const k of one.keys()) expect(Buffer.compare(one.get(k)!, two.get(k)!)).toBe(0);
    expect(Buffer.compare(one.get('a')!, other.get('a')!)).not.toBe(0);
    const a = new Float64Array(one.get('a')!.buffer);
    expect(a.length).toBe(2000);
    expect(Math.min(...a)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...a)).toBeLessThan(1.5);
    expect(new Set(a).size).toBe(2000);
    const idx = new BigInt64Array(one.get('idx')!.buffer);
    expect(intUpperBound(plan)).toBe(7);
    expect([...idx].every((v) => v >= 0n && v < 7n)).toBe(true);
  });
});

describe('stats', () => {
  it('gives the median, min/max and quartiles', () => {
    expect(summarize([5, 1, 3])).toEqual({ medianMs: 3, minMs: 1, maxMs: 5, q1Ms: 2, q3Ms: 4, repetitions: 3 });
    expect(summarize([4, 2]).medianMs).toBe(3);
  });
});

describe('scaling bindings', () => {
  const { bindings } = parseBindings([
    ['n', 1000],
    ['k', 3],
    ['alpha', 1.5],
    ['A', 'float64[1000,3]'],
  ]);
  it('scales sizes and leaves small values and floats alone', () => {
    const s = scaleBindings(bindings, 1 / 4);
    expect(s.ints.get('n')).toBe(250n);
    expect(s.ints.get('k')).toBe(3n);
    expect(s.floats.get('alpha')).toBe(1.5);
    expect(s.arrays.get('A')!.shape).toEqual([250n, 3n]);
    expect(isScalable(bindings)).toBe(true);
    expect(scalesCleanly(bindings, 1 / 64)).toBe(true);
    expect(scalesCleanly(bindings, 1 / 256)).toBe(false);
    expect(isScalable(parseBindings([['n', 8]]).bindings)).toBe(false);
  });
});
