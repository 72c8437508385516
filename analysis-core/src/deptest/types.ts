/**
 * The contract between the dependence driver (`deps/`) and the individual tests (`deptest/`, one file
 * per test). Tests are pure functions from a problem to a `TestResult`; each records its work for display.
 *
 * Loops are normalised before testing: a loop `for v in range(start, stop, step)` iterates a counter
 * t = 0, 1, …, with v = start + step·t. All subscripts are rewritten over counters, so every test works
 * on unit-stride, zero-based, increasing iteration spaces, and directions/distances are in iterations of
 * the original loop (a reversed loop's earlier iteration has the larger v but the smaller t).
 * Counter names: the source side uses the loop variable's name, the sink side appends `'` (i, i').
 */
import type { Affine } from '../affine/affine.js';
import type { Direction } from './direction.js';

export type TestName =
  | 'ziv'
  | 'strong-siv'
  | 'weak-zero-siv'
  | 'weak-crossing-siv'
  | 'exact-siv'
  | 'rdiv'
  | 'gcd'
  | 'banerjee'
  | 'omega'
  | 'difference'
  | 'scalar'
  | 'conservative';

export interface WorkStep {
  /** Plain text, e.g. "gcd(2, 4) = 2 does not divide 1". */
  readonly text: string;
  /** The same as TeX for typesetting (KaTeX), when it has a formula. */
  readonly tex?: string;
}

/** What a test did, for "show the work". */
export interface Work {
  readonly test: TestName;
  /** The equation tested, e.g. `i + 1 = i'`. */
  readonly equation: string;
  readonly steps: readonly WorkStep[];
}

/** One loop as the tests see it (after normalisation). */
export interface ProblemLoop {
  /** Counter names on the source and sink side (`i` and `i'`); a loop enclosing only one side has one null. */
  readonly srcName: string | null;
  readonly sinkName: string | null;
  /** 1-based level among the loops common to source and sink; null for a loop around only one side. */
  readonly level: number | null;
  /**
   * Inclusive upper bound of the counter (it runs 0..upper), when it is a known constant; null when it
   * depends on symbols or outer loops and is unknown to the cheap tests (the exact test sees the full
   * constraints). A loop with upper < 0 never runs.
   */
  readonly upper: bigint | null;
}

/** One subscript position: source subscript = sink subscript is the dependence equation. */
export interface SubscriptPair {
  readonly src: Affine;
  readonly sink: Affine;
  readonly loops: readonly ProblemLoop[];
  /** Names that are symbols (neither counters): unknown loop-invariant integers. */
  readonly symbols: ReadonlySet<string>;
}

/** What a test learned about one common level. */
export interface LevelConstraint {
  readonly level: number;
  readonly directions: Direction;
  /** Exact distance (sink − source, in iterations) when the test determines it. */
  readonly distance: bigint | null;
}

export type TestResult =
  /** Proven: no iterations within bounds touch the same element. Never produced from a guess. */
  | { readonly kind: 'independent'; readonly test: TestName; readonly work: Work }
  /**
   * Possibly dependent with these per-level constraints (levels not listed are unconstrained by this test).
   * `exact: true` when the test's answer is exact for this subscript (the dependence really exists for
   * these directions, given the bounds it knew).
   */
  | {
      readonly kind: 'dependent';
      readonly test: TestName;
      readonly levels: readonly LevelConstraint[];
      readonly exact: boolean;
      readonly work: Work;
    }
  /** The shape is not this test's (e.g. strong SIV on an MIV subscript). */
  | { readonly kind: 'not-applicable'; readonly test: TestName }
  /** Applicable, but could not decide (e.g. symbolic coefficients). Never becomes independent. */
  | { readonly kind: 'unknown'; readonly test: TestName; readonly reason: string; readonly work: Work };

export type SubscriptTest = (pair: SubscriptPair) => TestResult;
