/** Compact builders for exact-test systems in tests. */
import { affine, type Affine } from '../../src/affine/affine.js';
import type { LinearSystem } from '../../src/deptest/linear.js';

/** `expr` from a compact list: [constant, [name, coeff], …]. */
export const E = (c: number, ...terms: [string, number][]): Affine =>
  affine(
    BigInt(c),
    terms.map(([n, k]) => [n, BigInt(k)] as const),
  );

/** lo ≤ v ≤ hi as two inequalities. */
export const box = (v: string, lo: number, hi: number): Affine[] => [E(-lo, [v, 1]), E(hi, [v, -1])];

export const sys = (vars: readonly string[], equalities: Affine[], inequalities: Affine[]): LinearSystem => ({
  vars,
  equalities,
  inequalities,
});
