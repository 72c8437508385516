export * from './parse/index.js';
export { outlineLoops, type LoopOutline } from './ir/outline.js';
export type * from './ir/ir.js';
export { lowerProgram } from './ir/lower.js';
export { analyzeParsed, analyzeStage, type Analysis, type StageResult } from './analyze.js';
export {
  toReport,
  verdictSummary,
  type CitedDependence,
  type Report,
  type ReportLoop,
  type ReportDependence,
  type ReportDiagnostic,
  type ReportWork,
  type ReportAccessRef,
  type ReportIndependence,
  type ReportStatement,
} from './protocol/report.js';
export * from './bindings.js';
export { assert, assertNever, InternalError } from './util/assert.js';
export { LOUPE_VERSION } from './version.js';

import type { PythonParser } from './parse/index.js';
import { analyzeParsed } from './analyze.js';
import { toReport, type Report } from './protocol/report.js';
import { NO_BINDINGS, type Bindings } from './bindings.js';

/** Parse, analyse (static and, with bindings, runtime stage) and report, in one call. */
export function analyzeSource(parser: PythonParser, source: string, bindings: Bindings = NO_BINDINGS): Report {
  const parsed = parser.parse(source);
  return toReport(analyzeParsed(parsed, source, bindings));
}
