/** Dependences as the rest of Loupe sees them: oriented (source runs before sink), with vectors and evidence. */
import type { AccessId, LoopId } from '../ir/ir.js';
import type { Direction } from '../deptest/direction.js';
import type { TestName, Work } from '../deptest/types.js';

export type DepKind = 'flow' | 'anti' | 'output';

export interface Witness {
  /** Loop-variable values (not counters) of the source and sink iterations, outermost first. */
  readonly source: readonly (readonly [string, bigint])[];
  readonly sink: readonly (readonly [string, bigint])[];
  /** Values chosen for unbound symbols (static stage), e.g. n = 3. */
  readonly symbols: readonly (readonly [string, bigint])[];
  /** The element both touch, e.g. a[4]. */
  readonly element: string;
}

export interface Dependence {
  readonly id: number;
  readonly kind: DepKind;
  readonly source: AccessId;
  readonly sink: AccessId;
  readonly variable: string;
  /** Loops around both accesses, outermost first; `direction`/`distance` have one entry per loop. */
  readonly common: readonly LoopId[];
  readonly direction: readonly Direction[];
  /** Constant distance (sink − source, in iterations) per level, null where it varies or is unknown. */
  readonly distance: readonly (bigint | null)[];
  /** The loop that carries it (first non-`=` level); null for a loop-independent dependence. */
  readonly carrier: LoopId | null;
  readonly decidedBy: TestName;
  /**
   * `proven`: a real pair of iterations conflicts (exact test, exact bounds, unguarded statements).
   * `assumed`: could not be ruled out (non-affine subscripts, undecided tests, guarded statements) — it
   * blocks a `parallel` verdict but only ever yields `unknown`, never `sequential`.
   */
  readonly certainty: 'proven' | 'assumed';
  /** Why it is only assumed, or the condition on symbols under which it exists. */
  readonly reason: string | null;
  /** Static stage: the dependence exists only for some values of these unbound offset symbols. */
  readonly conditionalOn: readonly string[];
  readonly witness: Witness | null;
  /** Every test that ran on this pair, in order, with its work. */
  readonly work: readonly Work[];
}

/** A pair of accesses proven independent: kept so "show the work" can explain parallel loops too. */
export interface Independence {
  readonly a: AccessId;
  readonly b: AccessId;
  readonly common: readonly LoopId[];
  readonly decidedBy: TestName;
  readonly work: readonly Work[];
  /** Independent only at some levels: the levels (1-based) whose carried directions were ruled out. */
  readonly conditionalOn: readonly string[];
}
