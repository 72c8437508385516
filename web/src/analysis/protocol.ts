/**
 * Messages between the page and the analysis worker. Everything here is plain JSON (no bigint, no Maps), so
 * it crosses `postMessage` by structured clone and goes into permalinks unchanged.
 */
import type { Report } from '@loupe/analysis-core';
import type { HostPlan, KernelInfo } from '../../../analysis-core/src/codegen/plan';

/** The CUDA code generator's output for the page (its Python baselines are left out), or why there is none. */
export type CudaResult =
  | {
      readonly ok: true;
      readonly cuda: string;
      readonly kernels: readonly KernelInfo[];
      readonly plan: HostPlan;
      readonly notes: readonly string[];
      readonly ms: number;
    }
  | { readonly ok: false; readonly error: string };

export interface AnalysisRequest {
  readonly id: number;
  /** Editor model version of `source` (echoed back so the page knows what it is showing). */
  readonly version: number;
  readonly source: string;
  /** Runtime values typed in the panel (`NAME → text`); they override the `# loupe:` comment. '' unbinds. */
  readonly overrides: Readonly<Record<string, string>>;
}

/** The `# loupe: n=100, A=float64[100,100]` comment of the source, as text values. */
export interface CommentBindings {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: readonly string[];
}

export interface AnalysisResult {
  readonly version: number;
  readonly source: string;
  readonly report: Report;
  readonly comment: CommentBindings | null;
  readonly cuda: CudaResult;
  /** The values the analysis used: the comment's, overridden by the panel's. */
  readonly effective: Readonly<Record<string, string>>;
  /** Problems with the effective values (e.g. `k: 'x' is neither an integer…`); those values are left out. */
  readonly bindingErrors: readonly string[];
  /** Wall time in the worker for this request (parse + analysis), in ms. */
  readonly workerMs: number;
}

export interface AnalysisResponse {
  readonly id: number;
  readonly result: AnalysisResult;
}

/** JSON round trip that turns any bigint into a decimal string, so the payload is plain data. */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as T;
}

/** A report with nothing but one error diagnostic (the worker failed before analysing). */
export function failedReport(message: string): Report {
  return {
    version: '',
    loops: [],
    dependences: [],
    independences: [],
    works: [],
    statements: [],
    diagnostics: [
      { severity: 'error', code: 'analysis-failed', message: `Analysis failed: ${message}`, line: 1, column: 0, endLine: 1, endColumn: 0 },
    ],
    symbols: [],
    arrays: [],
    bindings: {},
    timings: { parseMs: 0, analysisMs: 0 },
    stats: { pairsTested: 0, solves: 0 },
  };
}
