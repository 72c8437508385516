/**
 * The koffi binding of the Driver interface over libcuda.so.1. The library is found, opened and cuInit'ed
 * by capabilities/cuda.ts (cached, with precise "not found" errors); this module declares the functions the
 * GPU runner needs on that handle, once per handle.
 */
import { loadKoffi, type Koffi, type LibraryHandle } from '../capabilities/koffi.js';
import {
  CU,
  CudaError,
  type CuContext,
  type CuDevice,
  type CuEvent,
  type CuFunction,
  type CuModule,
  type DevicePtr,
  type Dim3,
  type Driver,
  type KernelArg,
} from './driver.js';

/** Named koffi types are process-global: declared once, on first bind. */
let declared = false;
function declareTypes(koffi: Koffi): void {
  if (declared) return;
  for (const name of ['CUcontext', 'CUmodule', 'CUfunction', 'CUevent', 'CUstream']) koffi.pointer(name, koffi.opaque());
  declared = true;
}

type Fn = (...args: unknown[]) => unknown;

const DECLS = {
  cuInit: 'int cuInit(unsigned int flags)',
  cuDeviceGetCount: 'int cuDeviceGetCount(_Out_ int *count)',
  cuDeviceGet: 'int cuDeviceGet(_Out_ int *device, int ordinal)',
  cuDeviceGetName: 'int cuDeviceGetName(_Out_ uint8_t *name, int len, int dev)',
  cuDeviceGetAttribute: 'int cuDeviceGetAttribute(_Out_ int *value, int attrib, int dev)',
  cuDeviceTotalMem_v2: 'int cuDeviceTotalMem_v2(_Out_ size_t *bytes, int dev)',
  cuDevicePrimaryCtxRetain: 'int cuDevicePrimaryCtxRetain(_Out_ CUcontext *ctx, int dev)',
  cuDevicePrimaryCtxRelease_v2: 'int cuDevicePrimaryCtxRelease_v2(int dev)',
  cuCtxSetCurrent: 'int cuCtxSetCurrent(CUcontext ctx)',
  cuCtxSynchronize: 'int cuCtxSynchronize()',
  cuModuleLoadData: 'int cuModuleLoadData(_Out_ CUmodule *module, const void *image)',
  cuModuleGetFunction: 'int cuModuleGetFunction(_Out_ CUfunction *fn, CUmodule module, const char *name)',
  cuModuleUnload: 'int cuModuleUnload(CUmodule module)',
  cuMemAlloc_v2: 'int cuMemAlloc_v2(_Out_ uint64_t *dptr, size_t bytes)',
  cuMemFree_v2: 'int cuMemFree_v2(uint64_t dptr)',
  cuMemcpyHtoD_v2: 'int cuMemcpyHtoD_v2(uint64_t dst, const void *src, size_t bytes)',
  cuMemcpyDtoH_v2: 'int cuMemcpyDtoH_v2(void *dst, uint64_t src, size_t bytes)',
  cuMemsetD8_v2: 'int cuMemsetD8_v2(uint64_t dst, uint8_t value, size_t count)',
  cuLaunchKernel:
    'int cuLaunchKernel(CUfunction fn, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by, unsigned int bz, unsigned int sharedMem, CUstream stream, void **params, void **extra)',
  cuEventCreate: 'int cuEventCreate(_Out_ CUevent *ev, unsigned int flags)',
  cuEventRecord: 'int cuEventRecord(CUevent ev, CUstream stream)',
  cuEventQuery: 'int cuEventQuery(CUevent ev)',
  cuEventSynchronize: 'int cuEventSynchronize(CUevent ev)',
  cuEventElapsedTime: 'int cuEventElapsedTime(_Out_ float *ms, CUevent start, CUevent end)',
  cuEventDestroy_v2: 'int cuEventDestroy_v2(CUevent ev)',
  cuGetErrorName: 'int cuGetErrorName(int error, _Out_ const char **name)',
} as const;

type Functions = Record<keyof typeof DECLS, Fn>;

const bound = new WeakMap<LibraryHandle, Functions>();

/** Packs one kernel argument into its own little-endian buffer (cuLaunchKernel reads `*params[i]`). */
export function packKernelArg(arg: KernelArg): Buffer {
  switch (arg.kind) {
    case 'ptr': {
      const b = Buffer.alloc(8);
      b.writeBigUInt64LE(arg.value);
      return b;
    }
    case 'i64': {
      const b = Buffer.alloc(8);
      b.writeBigInt64LE(BigInt(arg.value));
      return b;
    }
    case 'i32': {
      const b = Buffer.alloc(4);
      b.writeInt32LE(arg.value);
      return b;
    }
    case 'f64': {
      const b = Buffer.alloc(8);
      b.writeDoubleLE(arg.value);
      return b;
    }
    case 'f32': {
      const b = Buffer.alloc(4);
      b.writeFloatLE(arg.value);
      return b;
    }
  }
}

const asBuffer = (u: Uint8Array): Buffer => (Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength));

export class KoffiDriver implements Driver {
  private constructor(private readonly f: Functions) {}

  /** Binds the driver functions on an opened libcuda handle (see capabilities/cuda.ts openCudaDriver). */
  static async bind(lib: LibraryHandle): Promise<KoffiDriver> {
    const koffi = await loadKoffi();
    let f = bound.get(lib);
    if (!f) {
      declareTypes(koffi);
      const out = {} as Functions;
      for (const [name, decl] of Object.entries(DECLS) as [keyof typeof DECLS, string][]) out[name] = lib.func(decl) as unknown as Fn;
      f = out;
      bound.set(lib, f);
    }
    return new KoffiDriver(f);
  }

  errorName(code: number): string {
    try {
      const out: (string | null)[] = [null];
      if (Number(this.f.cuGetErrorName(code, out)) === 0 && out[0]) return out[0];
    } catch {
      // fall through
    }
    return 'CUDA_ERROR';
  }

  private check(call: string, rc: unknown): void {
    const code = Number(rc);
    if (code !== CU.SUCCESS) throw new CudaError(call, code, this.errorName(code));
  }

  private out<T>(call: keyof Functions, ...args: unknown[]): T {
    const box: unknown[] = [null];
    this.check(call.replace(/_v2$/, ''), this.f[call](box, ...args));
    return box[0] as T;
  }

  init(): void {
    this.check('cuInit', this.f.cuInit(0));
  }
  deviceCount(): number {
    return Number(this.out('cuDeviceGetCount'));
  }
  deviceGet(ordinal: number): CuDevice {
    return Number(this.out('cuDeviceGet', ordinal));
  }
  deviceName(dev: CuDevice): string {
    const buf = Buffer.alloc(256);
    this.check('cuDeviceGetName', this.f.cuDeviceGetName(buf, buf.length, dev));
    const nul = buf.indexOf(0);
    return buf.subarray(0, nul < 0 ? buf.length : nul).toString('utf8');
  }
  deviceAttribute(attribute: number, dev: CuDevice): number {
    return Number(this.out('cuDeviceGetAttribute', attribute, dev));
  }
  deviceTotalMem(dev: CuDevice): number {
    return Number(this.out('cuDeviceTotalMem_v2', dev));
  }
  primaryCtxRetain(dev: CuDevice): CuContext {
    return this.out<CuContext>('cuDevicePrimaryCtxRetain', dev);
  }
  primaryCtxRelease(dev: CuDevice): void {
    this.check('cuDevicePrimaryCtxRelease', this.f.cuDevicePrimaryCtxRelease_v2(dev));
  }
  ctxSetCurrent(ctx: CuContext): void {
    this.check('cuCtxSetCurrent', this.f.cuCtxSetCurrent(ctx));
  }
  ctxSynchronize(): void {
    this.check('cuCtxSynchronize', this.f.cuCtxSynchronize());
  }
  moduleLoadData(ptx: string): CuModule {
    // The image is read as a NUL-terminated string.
    return this.out<CuModule>('cuModuleLoadData', Buffer.from(`${ptx}\0`, 'utf8'));
  }
  moduleGetFunction(mod: CuModule, name: string): CuFunction {
    return this.out<CuFunction>('cuModuleGetFunction', mod, name);
  }
  moduleUnload(mod: CuModule): void {
    this.check('cuModuleUnload', this.f.cuModuleUnload(mod));
  }
  memAlloc(bytes: number): DevicePtr {
    return BigInt(this.out<number | bigint>('cuMemAlloc_v2', Math.max(1, bytes)));
  }
  memFree(ptr: DevicePtr): void {
    this.check('cuMemFree', this.f.cuMemFree_v2(ptr));
  }
  memcpyHtoD(dst: DevicePtr, src: Uint8Array): void {
    if (src.byteLength === 0) return;
    this.check('cuMemcpyHtoD', this.f.cuMemcpyHtoD_v2(dst, asBuffer(src), src.byteLength));
  }
  memcpyDtoH(dst: Uint8Array, src: DevicePtr): void {
    if (dst.byteLength === 0) return;
    this.check('cuMemcpyDtoH', this.f.cuMemcpyDtoH_v2(asBuffer(dst), src, dst.byteLength));
  }
  memsetD8(dst: DevicePtr, value: number, bytes: number): void {
    this.check('cuMemsetD8', this.f.cuMemsetD8_v2(dst, value, bytes));
  }
  launchKernel(fn: CuFunction, grid: Dim3, block: Dim3, sharedMemBytes: number, args: readonly KernelArg[]): void {
    // void **params: koffi passes the JS array as a C array of pointers, each to one packed argument.
    const params = args.map(packKernelArg);
    this.check(
      'cuLaunchKernel',
      this.f.cuLaunchKernel(fn, grid[0], grid[1], grid[2], block[0], block[1], block[2], sharedMemBytes, null, params, null),
    );
  }
  eventCreate(): CuEvent {
    return this.out<CuEvent>('cuEventCreate', 0);
  }
  eventRecord(ev: CuEvent): void {
    this.check('cuEventRecord', this.f.cuEventRecord(ev, null));
  }
  eventQuery(ev: CuEvent): boolean {
    const rc = Number(this.f.cuEventQuery(ev));
    if (rc === CU.NOT_READY) return false;
    this.check('cuEventQuery', rc);
    return true;
  }
  eventSynchronize(ev: CuEvent): void {
    this.check('cuEventSynchronize', this.f.cuEventSynchronize(ev));
  }
  eventElapsedTime(start: CuEvent, end: CuEvent): number {
    const ms = [0];
    this.check('cuEventElapsedTime', this.f.cuEventElapsedTime(ms, start, end));
    return Number(ms[0]);
  }
  eventDestroy(ev: CuEvent): void {
    this.check('cuEventDestroy', this.f.cuEventDestroy_v2(ev));
  }
}
