/** Speedups of every timed runner over CPython and over Numba, from the runners' medians. */
import type { RunnerKey, RunnerReport } from './report.js';

export interface Speedups {
  readonly vsCpython: Partial<Record<'numba' | 'numbaParallel' | 'gpuKernel' | 'gpuEndToEnd', number>>;
  readonly vsNumba: Partial<Record<'numbaParallel' | 'gpuKernel' | 'gpuEndToEnd', number>>;
  /** True when the CPython time behind vsCpython is an extrapolation. */
  readonly estimated: boolean;
}

function ratio(a: number | undefined, b: number | undefined): number | undefined {
  return a !== undefined && b !== undefined && b > 0 && Number.isFinite(a) ? a / b : undefined;
}

export function speedups(r: Partial<Record<RunnerKey, RunnerReport>>): Speedups {
  const cpython = r.cpython?.medianMs;
  const numba = r.numba?.medianMs;
  const entries = {
    numba,
    numbaParallel: r['numba-parallel']?.medianMs,
    gpuKernel: r.gpu?.kernel?.medianMs,
    gpuEndToEnd: r.gpu?.endToEnd?.medianMs,
  };
  const vsCpython: Speedups['vsCpython'] = {};
  const vsNumba: Speedups['vsNumba'] = {};
  for (const [k, v] of Object.entries(entries) as [keyof typeof entries, number | undefined][]) {
    const c = ratio(cpython, v);
    if (c !== undefined) vsCpython[k] = c;
    if (k !== 'numba') {
      const n = ratio(numba, v);
      if (n !== undefined) vsNumba[k] = n;
    }
  }
  return { vsCpython, vsNumba, estimated: r.cpython?.estimated === true };
}
