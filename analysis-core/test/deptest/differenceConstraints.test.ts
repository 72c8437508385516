/**
 * The difference-constraint solver: hand cases (the header's worked example, a positive cycle, shapes it
 * must decline), and random difference systems against brute force and against the Omega test — same
 * answer, and the point is the least solution (the lexicographic minimum in every order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Affine } from '../../src/affine/affine.js';
import { solveDifferenceConstraints } from '../../src/deptest/differenceConstraints.js';
import type { LinearSystem } from '../../src/deptest/linear.js';
import { solveExact, solveOmega } from '../../src/deptest/omega.js';
import { E, sys } from '../helpers/systems.js';

const pointOf = (p: ReadonlyMap<string, bigint> | null | undefined) =>
  p ? Object.fromEntries([...p].map(([k, v]) => [k, Number(v)])) : null;

describe('difference constraints: hand cases', () => {
  it("the header's example: a[i + 1] = a[i], direction <, least n", () => {
    const r = solveDifferenceConstraints(
      sys(
        ['i', "i'", 'n'],
        [E(1, ['i', 1], ["i'", -1])],
        [E(0, ['i', 1]), E(0, ["i'", 1]), E(-1, ['n', 1], ['i', -1]), E(-1, ['n', 1], ["i'", -1]), E(-1, ["i'", 1], ['i', -1])],
      ),
      { lexOrder: ['n', 'i', "i'"] },
    );
    expect(r?.kind).toBe('feasible');
    expect(pointOf(r?.kind === 'feasible' ? r.point : null)).toEqual({ i: 0, "i'": 1, n: 2 });
    expect(r!.work.steps.at(-1)!.text).toContain("lexicographically smallest in (n, i, i')");
  });

  it('a positive cycle is infeasible, and the work adds the cycle up', () => {
    // x ≥ y + 1, y ≥ z + 1, z ≥ x: 0 ≥ 2.
    const r = solveDifferenceConstraints(
      sys(['x', 'y', 'z'], [], [E(-1, ['x', 1], ['y', -1]), E(-1, ['y', 1], ['z', -1]), E(0, ['z', 1], ['x', -1]), E(0, ['x', 1])]),
    );
    expect(r?.kind).toBe('infeasible');
    expect(r!.work.steps.map((s) => s.text).join(' ')).toContain('0 ≥ 2');
  });

  it('an equality with no integer solution: 2x = 1', () => {
    expect(solveDifferenceConstraints(sys(['x'], [E(-1, ['x', 2])], []))?.kind).toBe('infeasible');
  });

  it('declines what is not a difference system, or has no least solution', () => {
    expect(solveDifferenceConstraints(sys(['x', 'y'], [], [E(0, ['x', 1], ['y', 1])]))).toBeNull(); // x + y
    expect(solveDifferenceConstraints(sys(['x', 'y'], [], [E(0, ['x', 2], ['y', -1])]))).toBeNull(); // 2x − y
    expect(solveDifferenceConstraints(sys(['x', 'y', 'z'], [], [E(0, ['x', 1], ['y', -1], ['z', 1])]))).toBeNull();
    expect(solveDifferenceConstraints(sys(['x'], [], [E(5, ['x', -1])]))).toBeNull(); // x ≤ 5: unbounded below
  });
});

const R = 6;
const NAMES = ['a', 'b', 'c', 'd'];

/** Random difference systems over 2–4 variables; each variable boxed in [−R, R] unless `open` says otherwise. */
const arbSystem = fc
  .integer({ min: 2, max: 4 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      diffs: fc.array(
        fc.record({
          p: fc.integer({ min: 0, max: n - 1 }),
          q: fc.integer({ min: 0, max: n - 1 }),
          k: fc.integer({ min: -5, max: 5 }),
          scale: fc.integer({ min: 1, max: 3 }),
          eq: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      singles: fc.array(
        fc.record({
          v: fc.integer({ min: 0, max: n - 1 }),
          a: fc.constantFrom(-2, -1, 1, 2, 3),
          k: fc.integer({ min: -6, max: 6 }),
          eq: fc.boolean(),
        }),
        {
          maxLength: 3,
        },
      ),
      open: fc.integer({ min: -1, max: n - 1 }),
    }),
  )
  .map(({ n, diffs, singles, open }) => {
    const vars = NAMES.slice(0, n);
    const eqs: Affine[] = [];
    const ineqs: Affine[] = [];
    for (const d of diffs) {
      if (d.p === d.q) continue;
      const e = E(d.k * d.scale, [vars[d.p]!, d.scale], [vars[d.q]!, -d.scale]);
      (d.eq && eqs.length < 2 ? eqs : ineqs).push(e);
    }
    for (const s of singles) (s.eq && eqs.length < 2 ? eqs : ineqs).push(E(s.k, [vars[s.v]!, s.a]));
    vars.forEach((v, i) => {
      if (i !== open) ineqs.push(E(R, [v, 1])); // v ≥ −R
      ineqs.push(E(R, [v, -1])); // v ≤ R
    });
    return sys(vars, eqs, ineqs);
  });

/** Least point of the box in lexicographic order (which is the least solution, when one exists). */
function brute(s: LinearSystem): Record<string, number> | null {
  const n = s.vars.length;
  const v = new Array<number>(n).fill(-R);
  const env = () => new Map(s.vars.map((x, i) => [x, BigInt(v[i]!)]));
  const holds = () => {
    const m = env();
    const val = (e: Affine) => e.terms.reduce((acc, t) => acc + t.coeff * m.get(t.name)!, e.constant);
    return s.equalities.every((e) => val(e) === 0n) && s.inequalities.every((e) => val(e) >= 0n);
  };
  for (;;) {
    if (holds()) return Object.fromEntries(s.vars.map((x, i) => [x, v[i]!]));
    let d = n - 1;
    while (d >= 0 && v[d] === R) v[d--] = -R;
    if (d < 0) return null;
    v[d]!++;
  }
}

describe('difference constraints: properties', () => {
  it('agrees with brute force and with the Omega test; the point is the least solution', () => {
    let decided = 0;
    fc.assert(
      fc.property(arbSystem, (s) => {
        const lexOrder = [...s.vars];
        const r = solveDifferenceConstraints(s, { lexOrder });
        const omega = solveOmega(s, { lexOrder });
        const b = brute(s);
        // The dispatcher answers like the Omega test either way.
        expect(solveExact(s, { lexOrder }).kind).toBe(omega.kind);
        if (r === null) return;
        decided++;
        expect(r.kind).toBe(omega.kind);
        if (r.kind === 'infeasible') {
          expect(b).toBeNull();
          return;
        }
        expect(r.kind).toBe('feasible');
        const p = pointOf(r.kind === 'feasible' ? r.point : null)!;
        // The least solution is below every solution; inside the enumerated box it is the brute-force lexmin.
        // (An unboxed variable can be bounded below by a chain of differences, past the box.)
        const inBox = Object.values(p).every((x) => x >= -R && x <= R);
        if (inBox) expect(p).toEqual(b);
        else expect(Object.values(p).some((x) => x < -R)).toBe(true);
        if (b !== null) for (const v of s.vars) expect(p[v]).toBeLessThanOrEqual(b[v]!);
        if (omega.kind === 'feasible') expect(pointOf(omega.point)).toEqual(p);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(decided).toBeGreaterThan(1500);
  });
});
