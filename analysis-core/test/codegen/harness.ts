/**
 * Node-side harness for the code-generation tests: small bindings, seeded inputs, the g++-compiled CPU
 * emulation, the regenerated Python baseline run by the project venv's python (NumPy), and an output
 * comparison with stated tolerances.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Bindings, ArrayBinding } from '../../src/bindings.js';
import type { CodegenResult, PlanArray } from '../../src/codegen/plan.js';
import { EMULATION_CXX_FLAGS, emulationSource } from '../../src/codegen/emulation.js';

const run = promisify(execFile);

export const repoRoot = resolve(__dirname, '..', '..', '..');
export const venvPython = join(repoRoot, '.venv', 'bin', 'python');

/** Why a tool is unusable, or null when it works (checked once per process). */
const probes = new Map<string, Promise<string | null>>();
function probe(key: string, f: () => Promise<void>): Promise<string | null> {
  let p = probes.get(key);
  if (!p) {
    p = f().then(
      () => null,
      (e: unknown) => (e instanceof Error ? e.message.split('\n')[0]! : String(e)),
    );
    probes.set(key, p);
  }
  return p;
}

export const gxxMissing = (): Promise<string | null> => probe('g++', async () => void (await run('g++', ['--version'])));
export const nvccMissing = (): Promise<string | null> => probe('nvcc', async () => void (await run('nvcc', ['--version'])));
export const numpyMissing = (): Promise<string | null> =>
  probe('numpy', async () => {
    if (!existsSync(venvPython))
      throw new Error(`no project venv at ${venvPython} (python3 -m venv .venv && .venv/bin/pip install numpy numba)`);
    await run(venvPython, ['-c', 'import numpy']);
  });
export const numbaMissing = (): Promise<string | null> => probe('numba', async () => void (await run(venvPython, ['-c', 'import numba'])));

/** Time-step counts stay ≤ 3; every other size maps into 8…30 — consistently, so shapes still agree with the sizes. */
export function smallBindings(b: Bindings): Bindings {
  const TIME = /^(t|ts|tsteps|tmax|steps|nsteps|nt|iters?|niter)$/i;
  const map = new Map<bigint, bigint>();
  const small = (v: bigint): bigint => (v <= 32n ? v : 8n + (v % 23n));
  for (const [name, v] of b.ints) if (TIME.test(name) && !map.has(v)) map.set(v, v < 3n ? v : 3n);
  for (const v of b.ints.values()) if (!map.has(v)) map.set(v, small(v));
  const ints = new Map([...b.ints].map(([k, v]) => [k, map.get(v)!] as const));
  const arrays = new Map<string, ArrayBinding>(
    [...b.arrays].map(([k, a]) => [k, { dtype: a.dtype, shape: a.shape.map((d) => map.get(d) ?? small(d)) }] as const),
  );
  return { ints, floats: b.floats, arrays };
}

/** mulberry32: a tiny seeded PRNG (same inputs on every run and machine). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function encode(a: PlanArray, values: readonly number[]): Buffer {
  const n = values.length;
  switch (a.dtype) {
    case 'float64':
      return Buffer.from(new Float64Array(values).buffer);
    case 'float32':
      return Buffer.from(new Float32Array(values).buffer);
    case 'int64':
      return Buffer.from(new BigInt64Array(values.map((v) => BigInt(Math.trunc(v)))).buffer);
    case 'int32':
      return Buffer.from(new Int32Array(n).map((_, i) => Math.trunc(values[i]!)).buffer);
  }
}

export function decode(dtype: PlanArray['dtype'], buf: Buffer): number[] {
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  switch (dtype) {
    case 'float64':
      return [...new Float64Array(ab)];
    case 'float32':
      return [...new Float32Array(ab)];
    case 'int64':
      return [...new BigInt64Array(ab)].map(Number);
    case 'int32':
      return [...new Int32Array(ab)];
  }
}

/** Seeded inputs for every array except scalar cells: floats in [0.5, 1.5) (no cancellation surprises), ints in [0, 8). */
export function writeInputs(dir: string, result: CodegenResult, seed: number): void {
  const next = rng(seed);
  for (const a of result.plan.arrays) {
    if (a.scalar) continue;
    const n = a.shape.reduce((p, d) => p * d, 1);
    const isFloat = a.dtype === 'float64' || a.dtype === 'float32';
    const values = Array.from({ length: n }, () => (isFloat ? 0.5 + next() : Math.floor(next() * 8)));
    writeFileSync(join(dir, `${a.name}.bin`), encode(a, values));
  }
}

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `loupe-${tag.replace(/\W/g, '_')}-`));
}

/** Compiles the emulation (shim + kernels + driver) with g++ -O1 -std=c++17; returns the binary's path. */
export async function compileEmulation(dir: string, result: CodegenResult, seed: number): Promise<string> {
  const src = join(dir, 'emu.cpp');
  const bin = join(dir, 'emu');
  writeFileSync(src, emulationSource(result, { seed }));
  await run('g++', [...EMULATION_CXX_FLAGS, '-o', bin, src], { timeout: 120_000 });
  return bin;
}

export async function runEmulation(bin: string, dataDir: string): Promise<string> {
  const r = await run(bin, [dataDir], { timeout: 120_000 });
  return r.stdout;
}

const HARNESS = `
import importlib.util, json, sys
import numpy as np

data, module_path, plan_path, entry = sys.argv[1:5]
plan = json.load(open(plan_path))
spec = importlib.util.spec_from_file_location("baseline", module_path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
arrays = {}
for a in plan["arrays"]:
    if a.get("scalar"):
        continue
    arrays[a["name"]] = np.fromfile(f"{data}/{a['name']}.bin", dtype=a["dtype"]).reshape(a["shape"])
scalars = {s["name"]: (int(s["value"]) if s["kind"] == "int" else float(s["value"])) for s in plan["scalars"]}
results = getattr(mod, entry)(**arrays, **scalars) or {}
for a in plan["arrays"]:
    if a["role"] == "in":
        continue
    out = f"{data}/{a['name']}.out.bin"
    if a.get("scalar"):
        np.array([results[a["name"]]], dtype=a["dtype"]).tofile(out)
    else:
        arrays[a["name"]].tofile(out)
`;

/** Runs one generated Python module's `kernel` on the inputs in `dataDir` (outputs written beside them). */
export async function runPython(dataDir: string, moduleText: string, result: CodegenResult): Promise<void> {
  const harness = join(dataDir, 'harness.py');
  const module = join(dataDir, 'baseline.py');
  const plan = join(dataDir, 'plan.json');
  writeFileSync(harness, HARNESS);
  writeFileSync(module, moduleText);
  writeFileSync(plan, JSON.stringify(result.plan));
  await run(venvPython, [harness, dataDir, module, plan, 'kernel'], { timeout: 120_000 });
}

export function copyDir(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(from, to, { recursive: true });
}

export interface Mismatch {
  readonly array: string;
  readonly index: number;
  readonly expected: number;
  readonly actual: number;
}

/** float64: rtol 1e-9; float32: rtol 1e-4; both with atol = rtol·max|expected| (sums reordered across threads); ints exact. */
export function compareOutputs(result: CodegenResult, expectedDir: string, actualDir: string): Mismatch[] {
  const out: Mismatch[] = [];
  for (const a of result.plan.arrays) {
    if (a.role === 'in') continue;
    const exp = decode(a.dtype, readFileSync(join(expectedDir, `${a.name}.out.bin`)));
    const act = decode(a.dtype, readFileSync(join(actualDir, `${a.name}.out.bin`)));
    const rtol = a.dtype === 'float64' ? 1e-9 : a.dtype === 'float32' ? 1e-4 : 0;
    const scale = exp.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    if (exp.length !== act.length) {
      out.push({ array: a.name, index: -1, expected: exp.length, actual: act.length });
      continue;
    }
    for (let i = 0; i < exp.length; i++) {
      const e = exp[i]!;
      const x = act[i]!;
      const same = Object.is(e, x) || (Number.isNaN(e) && Number.isNaN(x)) || Math.abs(e - x) <= rtol * Math.abs(e) + rtol * scale;
      if (!same) out.push({ array: a.name, index: i, expected: e, actual: x });
    }
  }
  return out;
}

/** Runs the emulation and CPython on the same seeded inputs and returns the mismatches. */
export async function emulateAgainstPython(
  tag: string,
  result: CodegenResult,
  seed: number,
): Promise<{ mismatches: Mismatch[]; emulationStdout: string }> {
  const root = tempDir(tag);
  const inputs = join(root, 'inputs');
  mkdirSync(inputs);
  writeInputs(inputs, result, seed);
  const emu = join(root, 'emu-data');
  const py = join(root, 'py-data');
  copyDir(inputs, emu);
  copyDir(inputs, py);
  const [bin] = await Promise.all([compileEmulation(root, result, seed), runPython(py, result.python, result)]);
  const stdout = await runEmulation(bin, emu);
  return { mismatches: compareOutputs(result, py, emu), emulationStdout: stdout };
}

const MULTI = `
import importlib.util, json, sys, time
import numpy as np

for case in json.load(open(sys.argv[1])):
    plan = case["plan"]
    for flavour, module_path in case["modules"].items():
        data = f"{case['dir']}/{flavour}"
        spec = importlib.util.spec_from_file_location(f"baseline_{flavour}", module_path)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        arrays = {}
        for a in plan["arrays"]:
            if not a.get("scalar"):
                arrays[a["name"]] = np.fromfile(f"{case['inputs']}/{a['name']}.bin", dtype=a["dtype"]).reshape(a["shape"])
        scalars = {s["name"]: (int(s["value"]) if s["kind"] == "int" else float(s["value"])) for s in plan["scalars"]}
        results = mod.kernel(**arrays, **scalars) or {}
        for a in plan["arrays"]:
            if a["role"] == "in":
                continue
            out = f"{data}/{a['name']}.out.bin"
            if a.get("scalar"):
                np.array([results[a["name"]]], dtype=a["dtype"]).tofile(out)
            else:
                arrays[a["name"]].tofile(out)
`;

/** Runs the CPython, Numba and Numba-parallel baselines of several results in one Python process (Numba imports once). */
export async function runAllBaselines(
  cases: readonly { tag: string; result: CodegenResult; seed: number }[],
): Promise<{ tag: string; result: CodegenResult; dirs: Record<'python' | 'numba' | 'numbaParallel', string> }[]> {
  const root = tempDir('baselines');
  const out: { tag: string; result: CodegenResult; dirs: Record<'python' | 'numba' | 'numbaParallel', string> }[] = [];
  const spec: unknown[] = [];
  for (const c of cases) {
    const dir = join(root, c.tag.replace(/\W/g, '_'));
    const inputs = join(dir, 'inputs');
    mkdirSync(inputs, { recursive: true });
    writeInputs(inputs, c.result, c.seed);
    const modules: Record<string, string> = {};
    const dirs = { python: join(dir, 'python'), numba: join(dir, 'numba'), numbaParallel: join(dir, 'numbaParallel') };
    for (const flavour of ['python', 'numba', 'numbaParallel'] as const) {
      mkdirSync(dirs[flavour]);
      modules[flavour] = join(dir, `${flavour}.py`);
      writeFileSync(modules[flavour], c.result[flavour]);
    }
    spec.push({ dir, inputs, plan: c.result.plan, modules });
    out.push({ tag: c.tag, result: c.result, dirs });
  }
  const specPath = join(root, 'cases.json');
  writeFileSync(specPath, JSON.stringify(spec));
  const script = join(root, 'multi.py');
  writeFileSync(script, MULTI);
  await run(venvPython, [script, specPath], { timeout: 900_000, maxBuffer: 16 * 1024 * 1024 });
  return out;
}
