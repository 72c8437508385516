/**
 * What one scanned file yields. Plain JSON (no Maps, no bigint) because it crosses the worker boundary
 * by structured clone and is printed as-is by `--json`.
 */
import type { VerdictKind } from '../../src/verdict/verdict.js';

/** Something worth telling about a file that is not a loop: skipped content, a decoding fallback, … */
export interface Note {
  /** Stable code, grouped on in the summary: `line-magic`, `cell-magic`, `shell`, `help`, `not-utf8`, `too-large`, … */
  readonly code: string;
  readonly count: number;
  readonly message: string;
}

export interface LoopRecord {
  /** 1-based index of the cell in the notebook's `cells` (markdown cells included); null for `.py`. */
  readonly cell: number | null;
  /** 1-based line within the cell (notebooks) or the file. */
  readonly line: number;
  readonly column: number;
  readonly var: string;
  readonly iterable: string;
  /** `for … in range(…)` with 1–3 positional arguments. */
  readonly isRange: boolean;
  /** Number of enclosing `for` loops. */
  readonly depth: number;
  /** null when the analysis crashed on this file (the loop is still counted from the outline). */
  readonly verdict: VerdictKind | null;
  readonly stage: 'static' | 'runtime' | null;
  /** See `affine.ts`: every array subscript in the loop (nested loops included) is affine. */
  readonly affine: boolean;
  /** The loop reads or writes at least one subscripted array element. */
  readonly subscripted: boolean;
  /** Why it is `unknown`/`sequential`, as group keys (see `reasons.ts`); empty otherwise. */
  readonly reasons: readonly string[];
  readonly explanation: string;
}

/** A loop nest: an outermost `for` with everything inside it. */
export interface NestRecord {
  /** 1 + the deepest `for` inside it. */
  readonly depth: number;
  /** Same, counting only chains of `range` loops; 0 when the outermost loop is not a `range` loop. */
  readonly rangeDepth: number;
}

export interface Crash {
  readonly phase: 'read' | 'parse' | 'analysis' | 'worker' | 'timeout';
  readonly message: string;
  /** The top-level statement that throws when analysed alone (`cell 3:1`, `line 40`); null when unknown. */
  readonly where: string | null;
  /** The first stack frames, for the analysis' authors. */
  readonly stack: string;
}

export interface FileResult {
  /** Path as displayed (relative to the current directory when inside it). */
  readonly path: string;
  readonly kind: 'py' | 'ipynb';
  readonly status: 'ok' | 'skipped' | 'crash';
  readonly bytes: number;
  /** All cells of a notebook (markdown too); 0 for `.py`. */
  readonly cells: number;
  readonly codeCells: number;
  readonly lines: number;
  readonly loops: readonly LoopRecord[];
  readonly nests: readonly NestRecord[];
  readonly notes: readonly Note[];
  /** Parser errors (Python 2 code, unterminated cells, …): the file is still analysed with error recovery. */
  readonly syntaxErrors: number;
  /** Parse + outline + analysis + report, in milliseconds (0 when skipped): the "analysis time" of the summary. */
  readonly ms: number;
  /** The parse + outline part of `ms`: it grows with file size, the rest with loop nests. */
  readonly parseMs: number;
  readonly crash: Crash | null;
}
