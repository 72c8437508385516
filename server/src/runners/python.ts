/**
 * The python runner: a worker process (the project venv's interpreter, or any python3 with NumPy) runs
 * the fixed harness (harness.py, committed) over modules generated from the IR: the plain-Python baseline
 * (the CPython reference and timing), its @njit twin and its @njit(parallel=True) twin. The harness gets
 * data only (a JSON config and .bin inputs); the server never passes client text to Python.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExecError, runBounded } from '../capabilities/exec.js';
import type { HostPlan, PlanArray } from '../../../analysis-core/src/codegen/plan.js';
import { byteSize } from './dtypes.js';

export const HARNESS_PATH = fileURLToPath(new URL('./harness.py', import.meta.url));

export type VariantName = 'cpython' | 'numba' | 'numba-parallel';

export interface ScaledRung {
  readonly factor: number;
  readonly source: string;
  readonly plan: HostPlan;
}

export interface VariantSpec {
  readonly name: VariantName;
  readonly source: string;
  readonly repetitions: number;
  /** CPython: total time budget; Numba: time budget for the timed repetitions. */
  readonly budgetMs: number;
  /** A single call running longer than this is abandoned. */
  readonly hardLimitMs: number;
  /** CPython only: scaled-down rungs for extrapolation, smallest first. */
  readonly scaled?: readonly ScaledRung[];
  /** CPython only: the fitted exponent is clamped to [0.5, maxExponent] (the deepest loop nest). */
  readonly maxExponent?: number;
}

export interface VariantResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly timesMs: readonly number[];
  readonly estimated: boolean;
  readonly estimate?: {
    readonly ms: number;
    readonly method: string;
    readonly exponent: number;
    readonly ladder: readonly { scale: number; ms: number }[];
  };
  readonly jitMs?: number;
  /** out/inout arrays after the last call (absent when estimated or failed). */
  readonly outputs?: Map<string, Uint8Array>;
}

export interface PythonRunResult {
  readonly variants: Partial<Record<VariantName, VariantResult>>;
  readonly versions: { readonly python?: string; readonly numpy?: string; readonly numba?: string };
}

export class PythonRunError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'PythonRunError';
  }
}

interface HarnessVariantOut {
  ok: boolean;
  error?: string;
  times_ms?: number[];
  estimated?: boolean;
  estimate?: { ms: number; method: string; exponent: number; ladder: { scale: number; ms: number }[] };
  jit_ms?: number;
}

const planArrays = (arrays: readonly PlanArray[]) =>
  arrays.map((a) => ({ name: a.name, dtype: a.dtype, shape: a.shape, role: a.role, scalar: a.scalar === true }));

export interface PythonJob {
  /** A fresh directory for this job (inputs, generated modules, outputs). */
  readonly dir: string;
  readonly plan: HostPlan;
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  readonly variants: readonly VariantSpec[];
  readonly seed: number;
  readonly intBound: number;
}

async function prepare(job: PythonJob): Promise<unknown> {
  await fs.mkdir(job.dir, { recursive: true });
  for (const a of job.plan.arrays) {
    const bytes = job.inputs.get(a.name);
    if (!bytes) throw new PythonRunError(`no input data for array '${a.name}'`, '');
    await fs.writeFile(path.join(job.dir, `${a.name}.bin`), bytes);
  }
  const variants = [];
  for (const v of job.variants) {
    const stem = `gen_${v.name.replace('-', '_')}`;
    const module = path.join(job.dir, `${stem}.py`);
    await fs.writeFile(module, v.source);
    const scaled = [];
    for (const [i, rung] of (v.scaled ?? []).entries()) {
      const file = path.join(job.dir, `${stem}_scaled${i}.py`);
      await fs.writeFile(file, rung.source);
      scaled.push({ factor: rung.factor, module: file, arrays: planArrays(rung.plan.arrays), scalars: rung.plan.scalars });
    }
    variants.push({
      name: v.name,
      kind: v.name === 'cpython' ? 'cpython' : 'numba',
      module,
      repetitions: v.repetitions,
      budget_ms: v.budgetMs,
      hard_limit_ms: v.hardLimitMs,
      max_exponent: v.maxExponent ?? 6,
      scaled,
    });
  }
  return {
    dir: job.dir,
    arrays: planArrays(job.plan.arrays),
    scalars: job.plan.scalars,
    variants,
    seed: job.seed,
    int_bound: job.intBound,
  };
}

async function collect(job: PythonJob, raw: Record<string, HarnessVariantOut>): Promise<PythonRunResult['variants']> {
  const out: Partial<Record<VariantName, VariantResult>> = {};
  for (const v of job.variants) {
    const r = raw[v.name];
    if (!r) continue;
    let outputs: Map<string, Uint8Array> | undefined;
    if (r.ok && !r.estimated) {
      outputs = new Map();
      for (const a of job.plan.arrays) {
        if (a.role === 'in') continue;
        try {
          const bytes = await fs.readFile(path.join(job.dir, `${a.name}.${v.name}.out.bin`));
          if (bytes.byteLength === byteSize(a)) outputs.set(a.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        } catch {
          // a missing output shows up as a mismatch in the comparison
        }
      }
    }
    out[v.name] = {
      ok: r.ok,
      ...(r.error ? { error: r.error } : {}),
      timesMs: r.times_ms ?? [],
      estimated: Boolean(r.estimated),
      ...(r.estimate ? { estimate: r.estimate } : {}),
      ...(r.jit_ms !== undefined ? { jitMs: r.jit_ms } : {}),
      ...(outputs ? { outputs } : {}),
    };
  }
  return out;
}

/** Runs several jobs in one worker process (interpreter and NumPy start once). */
export async function runPythonJobs(
  python: string,
  jobs: readonly PythonJob[],
  timeoutMs: number,
  workDir: string,
): Promise<PythonRunResult[]> {
  const configs = [];
  for (const job of jobs) configs.push(await prepare(job));
  await fs.mkdir(workDir, { recursive: true });
  const config = path.join(workDir, 'harness.json');
  await fs.writeFile(config, JSON.stringify({ jobs: configs }));
  let stdout: string;
  try {
    // -I: isolated (no user site, no PYTHON* variables, no script dir on sys.path); -B: no .pyc files.
    ({ stdout } = await runBounded(python, ['-I', '-B', HARNESS_PATH, config], {
      timeoutMs,
      maxBuffer: 1024 * 1024,
      cwd: workDir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workDir, NUMBA_CACHE_DIR: workDir },
    }));
  } catch (err) {
    const log = err instanceof ExecError ? err.stderr.slice(-4000) : '';
    throw new PythonRunError(
      `the Python worker ${err instanceof Error ? err.message.replace(python, 'python').split('\n')[0] : String(err)}`,
      log,
    );
  }
  const last = stdout.trim().split('\n').pop() ?? '';
  let parsed: { jobs: { variants: Record<string, HarnessVariantOut> }[]; versions: PythonRunResult['versions'] };
  try {
    parsed = JSON.parse(last) as typeof parsed;
  } catch {
    throw new PythonRunError('the Python worker did not print its JSON result', stdout.slice(-2000));
  }
  const results: PythonRunResult[] = [];
  for (const [i, job] of jobs.entries())
    results.push({ variants: await collect(job, parsed.jobs[i]?.variants ?? {}), versions: parsed.versions });
  return results;
}

export async function runPython(opts: PythonJob & { python: string; timeoutMs: number }): Promise<PythonRunResult> {
  const [r] = await runPythonJobs(opts.python, [opts], opts.timeoutMs, opts.dir);
  return r!;
}
