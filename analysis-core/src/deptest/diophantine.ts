/**
 * Bounded two-variable linear Diophantine equations, shared by the exact SIV and RDIV tests
 * (Banerjee, "Dependence Analysis for Supercomputing", 1988, ch. 5; Allen & Kennedy ch. 3, §3.3.2).
 *
 *     a·x − b·y = δ,   0 ≤ x ≤ Ux,   0 ≤ y ≤ Uy     (a, b ≠ 0; an unknown U is +∞)
 *
 * Extended Euclid gives g = gcd(a, b) and p, q with a·p − b·q = g. If g ∤ δ there is no integer solution;
 * otherwise every solution is x = p·δ/g + (b/g)·t, y = q·δ/g + (a/g)·t for integer t, and each bound
 * cuts t to a half-line. Example: 2x − 3y = 1 → g = 1, p = 2, q = 1: x = 2 + 3t, y = 1 + 2t; with
 * 0 ≤ x, y ≤ 9: t ∈ [0, 2], i.e. (2, 1), (5, 3), (8, 5).
 *
 * The solution set is returned re-parametrised to t ∈ [0, T]: x ≥ 0 and y ≥ 0 always bound t on at least
 * one side, so shifting (and if needed negating) t makes that side 0.
 */
import { ceilDiv, extendedGcd, floorDiv, max, min, mod } from '../affine/intmath.js';
import { assert } from '../util/assert.js';

export type Linear2 =
  | { readonly kind: 'no-integer-solution'; readonly g: bigint }
  | {
      readonly kind: 'out-of-bounds';
      readonly g: bigint;
      readonly x0: bigint;
      readonly y0: bigint;
      readonly sx: bigint;
      readonly sy: bigint;
    }
  | {
      readonly kind: 'solutions';
      readonly g: bigint;
      /** x = x0 + sx·t, y = y0 + sy·t for t ∈ [0, T]. */
      readonly x0: bigint;
      readonly y0: bigint;
      readonly sx: bigint;
      readonly sy: bigint;
      /** null: unbounded (only possible when an upper bound is unknown). */
      readonly T: bigint | null;
    };

interface Interval {
  lo: bigint | null;
  hi: bigint | null;
}

/** The t with 0 ≤ p + c·t ≤ u (u null = no upper bound), c ≠ 0, intersected into `acc`. */
function cut(acc: Interval, p: bigint, c: bigint, u: bigint | null): void {
  const lower = (v: bigint): void => {
    acc.lo = acc.lo === null ? v : max(acc.lo, v);
  };
  const upper = (v: bigint): void => {
    acc.hi = acc.hi === null ? v : min(acc.hi, v);
  };
  if (c > 0n) {
    lower(ceilDiv(-p, c));
    if (u !== null) upper(floorDiv(u - p, c));
  } else {
    // Dividing by a negative c flips both inequalities.
    upper(floorDiv(-p, c));
    if (u !== null) lower(ceilDiv(u - p, c));
  }
}

export function solveLinear2(a: bigint, b: bigint, delta: bigint, ux: bigint | null, uy: bigint | null): Linear2 {
  const [g, p, q] = extendedGcd(a, -b);
  if (mod(delta, g) !== 0n) return { kind: 'no-integer-solution', g };
  const m = delta / g;
  let x0 = p * m;
  let y0 = q * m;
  let sx = b / g;
  let sy = a / g;
  const t: Interval = { lo: null, hi: null };
  cut(t, x0, sx, ux);
  cut(t, y0, sy, uy);
  if (t.lo === null) {
    // x ≥ 0 bounds t on one side whatever the sign of sx, so at least one end is finite.
    assert(t.hi !== null, 'x ≥ 0 must bound t');
    // Bounded above only: t → −t turns it into a lower bound.
    sx = -sx;
    sy = -sy;
    t.lo = -t.hi;
    t.hi = null;
  } else if (t.hi !== null && t.lo > t.hi) {
    return { kind: 'out-of-bounds', g, x0, y0, sx, sy };
  }
  x0 += sx * t.lo;
  y0 += sy * t.lo;
  return { kind: 'solutions', g, x0, y0, sx, sy, T: t.hi === null ? null : t.hi - t.lo };
}

/** Smallest and largest value of v0 + s·t over t ∈ [0, T] (null largest = unbounded). */
export function rangeOver(v0: bigint, s: bigint, T: bigint | null): { min: bigint; max: bigint | null } {
  if (T === null) {
    // With t unbounded above, a negative step would leave the non-negative range: solveLinear2 never does it.
    assert(s >= 0n, 'unbounded parametrisation must be non-decreasing');
    return { min: v0, max: s === 0n ? v0 : null };
  }
  const end = v0 + s * T;
  return { min: min(v0, end), max: max(v0, end) };
}
