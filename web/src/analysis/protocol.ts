/** Messages between the page and the analysis worker. Everything here is plain JSON (no bigint, no classes). */
import type { Diagnostic, LoopOutline } from '@loupe/analysis-core';

export interface AnalysisRequest {
  readonly id: number;
  readonly source: string;
}

export interface AnalysisResult {
  readonly loops: readonly LoopOutline[];
  readonly diagnostics: readonly Diagnostic[];
  /** Time spent parsing in the worker; 0 when the worker failed before parsing. */
  readonly parseMs: number;
}

export interface AnalysisResponse extends AnalysisResult {
  readonly id: number;
}

/** JSON round trip that turns any bigint into a decimal string, so the payload is plain data. */
export function toPlain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as T;
}
