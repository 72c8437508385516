/** What every PTX compiler (NVRTC, or nvcc as the fallback) returns. Compile errors are an outcome, not an exception. */
export type CompileOutcome =
  | { readonly ok: true; readonly ptx: string; readonly log: string; readonly compileMs: number }
  | { readonly ok: false; readonly log: string; readonly compileMs: number; readonly error: string };

export interface CompileRequest {
  readonly source: string;
  /** Virtual architecture, e.g. `compute_90`. PTX for a virtual arch JIT-compiles on that arch and newer. */
  readonly arch: string;
  /** File name shown in the compile log. */
  readonly name?: string;
}

export interface PtxCompiler {
  readonly name: 'nvrtc' | 'nvcc';
  readonly version: string;
  /** Where the compiler was loaded from (library or executable path). */
  readonly path: string;
  /** The options it passes besides the architecture (for the reply and the cache key). */
  readonly options: readonly string[];
  compile(req: CompileRequest): Promise<CompileOutcome>;
  /** Targets it supports (NVRTC only), as numbers like 90; empty or absent when unknown. */
  supportedArchs?(): number[];
}

/**
 * The virtual architecture to compile for a device of compute capability `cc` ("9.0"): the device's own
 * when the compiler supports it, else the newest supported one below it (PTX JIT-compiles forward).
 */
export function archForDevice(cc: string, supported: readonly number[]): string {
  const m = /^(\d+)\.(\d+)$/.exec(cc);
  if (!m) return DEFAULT_ARCH;
  const want = Number(m[1]) * 10 + Number(m[2]);
  if (supported.length === 0 || supported.includes(want)) return `compute_${want}`;
  const below = supported.filter((a) => a <= want);
  return below.length > 0 ? `compute_${Math.max(...below)}` : `compute_${Math.min(...supported)}`;
}

/** The architecture Loupe compiles for when no device says otherwise (H100 class). */
export const DEFAULT_ARCH = 'compute_90';

export const ARCH_PATTERN = /^compute_\d{2,3}a?$/;
