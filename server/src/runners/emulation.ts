/**
 * The cpu-emulation runner: the generated kernel source, compiled for the CPU with the code generator's
 * shim (EMULATION_SHIM: blockIdx/threadIdx, atomics, __syncthreads) and its main (emulationMain: reads
 * `<dir>/<name>.bin`, runs the plan with grid iterations in a seeded shuffled order, writes
 * `<dir>/<name>.out.bin`). A parallelization that is wrong shows up as a mismatch with CPython. It checks
 * correctness only: its time is never presented as a GPU timing.
 *
 * g++ runs with a timeout and an output cap; the binary runs with a timeout, an output cap, and only the
 * run's temp directory as its argument. Binaries are cached by a hash of their source.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExecError, runBounded } from '../capabilities/exec.js';
import { hashKey, LruCache } from '../nvrtc/cache.js';
import type { HostPlan } from '../../../analysis-core/src/codegen/plan.js';
import { byteSize } from './dtypes.js';

export interface EmulationInput {
  readonly shim: string;
  readonly cuda: string;
  readonly main: string;
  readonly plan: HostPlan;
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  /** A fresh directory for this run (inputs are written here; outputs read back). */
  readonly dir: string;
  readonly timeoutMs: number;
}

export interface EmulationResult {
  readonly outputs: Map<string, Uint8Array>;
  readonly compileMs: number;
  readonly runMs: number;
  readonly cached: boolean;
}

export class EmulationError extends Error {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super(message);
    this.name = 'EmulationError';
  }
}

// -O1: the emulation checks correctness and is never timed; -O1 compiles about a quarter faster than -O2.
export const CXX_FLAGS: readonly string[] = ['-O1', '-std=c++17', '-w'];

export interface Cxx {
  readonly path: string;
  readonly version: string;
}

let cxxProbe: Promise<Cxx | { error: string }> | undefined;

/** LOUPE_CXX, else g++ on PATH; probed once. */
export function findCxx(env: NodeJS.ProcessEnv = process.env): Promise<Cxx | { error: string }> {
  cxxProbe ??= (async () => {
    const exe = env.LOUPE_CXX?.trim() || 'g++';
    try {
      const { stdout } = await runBounded(exe, ['--version'], { timeoutMs: 5000 });
      return { path: exe, version: stdout.split('\n')[0]?.trim() ?? 'unknown' };
    } catch (err) {
      return {
        error: `no C++ compiler for the CPU emulation (${err instanceof Error ? err.message : String(err)}); install g++ or set LOUPE_CXX`,
      };
    }
  })();
  return cxxProbe;
}

const binaries = new LruCache<Promise<string>>(128);
const headers = new Map<string, Promise<string>>();
let cacheDir: Promise<string> | undefined;

const binDir = () => (cacheDir ??= fs.mkdtemp(path.join(os.tmpdir(), 'loupe-emu-bin-')));

/**
 * The shim as a header with a precompiled header beside it (built once per shim text and compiler): every
 * program includes the same few standard headers, and parsing them dominated each compile. If the PCH
 * cannot be built, g++ simply parses the header text (same result, slower).
 */
function shimHeader(cxx: Cxx, shim: string, timeoutMs: number): Promise<string> {
  const key = hashKey(cxx.path, cxx.version, CXX_FLAGS.join(' '), shim);
  let p = headers.get(key);
  if (!p) {
    p = (async () => {
      const dir = path.join(await binDir(), `shim-${key.slice(0, 16)}`);
      await fs.mkdir(dir, { recursive: true });
      const header = path.join(dir, 'loupe_shim.h');
      await fs.writeFile(header, shim);
      await runBounded(cxx.path, [...CXX_FLAGS, '-x', 'c++-header', '-o', `${header}.gch`, header], {
        timeoutMs,
        maxBuffer: 1024 * 1024,
        cwd: dir,
      }).catch(() => undefined);
      return header;
    })();
    headers.set(key, p);
  }
  return p;
}

/** Compiles (or reuses) the binary for one program; concurrent requests for the same source share one compile. */
function compile(cxx: Cxx, shim: string, program: string, timeoutMs: number): { exe: Promise<string>; cached: boolean } {
  const key = hashKey(cxx.path, cxx.version, CXX_FLAGS.join(' '), shim, program);
  const hit = binaries.get(key);
  if (hit) return { exe: hit, cached: true };
  const exe = (async () => {
    const header = await shimHeader(cxx, shim, timeoutMs);
    const dir = await fs.mkdtemp(path.join(await binDir(), 'b-'));
    const src = path.join(dir, 'emulation.cpp');
    const out = path.join(dir, 'emulation');
    await fs.writeFile(src, `#include ${JSON.stringify(header)}\n\n${program}`);
    try {
      await runBounded(cxx.path, [...CXX_FLAGS, '-o', out, src], { timeoutMs, maxBuffer: 1024 * 1024, cwd: dir });
    } catch (err) {
      const log = err instanceof ExecError ? err.stderr.split(`${dir}/`).join('') : String(err);
      await fs.rm(dir, { recursive: true, force: true });
      throw new EmulationError(`the emulation source did not compile with ${cxx.path}`, log.slice(0, 20_000));
    }
    return out;
  })();
  binaries.set(key, exe);
  // A failed compile is not cached: the next request tries again.
  exe.catch(() => binaries.delete(key));
  return { exe, cached: false };
}

/** Everything after the shim: the kernels exactly as sent to NVRTC, then the generated host main. */
export function programSource(cuda: string, main: string): string {
  return `// ---- generated kernels (the CUDA translation unit) ----\n${cuda}\n\n// ---- emulation main ----\n${main}\n`;
}

export async function runEmulation(cxx: Cxx, input: EmulationInput): Promise<EmulationResult> {
  const deadline = Date.now() + input.timeoutMs;
  const tc = performance.now();
  const compiled = compile(cxx, input.shim, programSource(input.cuda, input.main), input.timeoutMs);
  const exe = await compiled.exe;
  const compileMs = performance.now() - tc;
  const cached = compiled.cached;
  await fs.mkdir(input.dir, { recursive: true });
  for (const a of input.plan.arrays) {
    const bytes = input.inputs.get(a.name);
    if (!bytes) throw new EmulationError(`no input data for array '${a.name}'`, '');
    await fs.writeFile(path.join(input.dir, `${a.name}.bin`), bytes);
  }
  const t0 = performance.now();
  try {
    await runBounded(exe, [input.dir], { timeoutMs: Math.max(1000, deadline - Date.now()), maxBuffer: 256 * 1024, cwd: input.dir });
  } catch (err) {
    const log = err instanceof ExecError ? `${err.stdout}${err.stderr}` : '';
    throw new EmulationError(
      `the emulation ${err instanceof Error ? err.message.replace(exe, 'binary') : String(err)}`,
      log.slice(0, 20_000),
    );
  }
  const runMs = performance.now() - t0;
  const outputs = new Map<string, Uint8Array>();
  for (const a of input.plan.arrays) {
    if (a.role === 'in') continue;
    const file = path.join(input.dir, `${a.name}.out.bin`);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(file);
    } catch {
      throw new EmulationError(`the emulation did not write ${a.name}.out.bin`, '');
    }
    if (bytes.byteLength !== byteSize(a))
      throw new EmulationError(`${a.name}.out.bin has ${bytes.byteLength} bytes, expected ${byteSize(a)}`, '');
    outputs.set(a.name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
  return { outputs, compileMs, runMs, cached };
}
