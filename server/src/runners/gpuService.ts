/**
 * Where the GPU runner gets its Driver: the real koffi binding over libcuda.so.1 (opened and cuInit'ed
 * once by capabilities/cuda.ts), or an injected one in tests. Absence is an answer with a reason, never
 * an exception, so a run on a machine without a GPU still verifies by emulation and times CPython/Numba.
 */
import { LibraryNotFoundError } from '../capabilities/koffi.js';
import { CUDA_DRIVER_LIBRARY, openCudaDriver } from '../capabilities/cuda.js';
import { errorMessage } from '../capabilities/types.js';
import { KoffiDriver } from '../nvrtc/cudaDriver.js';
import { CudaError, explainCudaError, type Driver } from '../nvrtc/driver.js';
import { deviceInfo, type GpuDevice } from './gpu.js';

export type GpuStatus =
  | { readonly available: true; readonly driver: Driver; readonly device: GpuDevice; readonly driverVersion: string }
  | { readonly available: false; readonly reason: string };

export interface GpuService {
  status(): Promise<GpuStatus>;
}

export function deviceOrdinal(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number.parseInt(env.LOUPE_CUDA_DEVICE ?? '0', 10);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function realGpuService(env: NodeJS.ProcessEnv = process.env): GpuService {
  return {
    async status(): Promise<GpuStatus> {
      try {
        const cuda = await openCudaDriver(env);
        if (cuda.deviceCount === 0)
          return { available: false, reason: `the CUDA driver (${cuda.path}, CUDA ${cuda.version}) reports no devices` };
        const driver = await KoffiDriver.bind(cuda.lib);
        const ordinal = deviceOrdinal(env);
        if (ordinal >= cuda.deviceCount)
          return { available: false, reason: `LOUPE_CUDA_DEVICE=${ordinal} but the driver reports ${cuda.deviceCount} device(s)` };
        return { available: true, driver, device: deviceInfo(driver, ordinal), driverVersion: cuda.version };
      } catch (err) {
        if (err instanceof LibraryNotFoundError) {
          return {
            available: false,
            reason: `${CUDA_DRIVER_LIBRARY} not found (asked the system loader, and looked for ${err.searched.filter((s) => s.startsWith('/')).join(', ') || 'nothing else'})`,
          };
        }
        if (err instanceof CudaError) return { available: false, reason: explainCudaError(err) };
        return { available: false, reason: errorMessage(err) };
      }
    },
  };
}

/** A fixed answer (tests, or LOUPE_GPU=off). */
export function fixedGpuService(status: GpuStatus): GpuService {
  return { status: () => Promise.resolve(status) };
}
