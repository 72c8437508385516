/**
 * Every benchmark (analysis-core/examples/benchmarks, sizes from their `# loupe:` comment scaled to half)
 * and every teaching example that generates kernels (its own small sizes): the generated CUDA compiles
 * with real NVRTC, and the same kernels run in the CPU emulation (shuffled thread order) give outputs
 * equal to CPython's (the generated baseline, on identical seeded inputs) within the stated tolerance.
 *
 * Work is batched to fit the test budget: NVRTC compiles on koffi's worker threads, emulation binaries
 * build in parallel (one per core, shim precompiled once), and one Python process computes every
 * CPython reference.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeParsed, bindingsFromComment, type Bindings } from '@loupe/analysis-core';
import { nodeParser } from '../../../analysis-core/node/parser.js';
import { EMULATION_SHIM, emulationMain } from '../../../analysis-core/src/codegen/emulation.js';
import { generate } from '../../../analysis-core/src/codegen/generate.js';
import type { CodegenResult } from '../../../analysis-core/src/codegen/plan.js';
import { detectPython } from '../../src/capabilities/python.js';
import { Nvrtc } from '../../src/nvrtc/nvrtc.js';
import type { CompileOutcome } from '../../src/nvrtc/types.js';
import { repoRoot } from '../../src/paths.js';
import { compareOutputs, type Comparison } from '../../src/runners/compare.js';
import { findCxx, runEmulation } from '../../src/runners/emulation.js';
import { generateInputs, intUpperBound } from '../../src/runners/inputs.js';
import { runPythonJobs, type PythonJob } from '../../src/runners/python.js';
import { scaleBindings } from '../../src/runners/scale.js';

const examplesDir = path.join(repoRoot(), 'analysis-core', 'examples');
const SEED = 20240611;

interface Program {
  readonly id: string;
  readonly group: 'benchmarks' | 'teaching';
  readonly code: CodegenResult | null;
  readonly why?: string;
}

function listPrograms(): { id: string; group: Program['group']; source: string }[] {
  const out: { id: string; group: Program['group']; source: string }[] = [];
  for (const group of ['benchmarks', 'teaching'] as const) {
    const dir = path.join(examplesDir, group);
    const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.py')) : [];
    for (const name of names.sort()) out.push({ id: `${group}/${name}`, group, source: fs.readFileSync(path.join(dir, name), 'utf8') });
  }
  return out;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

const listed = listPrograms();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-examples-'));
let programs: Program[] = [];
const compiled = new Map<string, CompileOutcome>();
const emulated = new Map<string, Comparison | string>();
let nvrtcWhy = '';
let runWhy = '';

beforeAll(async () => {
  const parser = await nodeParser();
  programs = listed.map(({ id, group, source }) => {
    const fromComment = bindingsFromComment(source);
    if (!fromComment || fromComment.errors.length > 0) return { id, group, code: null, why: 'no usable # loupe: bindings' };
    const bindings: Bindings = group === 'benchmarks' ? scaleBindings(fromComment.bindings, 1 / 2) : fromComment.bindings;
    const code = generate(analyzeParsed(parser.parse(source), source, bindings), bindings);
    if (code.kernels.length === 0) return { id, group, code: null, why: code.notes.join(' ') || 'no kernels' };
    return { id, group, code };
  });
  const withKernels = programs.filter((p) => p.code);

  // NVRTC: every translation unit, compiled concurrently on koffi's worker threads.
  try {
    const nvrtc = await Nvrtc.open(repoRoot());
    await mapLimit(withKernels, 4, async (p) =>
      compiled.set(p.id, await nvrtc.compile({ source: p.code!.cuda, arch: 'compute_90', name: `${path.basename(p.id, '.py')}.cu` })),
    );
  } catch (err) {
    nvrtcWhy = err instanceof Error ? err.message : String(err);
    console.warn(`[skip] NVRTC compile of the examples: ${nvrtcWhy}`);
  }

  const cxx = await findCxx();
  const py = await detectPython(repoRoot());
  if ('error' in cxx) runWhy = cxx.error;
  else if (!py.available || typeof py.numpy !== 'string' || typeof py.executable !== 'string')
    runWhy = `no Python with NumPy: ${py.detail}`;
  if (runWhy) {
    console.warn(`[skip] emulation vs CPython for the examples: ${runWhy}`);
    return;
  }
  if ('error' in cxx || typeof py.executable !== 'string') return;

  // CPython references: one worker process for every program.
  const inputs = new Map(withKernels.map((p) => [p.id, generateInputs(p.code!.plan, SEED)]));
  const jobs: PythonJob[] = withKernels.map((p, i) => ({
    dir: path.join(tmp, `py${i}`),
    plan: p.code!.plan,
    inputs: inputs.get(p.id)!,
    variants: [{ name: 'cpython', source: p.code!.python, repetitions: 1, budgetMs: 10_000, hardLimitMs: 30_000 }],
    seed: SEED,
    intBound: intUpperBound(p.code!.plan),
  }));
  const refs = await runPythonJobs(py.executable, jobs, 120_000, tmp);

  // Emulation: binaries built in parallel, then each compared with its reference.
  await mapLimit(withKernels, Math.max(1, os.availableParallelism()), async (p) => {
    const i = withKernels.indexOf(p);
    const ref = refs[i]!.variants.cpython;
    if (!ref?.ok || !ref.outputs) {
      emulated.set(p.id, `CPython failed: ${ref?.error ?? 'no result'}`);
      return;
    }
    try {
      const emu = await runEmulation(cxx, {
        shim: EMULATION_SHIM,
        cuda: p.code!.cuda,
        main: emulationMain(p.code!, { seed: SEED }),
        plan: p.code!.plan,
        inputs: inputs.get(p.id)!,
        dir: path.join(tmp, `emu${i}`),
        timeoutMs: 60_000,
      });
      emulated.set(p.id, compareOutputs(p.code!.plan.arrays, emu.outputs, ref.outputs));
    } catch (err) {
      emulated.set(
        p.id,
        `emulation failed: ${err instanceof Error ? err.message : String(err)} ${(err as { log?: string }).log ?? ''}`.slice(0, 2000),
      );
    }
  });
}, 240_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('examples: NVRTC compile and CPU emulation equal to CPython', () => {
  it('covers all 12 benchmarks and the teaching examples that generate kernels', () => {
    const bench = programs.filter((p) => p.group === 'benchmarks');
    expect(bench).toHaveLength(12);
    expect(bench.filter((p) => !p.code).map((p) => `${p.id}: ${p.why}`)).toEqual([]);
    expect(programs.filter((p) => p.group === 'teaching' && p.code).length).toBeGreaterThan(40);
  });

  it.for(listed.map((l) => l.id))('%s', (id, ctx) => {
    const p = programs.find((q) => q.id === id)!;
    if (!p.code) return ctx.skip(`no kernels: ${p.why}`);
    if (!nvrtcWhy) {
      const c = compiled.get(id);
      expect(c?.ok, c && !c.ok ? `${c.error}\n${c.log}` : 'not compiled').toBe(true);
    }
    if (runWhy) return;
    const r = emulated.get(id);
    expect(typeof r === 'string' ? r : '').toBe('');
    const cmp = r as Comparison;
    expect(cmp.correct, `mismatch: ${JSON.stringify(cmp.firstMismatch)} (max error ${cmp.maxError})`).toBe(true);
    expect(cmp.arrays.length).toBeGreaterThan(0);
  });
});
