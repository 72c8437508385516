/**
 * A fake CUDA Driver for the runner's contract tests: device memory is host memory, kernels are JS
 * functions over the launch grid, and every call is recorded (name and salient arguments) so tests can
 * check the sequence init → context → module → alloc → HtoD → events → launches → DtoH → free.
 */
import {
  CudaError,
  type CuContext,
  type CuEvent,
  type CuFunction,
  type CuModule,
  type DevicePtr,
  type Dim3,
  type Driver,
  type KernelArg,
} from '../../src/nvrtc/driver.js';

export type FakeKernel = (ctx: { grid: Dim3; block: Dim3; args: readonly KernelArg[]; mem: (p: DevicePtr) => Uint8Array }) => void;

export interface FakeCall {
  readonly call: string;
  readonly detail?: unknown;
}

export class FakeDriver implements Driver {
  readonly calls: FakeCall[] = [];
  private readonly memory = new Map<bigint, Uint8Array>();
  private next = 0x1000n;
  private events = 0;
  private clock = 0;
  /** Make a given call fail once with this CUresult. */
  failOn: { call: string; code: number } | undefined;
  /** How many eventQuery polls answer "not ready" before "done". */
  notReadyPolls = 0;

  constructor(
    private readonly kernels: Record<string, FakeKernel>,
    private readonly devices = 1,
    /** Used for any kernel name not in `kernels` (e.g. generated kernels whose names a test does not know). */
    private readonly anyKernel?: FakeKernel,
  ) {}

  private rec(call: string, detail?: unknown) {
    this.calls.push(detail === undefined ? { call } : { call, detail });
    if (this.failOn?.call === call) {
      const code = this.failOn.code;
      this.failOn = undefined;
      throw new CudaError(call, code, this.errorName(code));
    }
  }

  names(): string[] {
    return this.calls.map((c) => c.call);
  }

  live(): number {
    return this.memory.size;
  }

  errorName(code: number): string {
    return (
      (
        {
          2: 'CUDA_ERROR_OUT_OF_MEMORY',
          222: 'CUDA_ERROR_UNSUPPORTED_PTX_VERSION',
          500: 'CUDA_ERROR_NOT_FOUND',
          700: 'CUDA_ERROR_ILLEGAL_ADDRESS',
        } as Record<number, string>
      )[code] ?? 'CUDA_ERROR_UNKNOWN'
    );
  }

  init() {
    this.rec('cuInit');
  }
  deviceCount() {
    this.rec('cuDeviceGetCount');
    return this.devices;
  }
  deviceGet(ordinal: number) {
    this.rec('cuDeviceGet', ordinal);
    return ordinal;
  }
  deviceName() {
    this.rec('cuDeviceGetName');
    return 'Fake H100';
  }
  deviceAttribute(attribute: number) {
    this.rec('cuDeviceGetAttribute', attribute);
    return ({ 75: 9, 76: 0, 16: 132, 1: 1024 } as Record<number, number>)[attribute] ?? 0;
  }
  deviceTotalMem() {
    this.rec('cuDeviceTotalMem');
    return 80 * 2 ** 30;
  }
  primaryCtxRetain(dev: number) {
    this.rec('cuDevicePrimaryCtxRetain', dev);
    return { ctx: dev } as unknown as CuContext;
  }
  primaryCtxRelease(dev: number) {
    this.rec('cuDevicePrimaryCtxRelease', dev);
  }
  ctxSetCurrent() {
    this.rec('cuCtxSetCurrent');
  }
  ctxSynchronize() {
    this.rec('cuCtxSynchronize');
  }
  moduleLoadData(ptx: string) {
    this.rec('cuModuleLoadData', ptx.length);
    return { ptx } as unknown as CuModule;
  }
  moduleGetFunction(_mod: CuModule, name: string) {
    this.rec('cuModuleGetFunction', name);
    if (!this.kernels[name] && !this.anyKernel) throw new CudaError('cuModuleGetFunction', 500, 'CUDA_ERROR_NOT_FOUND');
    return { name } as unknown as CuFunction;
  }
  moduleUnload() {
    this.rec('cuModuleUnload');
  }
  memAlloc(bytes: number) {
    this.rec('cuMemAlloc', bytes);
    const p = this.next;
    this.next += BigInt(Math.max(256, bytes + 256));
    this.memory.set(p, new Uint8Array(Math.max(1, bytes)));
    return p;
  }
  memFree(ptr: DevicePtr) {
    this.rec('cuMemFree', ptr);
    this.memory.delete(ptr);
  }
  mem(ptr: DevicePtr): Uint8Array {
    const m = this.memory.get(ptr);
    if (!m) throw new CudaError('access', 700, 'CUDA_ERROR_ILLEGAL_ADDRESS');
    return m;
  }
  memcpyHtoD(dst: DevicePtr, src: Uint8Array) {
    this.rec('cuMemcpyHtoD', { dst, bytes: src.byteLength });
    this.mem(dst).set(src);
  }
  memcpyDtoH(dst: Uint8Array, src: DevicePtr) {
    this.rec('cuMemcpyDtoH', { src, bytes: dst.byteLength });
    dst.set(this.mem(src).subarray(0, dst.byteLength));
  }
  memsetD8(dst: DevicePtr, value: number, bytes: number) {
    this.rec('cuMemsetD8', { dst, value, bytes });
    this.mem(dst).fill(value, 0, bytes);
  }
  launchKernel(fn: CuFunction, grid: Dim3, block: Dim3, shared: number, args: readonly KernelArg[]) {
    const name = (fn as unknown as { name: string }).name;
    this.rec('cuLaunchKernel', { name, grid, block, shared, args });
    this.clock += 1.5;
    (this.kernels[name] ?? this.anyKernel)!({ grid, block, args, mem: (p) => this.mem(p) });
  }
  eventCreate() {
    this.rec('cuEventCreate');
    return { id: this.events++, t: 0 } as unknown as CuEvent;
  }
  eventRecord(ev: CuEvent) {
    this.rec('cuEventRecord');
    (ev as unknown as { t: number }).t = this.clock;
  }
  eventQuery() {
    this.rec('cuEventQuery');
    if (this.notReadyPolls > 0) {
      this.notReadyPolls--;
      return false;
    }
    return true;
  }
  eventSynchronize() {
    this.rec('cuEventSynchronize');
  }
  eventElapsedTime(a: CuEvent, b: CuEvent) {
    this.rec('cuEventElapsedTime');
    return (b as unknown as { t: number }).t - (a as unknown as { t: number }).t;
  }
  eventDestroy() {
    this.rec('cuEventDestroy');
  }
}
