/**
 * One /api/run: seeded inputs → CPython (the reference) and Numba in the Python worker → CPU emulation →
 * GPU, one after the other (the caller holds the run queue, so nothing else disturbs the timings) →
 * every runner's outputs compared with the reference → speedups.
 *
 * The reference is CPython's output. When CPython is over its time budget at the requested size, its time
 * is extrapolated (estimated: true) and the reference falls back to Numba's @njit twin, which runs the
 * same generated loops sequentially; the reply says which reference was used.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Analysis, Bindings, PythonParser } from '@loupe/analysis-core';
import { analyzeParsed, LOUPE_VERSION } from '@loupe/analysis-core';
import type { CodegenResult, HostPlan } from '../../../analysis-core/src/codegen/plan.js';
import type { CapabilityService } from '../capabilities/index.js';
import type { CompilerService } from '../nvrtc/compiler.js';
import { CudaError, explainCudaError } from '../nvrtc/driver.js';
import { archForDevice } from '../nvrtc/types.js';
import { compareOutputs, TOLERANCES, type Comparison } from './compare.js';
import { elementCount } from './dtypes.js';
import { EmulationError, findCxx, runEmulation } from './emulation.js';
import { GpuRunError, runOnGpu } from './gpu.js';
import type { GpuService } from './gpuService.js';
import { generateInputs, intUpperBound } from './inputs.js';
import { PythonRunError, runPython, type VariantName, type VariantResult, type VariantSpec } from './python.js';
import { timingFields, type RunnerKey, type RunnerReport } from './report.js';
import { cpythonLadder, maxExponent, regenerate } from './ladder.js';
import { speedups, type Speedups } from './speedups.js';
import { summarize } from './stats.js';

export type RunnerName = 'gpu' | 'cpu-emulation' | 'python';

/** The code generator's CPU-emulation pieces (analysis-core/src/codegen/emulation.ts). */
export interface EmulationCodegen {
  readonly shim: string;
  main(code: CodegenResult, opts: { seed: number }): string;
}

export interface RunDeps {
  readonly parser: Promise<PythonParser>;
  readonly capabilities: CapabilityService;
  readonly compilers: CompilerService;
  readonly gpu: GpuService;
  readonly emulation: EmulationCodegen;
  /** The code generator (analysis-core codegen `generate`), to regenerate the CPython ladder at smaller sizes. */
  readonly generate: (analysis: Analysis, bindings: Bindings) => CodegenResult;
  /** CPython's total time budget at the requested size before it is extrapolated instead. Default 5000. */
  readonly cpythonBudgetMs?: number;
  readonly tmpDir?: string;
}

export interface RunRequest {
  readonly source: string;
  readonly bindings: Bindings;
  readonly code: CodegenResult;
  readonly runners: readonly RunnerName[];
  readonly repetitions: number;
  readonly seed: number;
  /** Absolute deadline (Date.now() ms) for the whole run. */
  readonly deadline: number;
}

export interface RunReply {
  readonly correct: boolean;
  /** Which outputs the others were compared with. */
  readonly reference: 'cpython' | 'numba' | null;
  readonly referenceNote?: string;
  readonly tolerance: typeof TOLERANCES;
  readonly runners: Partial<Record<RunnerKey, RunnerReport>>;
  readonly speedups: Speedups;
  readonly device: {
    readonly name: string;
    readonly computeCapability: string;
    readonly multiprocessors: number;
    readonly totalMemBytes: number;
  } | null;
  /** Without a GPU: why, and what the run did instead. */
  readonly deviceNote?: string;
  readonly versions: Record<string, string>;
  readonly sizes: { readonly arrays: HostPlan['arrays']; readonly scalars: HostPlan['scalars']; readonly elements: number };
  readonly seed: number;
  readonly repetitions: number;
  readonly kernels: readonly string[];
  readonly notes: readonly string[];
  readonly totalMs: number;
}

const DEFAULT_CPYTHON_BUDGET_MS = 5000;

function comparisonFields(c: Comparison): Pick<RunnerReport, 'correct' | 'maxError' | 'mismatches' | 'firstMismatch'> {
  return {
    correct: c.correct,
    maxError: Number.isFinite(c.maxError) ? c.maxError : null,
    mismatches: c.mismatches,
    firstMismatch: c.firstMismatch,
  };
}

export async function executeRun(req: RunRequest, deps: RunDeps): Promise<RunReply> {
  const t0 = performance.now();
  const { code } = req;
  const plan = code.plan;
  const want = new Set(req.runners);
  const runners: Partial<Record<RunnerKey, RunnerReport>> = {};
  const versions: Record<string, string> = { loupe: LOUPE_VERSION };
  const caps = await deps.capabilities.report();
  const remaining = () => Math.max(1000, req.deadline - Date.now());

  const inputs = generateInputs(plan, req.seed);
  const dir = await fs.mkdtemp(path.join(deps.tmpDir ?? os.tmpdir(), 'loupe-run-'));
  try {
    // ---- Python: the CPython reference, and Numba when asked for ----
    const python = caps.python;
    const pyExe = typeof python.executable === 'string' ? python.executable : undefined;
    const hasNumba = typeof python.numba === 'string';
    const variants: VariantSpec[] = [];
    const budget = deps.cpythonBudgetMs ?? DEFAULT_CPYTHON_BUDGET_MS;
    const hardLimitMs = Math.min(60_000, remaining());
    const parser = await deps.parser;
    const ladder = {
      scaled: cpythonLadder(req.source, req.bindings, regenerate(parser, deps.generate)),
      maxExponent: maxExponent(analyzeParsed(parser.parse(req.source), req.source, req.bindings).program),
    };
    variants.push({
      name: 'cpython',
      source: code.python,
      repetitions: want.has('python') ? req.repetitions : 1,
      budgetMs: budget,
      hardLimitMs,
      ...ladder,
    });
    if (want.has('python') && hasNumba) {
      variants.push({ name: 'numba', source: code.numba, repetitions: req.repetitions, budgetMs: 10_000, hardLimitMs });
      variants.push({ name: 'numba-parallel', source: code.numbaParallel, repetitions: req.repetitions, budgetMs: 10_000, hardLimitMs });
    } else if (want.has('python')) {
      const reason = `Numba is not installed for ${pyExe ?? 'python'} (\`.venv/bin/pip install numba\`)`;
      runners.numba = { available: false, reason };
      runners['numba-parallel'] = { available: false, reason };
    }
    let py: Awaited<ReturnType<typeof runPython>> | undefined;
    if (!pyExe || !python.available || typeof python.numpy !== 'string') {
      runners.cpython = { available: false, reason: `the CPython reference needs Python with NumPy: ${python.detail}` };
    } else {
      try {
        py = await runPython({
          python: pyExe,
          dir: path.join(dir, 'python'),
          plan,
          inputs,
          variants,
          seed: req.seed,
          intBound: intUpperBound(plan),
          timeoutMs: Math.min(remaining(), 180_000),
        });
        for (const [k, v] of Object.entries(py.versions)) if (v) versions[k] = v;
      } catch (err) {
        const e = err instanceof PythonRunError ? err : new PythonRunError(String(err), '');
        runners.cpython = { available: true, error: e.message, log: e.log };
      }
    }
    const pyResult = (name: VariantName): VariantResult | undefined => py?.variants[name];
    const cpy = pyResult('cpython');
    let numba = pyResult('numba');
    // CPython over budget and Numba not asked for: run the @njit twin once, only to have a reference.
    if (cpy?.estimated && !numba && hasNumba && pyExe) {
      try {
        const extra = await runPython({
          python: pyExe,
          dir: path.join(dir, 'python-reference'),
          plan,
          inputs,
          variants: [{ name: 'numba', source: code.numba, repetitions: 1, budgetMs: 10_000, hardLimitMs }],
          seed: req.seed,
          intBound: intUpperBound(plan),
          timeoutMs: Math.min(remaining(), 120_000),
        });
        numba = extra.variants.numba;
      } catch {
        // no reference then: the reply says so
      }
    }
    let reference: RunReply['reference'] = null;
    let referenceOutputs: Map<string, Uint8Array> | undefined;
    let referenceNote: string | undefined;
    if (cpy?.ok && cpy.outputs) {
      reference = 'cpython';
      referenceOutputs = cpy.outputs;
    } else if (numba?.ok && numba.outputs) {
      reference = 'numba';
      referenceOutputs = numba.outputs;
      referenceNote = cpy?.estimated
        ? "CPython was over its time budget at this size, so outputs are compared with Numba's @njit twin (the same generated loops, run sequentially)"
        : "CPython failed, so outputs are compared with Numba's @njit twin (the same generated loops, run sequentially)";
    }
    const compare = (outputs: Map<string, Uint8Array>) =>
      referenceOutputs ? comparisonFields(compareOutputs(plan.arrays, outputs, referenceOutputs)) : {};

    if (cpy) {
      runners.cpython = cpy.ok
        ? {
            available: true,
            ...timingFields(summarize(cpy.timesMs)),
            estimated: cpy.estimated,
            ...(cpy.estimate ? { estimate: cpy.estimate.method } : {}),
            reference: reference === 'cpython',
            ...(reference === 'cpython' ? { correct: true, maxError: 0, mismatches: 0 } : cpy.outputs ? compare(cpy.outputs) : {}),
          }
        : { available: true, error: cpy.error ?? 'failed' };
    }
    for (const name of ['numba', 'numba-parallel'] as const) {
      const r = pyResult(name);
      // (a Numba run made only for the reference is not reported as a timing)
      if (!r) continue;
      runners[name] = r.ok
        ? {
            available: true,
            ...timingFields(summarize(r.timesMs)),
            ...(r.jitMs !== undefined ? { jitMs: r.jitMs } : {}),
            reference: reference === name,
            ...(r.outputs ? compare(r.outputs) : {}),
          }
        : { available: true, error: r.error ?? 'failed' };
    }

    // ---- CPU emulation: correctness of the parallelization, never a timing ----
    if (want.has('cpu-emulation')) {
      const cxx = await findCxx();
      if ('error' in cxx) runners['cpu-emulation'] = { available: false, reason: cxx.error };
      else {
        versions.cxx = cxx.version;
        try {
          const emu = await runEmulation(cxx, {
            shim: deps.emulation.shim,
            cuda: code.cuda,
            main: deps.emulation.main(code, { seed: req.seed }),
            plan,
            inputs,
            dir: path.join(dir, 'emulation'),
            timeoutMs: Math.min(remaining(), 120_000),
          });
          runners['cpu-emulation'] = {
            available: true,
            ...compare(emu.outputs),
            note: 'The CUDA kernels compiled for the CPU, grid iterations in shuffled order: this checks correctness, it is not a GPU timing',
          };
        } catch (err) {
          runners['cpu-emulation'] =
            err instanceof EmulationError ? { available: true, error: err.message, log: err.log } : { available: true, error: String(err) };
        }
      }
    }

    // ---- GPU ----
    let device: RunReply['device'] = null;
    let deviceNote: string | undefined;
    if (want.has('gpu')) {
      const status = await deps.gpu.status();
      if (!status.available) {
        runners.gpu = { available: false, reason: `no GPU: ${status.reason}` };
        deviceNote = `No GPU here (${status.reason}). Correctness is checked by CPU emulation; no GPU timings are shown.`;
      } else {
        device = status.device;
        versions.cudaDriver = status.driverVersion;
        runners.gpu = await gpuRun(deps, status, code, inputs, req, versions, compare);
      }
    }

    // The compiler's version belongs in every reply (the UI shows it beside the device), GPU or not.
    if (!versions.nvrtc && !versions.nvcc) {
      const compiler = await deps.compilers.compiler().catch(() => undefined);
      if (compiler) versions[compiler.name] = compiler.version;
    }
    const compared = Object.values(runners).filter((r) => r.correct !== undefined && !r.reference);
    const correct = reference !== null && compared.length > 0 && compared.every((r) => r.correct === true);
    return {
      correct,
      reference,
      ...(referenceNote ? { referenceNote } : {}),
      tolerance: TOLERANCES,
      runners,
      speedups: speedups(runners),
      device,
      ...(deviceNote ? { deviceNote } : {}),
      versions,
      sizes: { arrays: plan.arrays, scalars: plan.scalars, elements: plan.arrays.reduce((s, a) => s + elementCount(a.shape), 0) },
      seed: req.seed,
      repetitions: req.repetitions,
      kernels: code.kernels.map((k) => k.name),
      notes: code.notes,
      totalMs: performance.now() - t0,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function gpuRun(
  deps: RunDeps,
  status: Extract<Awaited<ReturnType<GpuService['status']>>, { available: true }>,
  code: CodegenResult,
  inputs: Map<string, Uint8Array>,
  req: RunRequest,
  versions: Record<string, string>,
  compare: (o: Map<string, Uint8Array>) => Partial<RunnerReport>,
): Promise<RunnerReport> {
  try {
    const compiler = await deps.compilers.compiler();
    const arch = archForDevice(status.device.computeCapability, compiler.supportedArchs?.() ?? []);
    const compiled = await deps.compilers.compile(code.cuda, arch, compiler);
    versions[compiled.compiler] = compiled.version;
    if (!compiled.ok)
      return { available: true, error: `the generated CUDA did not compile for ${arch}: ${compiled.error}`, log: compiled.log };
    const r = await runOnGpu(status.driver, {
      ptx: compiled.ptx,
      kernels: code.kernels,
      plan: code.plan,
      inputs,
      repetitions: req.repetitions,
      warmup: 1,
      deadline: req.deadline,
      ordinal: status.device.ordinal,
    });
    return {
      available: true,
      ...timingFields(r.kernel),
      kernel: r.kernel,
      endToEnd: r.endToEnd,
      launches: r.launches,
      ...compare(r.outputs),
    };
  } catch (err) {
    if (err instanceof CudaError) return { available: true, error: explainCudaError(err) };
    if (err instanceof GpuRunError) return { available: true, error: err.message };
    return { available: true, error: err instanceof Error ? err.message : String(err) };
  }
}
