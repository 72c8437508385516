/**
 * The real koffi binding (KoffiDriver) against a fake libcuda built from fixtures/fakecuda.c: checks the
 * marshalling a unit test with a fake Driver cannot (out-parameters, 64-bit device pointers, the
 * `void **kernelParams` array with pointer/double/int64/int32/float arguments, grid dimensions, error
 * names). Needs a C compiler; skipped with a printed reason otherwise.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKoffi, type LibraryHandle } from '../../src/capabilities/koffi.js';
import { KoffiDriver } from '../../src/nvrtc/cudaDriver.js';
import { CudaError } from '../../src/nvrtc/driver.js';
import { runOnGpu } from '../../src/runners/gpu.js';
import type { HostPlan, KernelInfo } from '../../../analysis-core/src/codegen/plan.js';

const fixture = path.join(import.meta.dirname, '..', 'fixtures', 'fakecuda.c');
let dir = '';
let lib: LibraryHandle | undefined;
let why = '';

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-fakecuda-'));
  const so = path.join(dir, 'libfakecuda.so');
  try {
    execFileSync('cc', ['-shared', '-fPIC', '-O1', '-o', so, fixture], { stdio: 'pipe', timeout: 30_000 });
    lib = (await loadKoffi()).load(so);
  } catch (err) {
    why = `no C compiler to build the fake libcuda (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
    console.warn(`[skip] koffi driver binding tests: ${why}`);
  }
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const kernels: KernelInfo[] = [
  {
    name: 'scale',
    nest: 0,
    gridLoops: [0],
    innerLoops: [],
    params: [
      { name: 'a', kind: 'array', dtype: 'float64' },
      { name: 's', kind: 'float', dtype: 'float64' },
      { name: 'n', kind: 'int', dtype: 'int64' },
      { name: 'g', kind: 'float', dtype: 'float32' },
    ],
    reductions: [],
    lineMap: [],
    serial: false,
    blockSync: false,
  },
  {
    name: 'axpy_i32',
    nest: 1,
    gridLoops: [1],
    innerLoops: [],
    params: [
      { name: 'y', kind: 'array', dtype: 'int32' },
      { name: 'x', kind: 'array', dtype: 'int32' },
      { name: 'a', kind: 'int', dtype: 'int32' },
      { name: 'n', kind: 'int', dtype: 'int32' },
    ],
    reductions: [],
    lineMap: [],
    serial: false,
    blockSync: false,
  },
];

const plan: HostPlan = {
  arrays: [
    { name: 'a', dtype: 'float64', shape: [1000], role: 'inout' },
    { name: 'y', dtype: 'int32', shape: [300], role: 'inout' },
    { name: 'x', dtype: 'int32', shape: [300], role: 'in' },
  ],
  scalars: [],
  steps: [
    {
      kind: 'launch',
      kernel: 'scale',
      grid: [4, 1, 1],
      block: [256, 1, 1],
      args: [
        { kind: 'array', name: 'a' },
        { kind: 'float', name: 's', value: 3 },
        { kind: 'int', name: 'n', value: 1000 },
        { kind: 'float', name: 'g', value: 0.5 },
      ],
    },
    {
      kind: 'launch',
      kernel: 'axpy_i32',
      grid: [2, 3, 1],
      block: [64, 1, 1],
      args: [
        { kind: 'array', name: 'y' },
        { kind: 'array', name: 'x' },
        { kind: 'int', name: 'a', value: -7 },
        { kind: 'int', name: 'n', value: 300 },
      ],
    },
  ],
  missing: [],
};

describe('KoffiDriver over a fake libcuda (real koffi marshalling, no GPU)', () => {
  it('reads device properties through out-parameters', async (ctx) => {
    if (!lib) return ctx.skip(why);
    const d = await KoffiDriver.bind(lib);
    d.init();
    expect(d.deviceCount()).toBe(1);
    const dev = d.deviceGet(0);
    expect(d.deviceName(dev)).toBe('Fake GPU');
    expect(d.deviceAttribute(75, dev)).toBe(9);
    expect(d.deviceTotalMem(dev)).toBe(80 * 2 ** 30);
    const p = d.memAlloc(64);
    expect(typeof p).toBe('bigint');
    d.memsetD8(p, 7, 64);
    const back = new Uint8Array(64);
    d.memcpyDtoH(back, p);
    expect([...back].every((b) => b === 7)).toBe(true);
    d.memFree(p);
  });

  it('runs a plan: HtoD, void** kernel params of every width, grid dims, DtoH', async (ctx) => {
    if (!lib) return ctx.skip(why);
    const d = await KoffiDriver.bind(lib);
    const a = Float64Array.from({ length: 1000 }, (_, i) => i / 10);
    const x = Int32Array.from({ length: 300 }, (_, i) => i - 100);
    const y = Int32Array.from({ length: 300 }, (_, i) => 3 * i);
    const inputs = new Map<string, Uint8Array>([
      ['a', new Uint8Array(a.buffer)],
      ['y', new Uint8Array(y.buffer)],
      ['x', new Uint8Array(x.buffer)],
    ]);
    const r = await runOnGpu(d, { ptx: '// fake ptx', kernels, plan, inputs, repetitions: 2, warmup: 1, deadline: Date.now() + 10_000 });
    const gotA = new Float64Array(r.outputs.get('a')!.buffer);
    expect([...gotA]).toEqual([...a].map((v) => v * 3 + 0.5));
    const gotY = new Int32Array(r.outputs.get('y')!.buffer);
    expect([...gotY]).toEqual([...y].map((v, i) => v + -7 * x[i]!));
    const last = new Uint32Array(6);
    lib.func('void fake_last_launch(_Out_ uint32_t *out)')(last);
    expect([...last]).toEqual([2, 3, 1, 64, 1, 1]);
    expect(lib.func('int fake_ctx_retained()')()).toBe(0); // retained once per run, released once
    expect(r.kernel.repetitions).toBe(2);
  });

  it('turns CUresults into CudaError with the driver’s names', async (ctx) => {
    if (!lib) return ctx.skip(why);
    const d = await KoffiDriver.bind(lib);
    expect(() => d.moduleLoadData('not ptx')).toThrow(/cuModuleLoadData failed with CUDA_ERROR_INVALID_PTX \(218\)/);
    const mod = d.moduleLoadData('// ok');
    const err = (() => {
      try {
        d.moduleGetFunction(mod, 'missing');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(CudaError);
    expect((err as CudaError).codeName).toBe('CUDA_ERROR_NOT_FOUND');
    expect(d.errorName(12345)).toBe('CUDA_ERROR');
  });
});
