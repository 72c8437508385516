/**
 * The GPU runner against the driver-API contract, with a fake Driver (no GPU needed): the call sequence,
 * the launch geometry and argument packing, fresh inputs per repetition, timing from events, cleanup on
 * every path, and errors mapped to messages.
 */
import { describe, expect, it } from 'vitest';
import { CudaError, explainCudaError } from '../../src/nvrtc/driver.js';
import { GpuRunError, runOnGpu, type GpuClock } from '../../src/runners/gpu.js';
import { FakeDriver, type FakeKernel } from '../helpers/fakeDriver.js';
import { axpyKernels, axpyPlan } from '../helpers/plans.js';

const f64 = (xs: number[]) => new Uint8Array(new Float64Array(xs).buffer);

const kernels: Record<string, FakeKernel> = {
  axpy: ({ args, mem }) => {
    const [y, x, alpha, n] = args;
    if (y?.kind !== 'ptr' || x?.kind !== 'ptr' || alpha?.kind !== 'f64' || n?.kind !== 'i64') throw new Error('bad axpy args');
    const yv = new Float64Array(mem(y.value).buffer);
    const xv = new Float64Array(mem(x.value).buffer);
    for (let i = 0; i < n.value; i++) yv[i]! += alpha.value * xv[i]!;
  },
  mark: ({ args, mem }) => {
    const [k, t] = args;
    if (k?.kind !== 'ptr' || t?.kind !== 'i32') throw new Error('bad mark args');
    new Int32Array(mem(k.value).buffer)[t.value] = t.value + 1;
  },
};

const x = Array.from({ length: 10 }, (_, i) => i);
const y0 = Array.from({ length: 10 }, () => 1);
const inputs = () =>
  new Map([
    ['x', f64(x)],
    ['y', f64(y0)],
    ['k', new Uint8Array(16)],
  ]);

const run = (driver: FakeDriver, extra: Partial<Parameters<typeof runOnGpu>[1]> = {}, clock?: GpuClock) =>
  runOnGpu(
    driver,
    {
      ptx: '// ptx',
      kernels: axpyKernels,
      plan: axpyPlan,
      inputs: inputs(),
      repetitions: 3,
      warmup: 1,
      deadline: Date.now() + 10_000,
      ...extra,
    },
    clock,
  );

describe('GPU runner (fake driver)', () => {
  it('follows the driver-API sequence: init → ctx → module → alloc → per rep HtoD/events/launches/DtoH → free', async () => {
    const d = new FakeDriver(kernels);
    await run(d);
    const names = d.names();
    const setup = names.slice(0, names.indexOf('cuMemcpyHtoD'));
    expect(setup.filter((n) => !/cuDeviceGet(Attribute|Name)|cuDeviceTotalMem/.test(n))).toEqual([
      'cuInit',
      'cuDeviceGetCount',
      'cuDeviceGet',
      'cuDeviceGet',
      'cuDevicePrimaryCtxRetain',
      'cuCtxSetCurrent',
      'cuModuleLoadData',
      'cuModuleGetFunction',
      'cuModuleGetFunction',
      'cuMemAlloc',
      'cuMemAlloc',
      'cuMemAlloc',
      'cuEventCreate',
      'cuEventCreate',
    ]);
    // One repetition: every array up, start event, 1 + 4 launches, stop event, poll, out/inout arrays down.
    const rep = [
      'cuMemcpyHtoD',
      'cuMemcpyHtoD',
      'cuMemcpyHtoD',
      'cuEventRecord',
      'cuLaunchKernel',
      'cuLaunchKernel',
      'cuLaunchKernel',
      'cuLaunchKernel',
      'cuLaunchKernel',
      'cuEventRecord',
      'cuEventQuery',
      'cuMemcpyDtoH',
      'cuMemcpyDtoH',
    ];
    const body = names.slice(setup.length, names.lastIndexOf('cuEventDestroy') - 1);
    const withoutElapsed = body.filter((n) => n !== 'cuEventElapsedTime');
    expect(withoutElapsed).toEqual([...rep, ...rep, ...rep, ...rep]); // warm-up + 3
    expect(body.filter((n) => n === 'cuEventElapsedTime')).toHaveLength(3); // not for the warm-up
    expect(names.slice(-7)).toEqual([
      'cuEventDestroy',
      'cuEventDestroy',
      'cuMemFree',
      'cuMemFree',
      'cuMemFree',
      'cuModuleUnload',
      'cuDevicePrimaryCtxRelease',
    ]);
    expect(d.live()).toBe(0);
  });

  it('launches with the plan’s grid/block and packs args by the kernel’s param dtypes', async () => {
    const d = new FakeDriver(kernels);
    await run(d, { repetitions: 1, warmup: 0 });
    const launches = d.calls
      .filter((c) => c.call === 'cuLaunchKernel')
      .map((c) => c.detail as { name: string; grid: number[]; block: number[]; args: { kind: string; value: unknown }[] });
    const allocs = d.calls.filter((c) => c.call === 'cuMemAlloc').map((c) => c.detail);
    expect(allocs).toEqual([80, 80, 16]); // x, y: 10 float64; k: 4 int32
    expect(launches[0]).toMatchObject({ name: 'axpy', grid: [1, 1, 1], block: [256, 1, 1] });
    expect(launches[0]!.args.map((a) => a.kind)).toEqual(['ptr', 'ptr', 'f64', 'i64']);
    expect(launches[0]!.args.slice(2).map((a) => a.value)).toEqual([2, 10]);
    expect(launches.slice(1).map((l) => [l.name, l.block[0], l.args[1]])).toEqual(
      [0, 1, 2, 3].map((t) => ['mark', 32, { kind: 'i32', value: t }]),
    );
  });

  it('starts every repetition from the same inputs and returns the last outputs and event timings', async () => {
    const d = new FakeDriver(kernels);
    const r = await run(d);
    expect([...new Float64Array(r.outputs.get('y')!.buffer)]).toEqual(x.map((v) => 1 + 2 * v)); // not compounded over 4 reps
    expect([...new Int32Array(r.outputs.get('k')!.buffer)]).toEqual([1, 2, 3, 4]);
    expect(r.outputs.has('x')).toBe(false);
    expect(r.launches).toBe(5);
    expect(r.kernel).toMatchObject({ medianMs: 7.5, minMs: 7.5, maxMs: 7.5, repetitions: 3 }); // 5 launches × 1.5 fake ms
    expect(r.endToEnd.repetitions).toBe(3);
    expect(r.device).toEqual({
      ordinal: 0,
      name: 'Fake H100',
      computeCapability: '9.0',
      multiprocessors: 132,
      totalMemBytes: 80 * 2 ** 30,
    });
  });

  it('polls the stop event without blocking, and gives up at the deadline', async () => {
    const d = new FakeDriver(kernels);
    d.notReadyPolls = 3;
    await run(d, { repetitions: 1, warmup: 0 });
    expect(d.names().filter((n) => n === 'cuEventQuery')).toHaveLength(4);
    expect(d.names()).not.toContain('cuEventSynchronize');

    const stuck = new FakeDriver(kernels);
    stuck.notReadyPolls = 1e9;
    let now = 0;
    const clock: GpuClock = { now: () => now, hr: () => now, sleep: async () => void (now += 1000) };
    await expect(run(stuck, { deadline: 5000 }, clock)).rejects.toThrow(/exceeded its time limit/);
    expect(stuck.live()).toBe(0);
    expect(stuck.names().at(-1)).toBe('cuDevicePrimaryCtxRelease');
  });

  it('maps driver errors to messages and still frees everything', async () => {
    const d = new FakeDriver(kernels);
    d.failOn = { call: 'cuModuleLoadData', code: 222 };
    const err = await run(d).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CudaError);
    expect(explainCudaError(err as CudaError)).toMatch(
      /cuModuleLoadData failed with CUDA_ERROR_UNSUPPORTED_PTX_VERSION \(222\): the PTX is newer than this driver/,
    );
    expect(d.names().at(-1)).toBe('cuDevicePrimaryCtxRelease');

    const oom = new FakeDriver(kernels);
    oom.failOn = { call: 'cuLaunchKernel', code: 700 };
    const e2 = await run(oom).catch((e: unknown) => e);
    expect(explainCudaError(e2 as CudaError)).toMatch(/ILLEGAL_ADDRESS.*out of bounds/);
    expect(oom.live()).toBe(0);
    expect(oom.names().slice(-3)).toEqual(['cuMemFree', 'cuModuleUnload', 'cuDevicePrimaryCtxRelease']);
  });

  it('refuses plans it cannot run before touching the driver', async () => {
    const d = new FakeDriver(kernels);
    const plan = { ...axpyPlan, steps: [...axpyPlan.steps, { kind: 'host-only' as const, loop: 3, reason: 'no parallel loop' }] };
    await expect(
      runOnGpu(d, { ptx: '//', kernels: axpyKernels, plan, inputs: inputs(), repetitions: 1, warmup: 0, deadline: Date.now() + 1000 }),
    ).rejects.toThrow(GpuRunError);
    expect(d.calls).toHaveLength(0);

    const missing = new FakeDriver({ axpy: kernels.axpy! });
    await expect(run(missing)).rejects.toThrow(/CUDA_ERROR_NOT_FOUND/);
    const noDevice = new FakeDriver(kernels, 0);
    await expect(run(noDevice)).rejects.toThrow(/reports 0 device/);
    const badInput = new FakeDriver(kernels);
    await expect(
      runOnGpu(badInput, {
        ptx: '//',
        kernels: axpyKernels,
        plan: axpyPlan,
        inputs: new Map([['x', f64(x)]]),
        repetitions: 1,
        warmup: 0,
        deadline: Date.now() + 1000,
      }),
    ).rejects.toThrow(/no input data for array 'y'/);
    expect(badInput.live()).toBe(0);
  });
});
