/**
 * Structure of the generated code and plan (grid mapping, host loops, reductions, privatized locals,
 * Python baselines, line map, speed), plus Python's arithmetic semantics checked end to end: a snippet
 * exercising `//`, `%`, `**`, true division, math functions and float32 runs in the CPU emulation and in
 * CPython on the same inputs.
 */
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { bindingsFromComment, type Bindings } from '../../src/bindings.js';
import { generate } from '../../src/codegen/generate.js';
import type { CodegenResult, PlanStep } from '../../src/codegen/plan.js';
import { loadExamples } from '../helpers/examples.js';
import { parser } from '../helpers/parser.js';
import { emulateAgainstPython, gxxMissing, numpyMissing } from './harness.js';
import { SEMANTICS, SNIPPETS } from './snippets.js';

const examples = loadExamples();
const byName = (group: string, name: string): { source: string; bindings: Bindings } => {
  const ex = examples.find((e) => e.group === group && e.name === name);
  if (!ex) throw new Error(`no example ${group}/${name}`);
  return ex;
};

async function gen(source: string, bindings?: Bindings): Promise<CodegenResult> {
  const b = bindings ?? bindingsFromComment(source)!.bindings;
  const p = await parser();
  return generate(analyzeParsed(p.parse(source), source, b), b);
}

const launches = (steps: readonly PlanStep[]): string[] =>
  steps.flatMap((s) =>
    s.kind === 'launch' ? [s.kernel] : s.kind === 'host-loop' ? launches(s.body).map((k) => `${s.var}:${k}`) : [`host-only:${s.loop}`],
  );

describe('code generation structure', () => {
  it('gemm: i, j on the grid (j on x), k sequential in each thread, 2-D block 32×8', async () => {
    const { source, bindings } = byName('benchmarks', 'gemm');
    const r = await gen(source, bindings);
    expect(r.kernels).toHaveLength(1);
    const k = r.kernels[0]!;
    const program = analyzeParsed((await parser()).parse(source), source, bindings).program;
    expect(k.gridLoops.map((id) => program.loops[id]!.var)).toEqual(['j', 'i']);
    expect(k.innerLoops.map((id) => program.loops[id]!.var)).toEqual(['k']);
    expect(r.plan.steps).toEqual([
      {
        kind: 'launch',
        kernel: k.name,
        grid: [Math.ceil(70 / 32), Math.ceil(60 / 8), 1],
        block: [32, 8, 1],
        args: expect.any(Array),
      },
    ]);
    expect(r.cuda).toContain('const int j = blockIdx.x * blockDim.x + threadIdx.x;');
    expect(r.cuda).toContain('const int i = blockIdx.y * blockDim.y + threadIdx.y;');
    expect(r.cuda).toContain('C[i * 70 + j] += alpha * A[i * 80 + k] * B[k * 70 + j];');
    expect(r.cuda).toMatch(
      /extern "C" __global__ void kernel_L9\(const double\* __restrict__ A, const double\* __restrict__ B, double\* __restrict__ C, int ni, int nj, int nk, double alpha, double beta\)/,
    );
    expect(k.params.map((p) => p.name)).toEqual(['A', 'B', 'C', 'ni', 'nj', 'nk', 'alpha', 'beta']);
    expect(r.plan.arrays.map((a) => `${a.name}:${a.role}`)).toEqual(['A:in', 'B:in', 'C:inout']);
    expect(r.python).toContain('def kernel(ni, nj, nk, alpha, beta, A, B, C):');
    expect(r.numba).toContain('@numba.njit\ndef kernel(');
    expect(r.numbaParallel).toContain('for i in numba.prange(ni):');
  });

  it('jacobi-2d: the time loop is a host loop around two 2-D launches', async () => {
    const { source, bindings } = byName('benchmarks', 'jacobi_2d');
    const r = await gen(source, bindings);
    expect(launches(r.plan.steps)).toEqual(['t:kernel_L11', 't:kernel_L14']);
    const loop = r.plan.steps[0]!;
    expect(loop).toMatchObject({ kind: 'host-loop', var: 't', start: 0, stop: 40, step: 1 });
    // Interior 1 … n-2: starts are reconstructed from the normalised counter.
    expect(r.cuda).toContain('const int i = 1 + (int)(blockIdx.y * blockDim.y + threadIdx.y);');
    expect(r.cuda).toContain('if (i < n - 1 && j < n - 1) {');
  });

  it('fdtd-2d: a host-loop variable read by a kernel is passed as a loopvar argument', async () => {
    const { source, bindings } = byName('benchmarks', 'fdtd_2d');
    const r = await gen(source, bindings);
    const loop = r.plan.steps[0]!;
    expect(loop.kind).toBe('host-loop');
    const first = (loop as Extract<PlanStep, { kind: 'host-loop' }>).body[0] as Extract<PlanStep, { kind: 'launch' }>;
    expect(first.args).toContainEqual({ kind: 'loopvar', name: 't' });
    expect(r.cuda).toContain('ey[j] = fict[t];');
  });

  it('heat-3d: three parallel loops map to a 3-D grid with 8×8×4 blocks', async () => {
    const { source, bindings } = byName('benchmarks', 'heat_3d');
    const r = await gen(source, bindings);
    const body = (r.plan.steps[0] as Extract<PlanStep, { kind: 'host-loop' }>).body;
    expect(body[0]).toMatchObject({ kind: 'launch', block: [8, 8, 4], grid: [3, 3, 5] });
    expect(r.kernels[0]!.gridLoops).toHaveLength(3);
  });

  it('covariance: a triangular inner grid loop starts at the outer variable', async () => {
    const { source, bindings } = byName('benchmarks', 'covariance');
    const r = await gen(source, bindings);
    expect(r.cuda).toContain('const int j = i + (int)(blockIdx.x * blockDim.x + threadIdx.x);');
    expect(r.cuda).toContain('if (i < m && j < m) {');
  });

  it('black-scholes: privatized scalars are locals declared where first assigned', async () => {
    const { source, bindings } = byName('benchmarks', 'black_scholes');
    const r = await gen(source, bindings);
    expect(r.cuda).toContain('double sqrt_t = sqrt(T[i]);');
    expect(r.cuda).toContain('erf(d1 / sqrt(2.0))');
    expect(r.plan.arrays.some((a) => a.scalar)).toBe(false);
  });

  it('atax: a reduction whose element changes inside the kernel uses one atomic per update', async () => {
    const { source, bindings } = byName('benchmarks', 'atax');
    const r = await gen(source, bindings);
    expect(r.cuda).toContain('atomicAdd(&y[j], A[i * 124 + j] * tmp[i]);');
    expect(r.notes.join('\n')).toMatch(/numba parallel: loop `i` \(line 11\)/);
  });

  it('scalar sum: block reduction in shared memory, one atomic per block, result returned by the baselines', async () => {
    const { source, bindings } = byName('teaching', 'verdict_reduction_sum');
    const r = await gen(source, bindings);
    const k = r.kernels.find((x) => !x.serial)!;
    expect(k.blockSync).toBe(true);
    expect(k.reductions).toEqual([{ variable: 's', op: '+', dtype: 'float64' }]);
    expect(r.cuda).toContain('__syncthreads();');
    expect(r.cuda).toContain('atomicAdd(s_cell, s_s[0]);');
    expect(r.plan.arrays).toContainEqual({ name: 's', dtype: 'float64', shape: [1], role: 'out', scalar: true });
    expect(r.python).toContain('return {"s": s}');
    expect(r.numba).toContain('return (s,)');
    expect(r.numba).toContain('results["s"] = values[0]');
  });

  it('max reduction: compare-and-swap atomic; Numba parallel declines it with a note', async () => {
    const { source, bindings } = byName('teaching', 'verdict_reduction_max');
    const r = await gen(source, bindings);
    expect(r.cuda).toContain('loupe_atomic_max_float64(m_cell, m_s[0]);');
    expect(r.notes.join('\n')).toContain('prange does not recognise a `max` reduction');
  });

  it('a sequential nest is host-only with a one-thread fallback kernel', async () => {
    const { source, bindings } = byName('teaching', 'verdict_sequential_prefix_sum');
    const r = await gen(source, bindings);
    const step = r.plan.steps[0]!;
    expect(step.kind).toBe('host-only');
    expect(step.kind === 'host-only' && step.fallback?.grid).toEqual([1, 1, 1]);
    expect(r.kernels[0]!.serial).toBe(true);
  });

  it('without bindings: static verdicts, CUDA with extents as arguments, and a plan that says what to bind', async () => {
    const source = 'def f(a, b, n):\n    for i in range(n):\n        b[i] = 2.0 * a[i]\n';
    const r = await gen(source, { ints: new Map(), floats: new Map(), arrays: new Map() });
    expect(r.cuda).toContain('b[i] = 2.0 * a[i];');
    expect(r.plan.steps).toEqual([]);
    expect(r.plan.missing).toEqual(['a', 'b', 'n']);
  });

  it('line map: every statement and loop line of every benchmark maps into the CUDA', async () => {
    for (const ex of examples.filter((e) => e.group === 'benchmarks')) {
      const r = await gen(ex.source, ex.bindings);
      const cudaLines = r.cuda.split('\n');
      const mapped = new Set(r.kernels.flatMap((k) => k.lineMap.map(([, py]) => py)));
      const p = await parser();
      const program = analyzeParsed(p.parse(ex.source), ex.source, ex.bindings).program;
      for (const s of program.statements) if (s.target !== null) expect(mapped.has(s.line), `${ex.name} line ${s.line}`).toBe(true);
      for (const k of r.kernels) {
        for (const [cu, py] of k.lineMap) expect(cudaLines[cu - 1], `${ex.name} CUDA line ${cu}`).toMatch(new RegExp(`line ${py}[:]|\\S`));
      }
      // Comments quote regenerated Python for the mapped line.
      expect(r.cuda).toMatch(/\/\/ line \d+: /);
    }
  });

  it('generates each benchmark in under 5 ms', async () => {
    const p = await parser();
    const times: string[] = [];
    for (const ex of examples.filter((e) => e.group === 'benchmarks')) {
      const a = analyzeParsed(p.parse(ex.source), ex.source, ex.bindings);
      for (let i = 0; i < 5; i++) generate(a, ex.bindings);
      const ts: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t0 = performance.now();
        generate(a, ex.bindings);
        ts.push(performance.now() - t0);
      }
      ts.sort((x, y) => x - y);
      times.push(`${ex.name} ${ts[10]!.toFixed(2)} ms (best ${ts[0]!.toFixed(2)})`);
      // The best of 21 runs: robust to a loaded test machine, still a real bound on the work.
      expect(ts[0]!, ex.name).toBeLessThan(5);
    }
    console.log(`codegen time per benchmark (median): ${times.join(', ')}`);
  });
});

describe("Python's arithmetic in CUDA", () => {
  it(
    'floor division, modulo, powers, true division, math functions, float32 and int32 agree with CPython',
    { timeout: 120_000 },
    async () => {
      const r = await gen(SEMANTICS);
      expect(r.cuda).toContain('loupe_floordiv(i - 7, 3)');
      expect(r.cuda).toContain('floor((-7.5 + i) / 2.0)');
      expect(r.cuda).toContain('0.5f * d[i]');
      const skip = (await gxxMissing()) ?? (await numpyMissing());
      if (skip) {
        console.warn(`SKIPPED semantics emulation: ${skip}`);
        return;
      }
      const { mismatches } = await emulateAgainstPython('semantics', r, 11);
      expect(mismatches).toEqual([]);
    },
  );
});

describe('other constructs in the emulation', () => {
  for (const [name, source] of Object.entries(SNIPPETS)) {
    it(name, { timeout: 120_000 }, async () => {
      const r = await gen(source);
      expect(r.kernels.some((k) => !k.serial)).toBe(true);
      const skip = (await gxxMissing()) ?? (await numpyMissing());
      if (skip) {
        console.warn(`SKIPPED ${name} emulation: ${skip}`);
        return;
      }
      const { mismatches } = await emulateAgainstPython(name, r, 13);
      expect(mismatches).toEqual([]);
    });
  }
});
