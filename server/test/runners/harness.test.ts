/**
 * The Python worker and its fixed harness, with hand-written stand-ins for generated modules (the same
 * `kernel(**arrays_and_scalars)` contract): timing, outputs, Numba's JIT call, per-variant failures, and
 * the CPython extrapolation ladder. Needs Python with NumPy (the project venv); skipped with a reason otherwise.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostPlan } from '../../../analysis-core/src/codegen/plan.js';
import { detectPython } from '../../src/capabilities/python.js';
import { repoRoot } from '../../src/paths.js';
import { generateInputs } from '../../src/runners/inputs.js';
import { runPython, type ScaledRung } from '../../src/runners/python.js';

let python: string | undefined;
let numba = false;
let why = '';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-harness-'));

beforeAll(async () => {
  const cap = await detectPython(repoRoot());
  if (cap.available && typeof cap.numpy === 'string' && typeof cap.executable === 'string') {
    python = cap.executable;
    numba = typeof cap.numba === 'string';
  } else {
    why = `no Python with NumPy: ${cap.detail}`;
    console.warn(`[skip] python harness tests: ${why}`);
  }
}, 30_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const plan = (n: number): HostPlan => ({
  arrays: [
    { name: 'a', dtype: 'float64', shape: [n], role: 'in' },
    { name: 'b', dtype: 'float64', shape: [n], role: 'inout' },
  ],
  scalars: [
    { name: 'n', kind: 'int', value: n },
    { name: 'alpha', kind: 'float', value: 2.5 },
  ],
  steps: [],
  missing: [],
});

const PY = `def kernel(a, b, n, alpha):
    for i in range(n):
        b[i] = b[i] + alpha * a[i]
`;
const NUMBA = `import numba\n\n@numba.njit\n${PY}`;
const BROKEN = `import numba\n\n@numba.njit\ndef kernel(a, b, n, alpha):\n    for i in range(n):\n        b[i] = undefined_name[i]\n`;

describe('python runner (fixed harness)', () => {
  it('times CPython and Numba on identical inputs and returns their outputs', async (ctx) => {
    if (!python) return ctx.skip(why);
    const p = plan(1000);
    const inputs = generateInputs(p, 1);
    const r = await runPython({
      python,
      dir: path.join(tmp, 'one'),
      plan: p,
      inputs,
      variants: [
        { name: 'cpython', source: PY, repetitions: 3, budgetMs: 2000, hardLimitMs: 10_000 },
        ...(numba ? [{ name: 'numba' as const, source: NUMBA, repetitions: 3, budgetMs: 2000, hardLimitMs: 30_000 }] : []),
      ],
      seed: 1,
      intBound: 10,
      timeoutMs: 60_000,
    });
    const a = new Float64Array(inputs.get('a')!.buffer.slice(0));
    const b = new Float64Array(inputs.get('b')!.buffer.slice(0));
    const cpy = r.variants.cpython!;
    expect(cpy).toMatchObject({ ok: true, estimated: false });
    expect(cpy.timesMs.length).toBeGreaterThanOrEqual(2);
    const out = new Float64Array(cpy.outputs!.get('b')!.slice().buffer);
    expect([...out]).toEqual([...b].map((v, i) => v + 2.5 * a[i]!));
    expect(r.versions.numpy).toMatch(/^\d/);
    if (numba) {
      const nb = r.variants.numba!;
      expect(nb.ok).toBe(true);
      expect(nb.jitMs).toBeGreaterThan(nb.timesMs[0]!);
      expect(Buffer.compare(nb.outputs!.get('b')!, cpy.outputs!.get('b')!)).toBe(0);
    }
  }, 60_000);

  it('reports a failing variant without losing the others', async (ctx) => {
    if (!python) return ctx.skip(why);
    const p = plan(10);
    const r = await runPython({
      python,
      dir: path.join(tmp, 'two'),
      plan: p,
      inputs: generateInputs(p, 1),
      variants: [
        { name: 'cpython', source: PY, repetitions: 1, budgetMs: 1000, hardLimitMs: 10_000 },
        {
          name: 'numba',
          source: numba ? BROKEN : 'def kernel(**kw):\n    raise ValueError("bad")\n',
          repetitions: 1,
          budgetMs: 1000,
          hardLimitMs: 30_000,
        },
      ],
      seed: 1,
      intBound: 10,
      timeoutMs: 60_000,
    });
    expect(r.variants.cpython!.ok).toBe(true);
    expect(r.variants.numba!.ok).toBe(false);
    expect(r.variants.numba!.error).toMatch(numba ? /undefined_name/ : /ValueError: bad/);
  }, 60_000);

  it('extrapolates CPython from scaled-down runs when the full size would exceed the budget', async (ctx) => {
    if (!python) return ctx.skip(why);
    const n = 2_000_000;
    const p = plan(n);
    const scaled: ScaledRung[] = [1 / 64, 1 / 32, 1 / 16, 1 / 8, 1 / 4, 1 / 2].map((f) => ({
      factor: f,
      source: PY,
      plan: plan(Math.round(n * f)),
    }));
    const r = await runPython({
      python,
      dir: path.join(tmp, 'three'),
      plan: p,
      inputs: generateInputs(p, 1),
      variants: [{ name: 'cpython', source: PY, repetitions: 3, budgetMs: 150, hardLimitMs: 10_000, scaled }],
      seed: 1,
      intBound: 10,
      timeoutMs: 60_000,
    });
    const c = r.variants.cpython!;
    expect(c, c.error).toMatchObject({ ok: true, estimated: true });
    expect(c.outputs).toBeUndefined();
    expect(c.estimate!.ladder.length).toBeGreaterThanOrEqual(2);
    // The fitted exponent is clamped to [0.5, 6]; for this linear loop it is near 1 on a quiet machine.
    expect(c.estimate!.exponent).toBeGreaterThanOrEqual(0.5);
    expect(c.estimate!.exponent).toBeLessThanOrEqual(6);
    const last = c.estimate!.ladder.at(-1)!;
    expect(last.scale).toBeLessThan(1);
    expect(c.timesMs[0]).toBeGreaterThan(last.ms);
    expect(c.estimate!.method).toMatch(/extrapolated from scaled-down runs/);
  }, 60_000);
});
