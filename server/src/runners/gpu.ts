/**
 * The GPU runner: executes a CodegenResult's host plan through the Driver interface.
 *
 * Sequence (checked call by call in test/gpu-runner.test.ts with a fake Driver):
 *   init → device → primary context → set current → load PTX module → get functions → alloc per array
 *   → events → per repetition [HtoD every array → record start → launches (host loops unrolled on the host)
 *   → record stop → poll the stop event → DtoH out/inout arrays] → elapsed times → free, destroy, unload, release.
 * The first `warmup` repetitions are discarded (module JIT, first-touch page mapping, clocks ramping up).
 * Kernel time comes from CUDA events around the launches; end-to-end time is the host clock from the
 * first HtoD to the last DtoH, so it includes transfers. Every repetition starts from the same inputs
 * (in-place updates like jacobi's, and reductions, would otherwise compound).
 */
import { assertNever } from '../../../analysis-core/src/util/assert.js';
import type { HostPlan, KernelInfo, PlanArg, PlanLaunch, PlanStep } from '../../../analysis-core/src/codegen/plan.js';
import { CU_DEVICE_ATTRIBUTE, type CuFunction, type DevicePtr, type Driver, type KernelArg } from '../nvrtc/driver.js';
import { byteSize } from './dtypes.js';
import { summarize, type Timing } from './stats.js';

export interface GpuDevice {
  readonly ordinal: number;
  readonly name: string;
  readonly computeCapability: string;
  readonly multiprocessors: number;
  readonly totalMemBytes: number;
}

export interface GpuRunInput {
  readonly ptx: string;
  readonly kernels: readonly KernelInfo[];
  readonly plan: HostPlan;
  /** Raw little-endian bytes per plan array (identical to what every other runner reads). */
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  readonly repetitions: number;
  readonly warmup: number;
  /** Deadline for the whole run (ms since the epoch by `now`); a repetition still running past it fails the run. */
  readonly deadline: number;
  readonly ordinal?: number;
}

export interface GpuRunResult {
  readonly device: GpuDevice;
  readonly kernel: Timing;
  readonly endToEnd: Timing;
  /** Launches per repetition. */
  readonly launches: number;
  /** out/inout arrays after the last repetition. */
  readonly outputs: Map<string, Uint8Array>;
}

export class GpuRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GpuRunError';
  }
}

export interface GpuClock {
  /** Wall clock in ms (for deadlines). */
  now(): number;
  /** High-resolution ms (for end-to-end timing). */
  hr(): number;
  /** Yield to the event loop while a kernel runs. */
  sleep(ms: number): Promise<void>;
}

export const realClock: GpuClock = {
  now: () => Date.now(),
  hr: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** A cap on launches per repetition, so a huge host loop cannot pin the GPU queue. */
export const MAX_LAUNCHES = 100_000;

export function deviceInfo(driver: Driver, ordinal: number): GpuDevice {
  const dev = driver.deviceGet(ordinal);
  const major = driver.deviceAttribute(CU_DEVICE_ATTRIBUTE.COMPUTE_CAPABILITY_MAJOR, dev);
  const minor = driver.deviceAttribute(CU_DEVICE_ATTRIBUTE.COMPUTE_CAPABILITY_MINOR, dev);
  return {
    ordinal,
    name: driver.deviceName(dev),
    computeCapability: `${major}.${minor}`,
    multiprocessors: driver.deviceAttribute(CU_DEVICE_ATTRIBUTE.MULTIPROCESSOR_COUNT, dev),
    totalMemBytes: driver.deviceTotalMem(dev),
  };
}

/** Kernel arguments for one launch: arrays become device pointers; scalar widths follow the kernel's params. */
export function kernelArgs(
  kernel: KernelInfo,
  args: readonly PlanArg[],
  ptrs: ReadonlyMap<string, DevicePtr>,
  loopVars: ReadonlyMap<string, number>,
): KernelArg[] {
  return args.map((a, i): KernelArg => {
    const dtype = kernel.params[i]?.dtype;
    if (a.kind === 'array') {
      const p = ptrs.get(a.name);
      if (p === undefined) throw new GpuRunError(`launch of ${kernel.name}: array '${a.name}' is not in the plan`);
      return { kind: 'ptr', value: p };
    }
    let value: number;
    if (a.kind === 'loopvar') {
      const v = loopVars.get(a.name);
      if (v === undefined)
        throw new GpuRunError(`launch of ${kernel.name}: loop variable '${a.name}' is not bound by an enclosing host loop`);
      value = v;
    } else value = a.value;
    const isFloat = a.kind === 'float' || dtype === 'float64' || dtype === 'float32';
    if (isFloat) return { kind: dtype === 'float32' ? 'f32' : 'f64', value };
    return { kind: dtype === 'int32' ? 'i32' : 'i64', value };
  });
}

/**
 * Host-only steps without a device fallback need the host to run Python between launches: not something
 * this runner does. (Steps with a `fallback` run as a one-thread kernel.)
 */
export function hostOnlySteps(steps: readonly PlanStep[]): Extract<PlanStep, { kind: 'host-only' }>[] {
  const out: Extract<PlanStep, { kind: 'host-only' }>[] = [];
  for (const s of steps) {
    if (s.kind === 'host-only' && !s.fallback) out.push(s);
    else if (s.kind === 'host-loop') out.push(...hostOnlySteps(s.body));
  }
  return out;
}

export async function runOnGpu(driver: Driver, input: GpuRunInput, clock: GpuClock = realClock): Promise<GpuRunResult> {
  const hostOnly = hostOnlySteps(input.plan.steps);
  if (hostOnly.length > 0) {
    throw new GpuRunError(
      `the plan has host-only steps (${hostOnly.map((s) => `loop ${s.loop}: ${s.reason}`).join('; ')}); the GPU runner executes kernels only`,
    );
  }
  const ordinal = input.ordinal ?? 0;
  driver.init();
  const count = driver.deviceCount();
  if (ordinal >= count) throw new GpuRunError(`CUDA device ${ordinal} requested but the driver reports ${count} device(s)`);
  const device = deviceInfo(driver, ordinal);
  const dev = driver.deviceGet(ordinal);
  const ctx = driver.primaryCtxRetain(dev);
  const cleanup: (() => void)[] = [() => driver.primaryCtxRelease(dev)];
  try {
    driver.ctxSetCurrent(ctx);
    const mod = driver.moduleLoadData(input.ptx);
    cleanup.push(() => driver.moduleUnload(mod));
    const fns = new Map<string, { fn: CuFunction; info: KernelInfo }>();
    for (const k of input.kernels) fns.set(k.name, { fn: driver.moduleGetFunction(mod, k.name), info: k });

    const ptrs = new Map<string, DevicePtr>();
    for (const a of input.plan.arrays) {
      const ptr = driver.memAlloc(byteSize(a));
      ptrs.set(a.name, ptr);
      cleanup.push(() => driver.memFree(ptr));
    }
    const start = driver.eventCreate();
    cleanup.push(() => driver.eventDestroy(start));
    const stop = driver.eventCreate();
    cleanup.push(() => driver.eventDestroy(stop));

    const outputs = new Map<string, Uint8Array>();
    for (const a of input.plan.arrays) if (a.role !== 'in') outputs.set(a.name, new Uint8Array(byteSize(a)));

    const kernelMs: number[] = [];
    const e2eMs: number[] = [];
    let launches = 0;
    for (let rep = 0; rep < input.warmup + input.repetitions; rep++) {
      const t0 = clock.hr();
      for (const a of input.plan.arrays) {
        const bytes = input.inputs.get(a.name);
        if (!bytes) throw new GpuRunError(`no input data for array '${a.name}'`);
        if (bytes.byteLength !== byteSize(a))
          throw new GpuRunError(`input '${a.name}' has ${bytes.byteLength} bytes, expected ${byteSize(a)}`);
        driver.memcpyHtoD(ptrs.get(a.name)!, bytes);
      }
      driver.eventRecord(start);
      launches = launchSteps(driver, input.plan.steps, fns, ptrs, new Map());
      driver.eventRecord(stop);
      // Poll instead of blocking in cuEventSynchronize: the event loop keeps serving while the GPU works.
      let wait = 0;
      while (!driver.eventQuery(stop)) {
        if (clock.now() > input.deadline) throw new GpuRunError('the GPU run exceeded its time limit');
        await clock.sleep(wait);
        wait = Math.min(wait * 2 + 0.25, 10);
      }
      for (const [name, buf] of outputs) driver.memcpyDtoH(buf, ptrs.get(name)!);
      const t1 = clock.hr();
      if (rep >= input.warmup) {
        kernelMs.push(driver.eventElapsedTime(start, stop));
        e2eMs.push(t1 - t0);
      }
    }
    return { device, kernel: summarize(kernelMs), endToEnd: summarize(e2eMs), launches, outputs };
  } finally {
    // Release in reverse order; a failure here must not hide the error that got us here.
    for (const undo of cleanup.reverse()) {
      try {
        undo();
      } catch {
        // ignored: best-effort cleanup
      }
    }
  }
}

function launch(
  driver: Driver,
  step: PlanLaunch,
  fns: ReadonlyMap<string, { fn: CuFunction; info: KernelInfo }>,
  ptrs: ReadonlyMap<string, DevicePtr>,
  loopVars: ReadonlyMap<string, number>,
  count: number,
): number {
  const k = fns.get(step.kernel);
  if (!k) throw new GpuRunError(`the plan launches '${step.kernel}', which is not among the compiled kernels`);
  if (count + 1 > MAX_LAUNCHES) throw new GpuRunError(`more than ${MAX_LAUNCHES} launches per repetition`);
  driver.launchKernel(k.fn, step.grid, step.block, 0, kernelArgs(k.info, step.args, ptrs, loopVars));
  return count + 1;
}

function launchSteps(
  driver: Driver,
  steps: readonly PlanStep[],
  fns: ReadonlyMap<string, { fn: CuFunction; info: KernelInfo }>,
  ptrs: ReadonlyMap<string, DevicePtr>,
  loopVars: Map<string, number>,
  count = 0,
): number {
  for (const step of steps) {
    switch (step.kind) {
      case 'launch':
        count = launch(driver, step, fns, ptrs, loopVars, count);
        break;
      case 'host-loop': {
        if (step.step === 0) throw new GpuRunError(`host loop '${step.var}' has step 0`);
        for (let v = step.start; step.step > 0 ? v < step.stop : v > step.stop; v += step.step) {
          loopVars.set(step.var, v);
          count = launchSteps(driver, step.body, fns, ptrs, loopVars, count);
        }
        loopVars.delete(step.var);
        break;
      }
      case 'host-only':
        if (!step.fallback) throw new GpuRunError(`host-only step for loop ${step.loop}: ${step.reason}`);
        count = launch(driver, step.fallback, fns, ptrs, loopVars, count);
        break;
      default:
        assertNever(step);
    }
  }
  return count;
}
