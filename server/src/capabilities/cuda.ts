import fs from 'node:fs';
import { LibraryNotFoundError, openFirst, type OpenedLibrary } from './koffi.js';
import { errorMessage, type Capability } from './types.js';

export const CUDA_DRIVER_LIBRARY = 'libcuda.so.1';

/** The system loader first (ld.so.cache, LD_LIBRARY_PATH), then the usual driver locations that exist. */
export function cudaDriverCandidates(env: NodeJS.ProcessEnv = process.env): { load: string[]; searched: string[] } {
  const explicit = env.LOUPE_CUDA_LIB?.trim();
  const paths = [
    '/usr/lib/x86_64-linux-gnu/libcuda.so.1',
    '/usr/lib64/libcuda.so.1',
    '/usr/lib/aarch64-linux-gnu/libcuda.so.1',
    '/usr/lib/wsl/lib/libcuda.so.1',
  ];
  const searched = [...(explicit ? [explicit] : []), CUDA_DRIVER_LIBRARY, ...paths];
  const load = [...(explicit && fs.existsSync(explicit) ? [explicit] : []), CUDA_DRIVER_LIBRARY, ...paths.filter((p) => fs.existsSync(p))];
  return { load, searched };
}

/** CUresult names for the codes a probe is likely to meet (cuGetErrorName is used when it answers). */
const CU_RESULTS: Record<number, string> = {
  1: 'CUDA_ERROR_INVALID_VALUE',
  2: 'CUDA_ERROR_OUT_OF_MEMORY',
  3: 'CUDA_ERROR_NOT_INITIALIZED',
  34: 'CUDA_ERROR_STUB_LIBRARY',
  35: 'CUDA_ERROR_INSUFFICIENT_DRIVER',
  46: 'CUDA_ERROR_DEVICES_UNAVAILABLE',
  100: 'CUDA_ERROR_NO_DEVICE',
  101: 'CUDA_ERROR_INVALID_DEVICE',
  304: 'CUDA_ERROR_OPERATING_SYSTEM',
  803: 'CUDA_ERROR_SYSTEM_DRIVER_MISMATCH',
  804: 'CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE',
  999: 'CUDA_ERROR_UNKNOWN',
};

export interface CudaDevice {
  index: number;
  name: string;
  computeCapability: string;
}

export interface CudaDriver extends OpenedLibrary {
  /** The CUDA version the driver supports, e.g. "12.4". */
  version: string;
  deviceCount: number;
  devices: CudaDevice[];
  /** CUresult → name, for error messages of later calls. */
  resultName(code: number): string;
}

export class CudaDriverError extends Error {
  constructor(
    message: string,
    readonly driverVersion?: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'CudaDriverError';
  }
}

let opened: Promise<CudaDriver> | undefined;

/** Opens the CUDA driver API once, runs cuInit(0) (off the main thread) and lists the devices. */
export function openCudaDriver(env: NodeJS.ProcessEnv = process.env): Promise<CudaDriver> {
  opened ??= (async () => {
    const candidates = cudaDriverCandidates(env);
    let lib: OpenedLibrary;
    try {
      lib = await openFirst(CUDA_DRIVER_LIBRARY, candidates.load);
    } catch (err) {
      if (err instanceof LibraryNotFoundError) throw new LibraryNotFoundError(CUDA_DRIVER_LIBRARY, candidates.searched, err.failures);
      throw err;
    }
    const h = lib.lib;
    const cuDriverGetVersion = h.func('int cuDriverGetVersion(_Out_ int *version)');
    const cuInit = h.func('int cuInit(unsigned int flags)');
    const cuDeviceGetCount = h.func('int cuDeviceGetCount(_Out_ int *count)');
    const cuDeviceGet = h.func('int cuDeviceGet(_Out_ int *device, int ordinal)');
    const cuDeviceGetName = h.func('int cuDeviceGetName(void *name, int len, int dev)');
    const cuDeviceGetAttribute = h.func('int cuDeviceGetAttribute(_Out_ int *value, int attrib, int dev)');
    let cuGetErrorName: ((code: number, out: (string | null)[]) => number) | undefined;
    try {
      cuGetErrorName = h.func('int cuGetErrorName(int error, _Out_ const char **name)');
    } catch {
      cuGetErrorName = undefined;
    }
    const resultName = (code: number): string => {
      if (cuGetErrorName) {
        try {
          const out: (string | null)[] = [null];
          if (cuGetErrorName(code, out) === 0 && out[0]) return `${out[0]} (${code})`;
        } catch {
          // fall back to the table
        }
      }
      return `${CU_RESULTS[code] ?? 'CUresult'} (${code})`;
    };

    const v = [0];
    const versionRc = cuDriverGetVersion(v) as number;
    const version = versionRc === 0 ? `${Math.floor(v[0]! / 1000)}.${Math.floor((v[0]! % 1000) / 10)}` : 'unknown';

    // cuInit can take a while on a real GPU: run it on koffi's worker so the event loop stays free.
    const initRc = await new Promise<number>((resolve, reject) => {
      cuInit.async(0, (err: unknown, rc: number) => (err ? reject(err) : resolve(rc)));
    });
    if (initRc !== 0) throw new CudaDriverError(`cuInit(0) failed with ${resultName(initRc)}`, version, lib.path);

    const count = [0];
    const countRc = cuDeviceGetCount(count) as number;
    if (countRc !== 0) throw new CudaDriverError(`cuDeviceGetCount failed with ${resultName(countRc)}`, version, lib.path);
    const devices: CudaDevice[] = [];
    for (let i = 0; i < count[0]!; i++) {
      const dev = [0];
      if ((cuDeviceGet(dev, i) as number) !== 0) continue;
      const buf = Buffer.alloc(256);
      const nameRc = cuDeviceGetName(buf, buf.length, dev[0]) as number;
      const nul = buf.indexOf(0);
      const name = nameRc === 0 ? buf.subarray(0, nul < 0 ? buf.length : nul).toString('utf8') : `device ${i}`;
      const major = [0];
      const minor = [0];
      // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR = 75, _MINOR = 76
      const ccOk = cuDeviceGetAttribute(major, 75, dev[0]) === 0 && cuDeviceGetAttribute(minor, 76, dev[0]) === 0;
      devices.push({ index: i, name, computeCapability: ccOk ? `${major[0]}.${minor[0]}` : 'unknown' });
    }
    return { ...lib, searched: candidates.searched, version, deviceCount: count[0]!, devices, resultName };
  })();
  // Not cached on failure: a driver may be installed or a device freed later.
  opened.catch(() => {
    opened = undefined;
  });
  return opened;
}

export async function detectCuda(env: NodeJS.ProcessEnv = process.env): Promise<Capability> {
  try {
    const cuda = await openCudaDriver(env);
    if (cuda.deviceCount === 0) {
      return {
        available: false,
        version: cuda.version,
        detail: `CUDA driver ${cuda.version} loaded from ${cuda.path}, but it reports no devices`,
        searched: cuda.searched,
        devices: [],
      };
    }
    const first = cuda.devices[0];
    return {
      available: true,
      version: cuda.version,
      detail: `${first?.name ?? 'GPU'} (compute ${first?.computeCapability ?? '?'}), ${cuda.deviceCount} device(s), driver supports CUDA ${cuda.version}`,
      gpu: first?.name,
      computeCapability: first?.computeCapability,
      deviceCount: cuda.deviceCount,
      devices: cuda.devices,
      path: cuda.path,
      searched: cuda.searched,
    };
  } catch (err) {
    if (err instanceof LibraryNotFoundError) {
      return {
        available: false,
        detail:
          `CUDA driver library ${CUDA_DRIVER_LIBRARY} not found (asked the system loader, and looked for ` +
          `${err.searched.filter((s) => s.startsWith('/')).join(', ')}). Kernels can be compiled but not run here.`,
        searched: err.searched,
      };
    }
    if (err instanceof CudaDriverError) {
      return {
        available: false,
        ...(err.driverVersion ? { version: err.driverVersion } : {}),
        detail: `CUDA driver ${CUDA_DRIVER_LIBRARY} loaded from ${err.path}, but ${err.message}`,
        searched: cudaDriverCandidates(env).searched,
      };
    }
    return {
      available: false,
      detail: `CUDA driver ${CUDA_DRIVER_LIBRARY}: ${errorMessage(err)}`,
      searched: cudaDriverCandidates(env).searched,
    };
  }
}
