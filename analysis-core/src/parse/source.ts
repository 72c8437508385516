/** Positions: `line` is 1-based (as editors and the CLI print it), `column` 0-based in UTF-16 code units (as Monaco counts). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceRange {
  readonly start: Position;
  readonly end: Position;
  /** UTF-16 offsets into the source text, end exclusive. */
  readonly startOffset: number;
  readonly endOffset: number;
}

export type Severity = 'error' | 'warning' | 'info';

/** A user-facing problem. Never thrown: every phase returns its diagnostics beside its result. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable machine-readable code, e.g. `syntax-error`, `unsupported-while`. */
  readonly code: string;
  readonly message: string;
  readonly range: SourceRange;
}

export function sliceSource(source: string, range: SourceRange): string {
  return source.slice(range.startOffset, range.endOffset);
}

export const EMPTY_RANGE: SourceRange = {
  start: { line: 1, column: 0 },
  end: { line: 1, column: 0 },
  startOffset: 0,
  endOffset: 0,
};
