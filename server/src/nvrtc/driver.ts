/**
 * node-nvrtc, driver half: the small slice of the CUDA driver API the GPU runner needs, as an interface.
 * The koffi binding (cudaDriver.ts) implements it over libcuda.so.1; tests implement it with a fake that
 * records the call sequence, so the runner's contract is checked on machines without a GPU.
 *
 * Every method throws CudaError on a non-zero CUresult. Handles are opaque (koffi pointers).
 */
declare const handle: unique symbol;
type Handle<T extends string> = { readonly [handle]: T };

export type CuContext = Handle<'CUcontext'>;
export type CuModule = Handle<'CUmodule'>;
export type CuFunction = Handle<'CUfunction'>;
export type CuEvent = Handle<'CUevent'>;
/** CUdevice is an int ordinal handle. */
export type CuDevice = number;
/** CUdeviceptr: a 64-bit device address. */
export type DevicePtr = bigint;
export type Dim3 = readonly [number, number, number];

/** One kernel parameter; the binding packs each into its own buffer and passes `void **` to cuLaunchKernel. */
export type KernelArg =
  | { readonly kind: 'ptr'; readonly value: DevicePtr }
  | { readonly kind: 'i32' | 'i64'; readonly value: number }
  | { readonly kind: 'f32' | 'f64'; readonly value: number };

/** CUdevice_attribute values used here (cuda.h). */
export const CU_DEVICE_ATTRIBUTE = {
  MAX_THREADS_PER_BLOCK: 1,
  MULTIPROCESSOR_COUNT: 16,
  COMPUTE_CAPABILITY_MAJOR: 75,
  COMPUTE_CAPABILITY_MINOR: 76,
} as const;

/** CUresult values the runner reacts to. */
export const CU = {
  SUCCESS: 0,
  NOT_READY: 600,
} as const;

export interface Driver {
  init(): void;
  deviceCount(): number;
  deviceGet(ordinal: number): CuDevice;
  deviceName(dev: CuDevice): string;
  deviceAttribute(attribute: number, dev: CuDevice): number;
  deviceTotalMem(dev: CuDevice): number;
  /** The device's primary context (shared with any other user of the driver in this process). */
  primaryCtxRetain(dev: CuDevice): CuContext;
  primaryCtxRelease(dev: CuDevice): void;
  ctxSetCurrent(ctx: CuContext): void;
  ctxSynchronize(): void;
  /** Loads PTX (JIT-compiled by the driver for the current device). */
  moduleLoadData(ptx: string): CuModule;
  moduleGetFunction(mod: CuModule, name: string): CuFunction;
  moduleUnload(mod: CuModule): void;
  memAlloc(bytes: number): DevicePtr;
  memFree(ptr: DevicePtr): void;
  memcpyHtoD(dst: DevicePtr, src: Uint8Array): void;
  memcpyDtoH(dst: Uint8Array, src: DevicePtr): void;
  memsetD8(dst: DevicePtr, value: number, bytes: number): void;
  launchKernel(fn: CuFunction, grid: Dim3, block: Dim3, sharedMemBytes: number, args: readonly KernelArg[]): void;
  eventCreate(): CuEvent;
  eventRecord(ev: CuEvent): void;
  /** Non-blocking: true when the work before the event has finished (CUDA_ERROR_NOT_READY → false). */
  eventQuery(ev: CuEvent): boolean;
  eventSynchronize(ev: CuEvent): void;
  /** Milliseconds between two recorded, completed events (about 0.5 µs resolution). */
  eventElapsedTime(start: CuEvent, end: CuEvent): number;
  eventDestroy(ev: CuEvent): void;
  /** CUresult → `CUDA_ERROR_…` name. */
  errorName(code: number): string;
}

export class CudaError extends Error {
  constructor(
    readonly call: string,
    readonly code: number,
    readonly codeName: string,
  ) {
    super(`${call} failed with ${codeName} (${code})`);
    this.name = 'CudaError';
  }
}

/** What a user can do about the common failures (the raw name stays in the message for search). */
const HINTS: Record<number, string> = {
  2: 'the GPU ran out of memory: try smaller sizes',
  100: 'no CUDA device is visible to the driver',
  200: 'the driver rejected the module image',
  209: 'the module has no code for this GPU (architecture mismatch)',
  218: 'the driver could not compile the PTX',
  222: 'the PTX is newer than this driver understands: update the NVIDIA driver, or use an NVRTC no newer than the driver’s CUDA version',
  700: 'a kernel accessed memory out of bounds (a bug in the generated kernel)',
  701: 'the launch needs more registers or threads per block than this GPU has',
  702: 'a kernel ran too long and the display watchdog stopped it',
  719: 'a kernel failed while running',
};

export function explainCudaError(err: CudaError): string {
  const hint = HINTS[err.code];
  return hint ? `${err.message}: ${hint}` : err.message;
}
