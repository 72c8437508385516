/**
 * The analysis as the scanner uses it, behind a small interface so the scanning machinery (reading,
 * workers, timeouts, crash handling) can be tested with a stand-in engine, independently of the pipeline.
 * A worker loads an engine module by URL and calls its `createEngine` once.
 */
import type { CitedDependence, LoopOutline, ParseResult, ReportLoop } from '../../src/index.js';
import type { SubscriptShape } from './affine.js';

export interface EngineAnalysis {
  /** The report's loops, and the dependences their verdicts cite (see `verdictSummary`). */
  readonly loops: readonly ReportLoop[];
  readonly dependences: readonly CitedDependence[];
  /** Per loop id, from the lowered program (see `affine.ts`). */
  readonly shapes: readonly SubscriptShape[];
}

export interface Engine {
  parse(source: string): ParseResult;
  outline(parsed: ParseResult, source: string): LoopOutline[];
  /** null: this engine does not analyse (loops are counted, with no verdict). */
  analyze(parsed: ParseResult, source: string): EngineAnalysis | null;
}

/** What an engine module exports. */
export interface EngineModule {
  createEngine(): Promise<Engine>;
}

/** The real pipeline. Imported lazily so `loupe scan --help` and argument errors never load tree-sitter. */
export const DEFAULT_ENGINE_URL = new URL('./pipelineEngine.ts', import.meta.url).href;

/** Parse and outline only: the scanner's own ceiling, for the benchmark. */
export const OUTLINE_ENGINE_URL = new URL('./outlineEngine.ts', import.meta.url).href;
