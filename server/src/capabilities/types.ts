/** What /api/health reports for one optional tool. Detection never throws: absence is a normal answer. */
export interface Capability {
  available: boolean;
  version?: string;
  detail: string;
  /** Paths or names that were tried, in order (for libraries and executables). */
  searched?: string[];
  /** Extra facts a capability may add (e.g. the Python executable and its packages). */
  [extra: string]: unknown;
}

export type CapabilityName = 'nvrtc' | 'cuda' | 'python' | 'nvcc';

export type CapabilityReport = Record<CapabilityName, Capability>;

export const CAPABILITY_NAMES: readonly CapabilityName[] = ['nvrtc', 'cuda', 'python', 'nvcc'];

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
