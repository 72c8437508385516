/**
 * Integer linear systems for the exact test: find whether integer values of `vars` satisfy every
 * equality (expr = 0) and inequality (expr ≥ 0). Names not listed in `vars` must not occur.
 */
import type { Affine } from '../affine/affine.js';
import type { Work } from './types.js';

export interface LinearSystem {
  readonly vars: readonly string[];
  readonly equalities: readonly Affine[];
  readonly inequalities: readonly Affine[];
}

export type ExactResult =
  | { readonly kind: 'infeasible'; readonly work: Work }
  /** Feasible; `point` is an integer solution (the lexicographic minimum over `lexOrder` when asked and bounded). */
  | { readonly kind: 'feasible'; readonly point: ReadonlyMap<string, bigint> | null; readonly work: Work }
  /** Undecided (budget exhausted, or a case the solver does not handle exactly). Never read as infeasible. */
  | { readonly kind: 'unknown'; readonly reason: string; readonly work: Work };

export interface ExactOptions {
  /** Variables to minimise lexicographically, in order, for the witness (e.g. source counters then sink counters). */
  readonly lexOrder?: readonly string[];
  /** Work budget (elimination/branching steps) before answering `unknown`. */
  readonly budget?: number;
}
