import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { solveLinear2 } from '../../src/deptest/diophantine.js';
import { EQ, GT, LT } from '../../src/deptest/direction.js';
import { exactSivTest } from '../../src/deptest/exactSiv.js';
import type { SubscriptPair } from '../../src/deptest/types.js';
import { bruteForce, checkAgainst, nestCase, nonzero, pairsOf, RUNS, sivCase } from './oracle.js';

const pair = (src: A.Affine, sink: A.Affine, upper: bigint | null = 9n): SubscriptPair => ({
  src,
  sink,
  loops: [{ srcName: 'i', sinkName: "i'", level: 1, upper }],
  symbols: new Set(['n']),
});

describe('bounded two-variable Diophantine equations', () => {
  it('2x − 3y = 1 in 0..9: x = 2 + 3t, y = 1 + 2t, t ∈ [0, 2]', () => {
    expect(solveLinear2(2n, 3n, 1n, 9n, 9n)).toEqual({ kind: 'solutions', g: 1n, x0: 2n, y0: 1n, sx: 3n, sy: 2n, T: 2n });
  });
  it('property: the parametrisation enumerates exactly the brute-force solutions', () => {
    const small = fc
      .integer({ min: -5, max: 5 })
      .filter((v) => v !== 0)
      .map(BigInt);
    const arb = fc.record({
      a: small,
      b: small,
      d: fc.integer({ min: -12, max: 12 }).map(BigInt),
      ux: fc.integer({ min: 0, max: 8 }).map(BigInt),
      uy: fc.integer({ min: 0, max: 8 }).map(BigInt),
    });
    fc.assert(
      fc.property(arb, ({ a, b, d, ux, uy }) => {
        const truth: string[] = [];
        for (let x = 0n; x <= ux; x++) for (let y = 0n; y <= uy; y++) if (a * x - b * y === d) truth.push(`${x},${y}`);
        const s = solveLinear2(a, b, d, ux, uy);
        const got: string[] = [];
        if (s.kind === 'solutions') for (let t = 0n; t <= s.T!; t++) got.push(`${s.x0 + s.sx * t},${s.y0 + s.sy * t}`);
        expect(got.sort()).toEqual(truth.sort());
      }),
      { numRuns: RUNS },
    );
  });
});

describe('exact SIV test (A&K §3.3.2, Banerjee)', () => {
  it('a[2*i] vs a[3*i + 1] in range(10): (2,1), (5,3), (8,5); distances −1..−3, direction >', () => {
    const r = exactSivTest(pair(A.variable('i', 2n), A.affine(1n, [["i'", 3n]])));
    expect(r).toMatchObject({ kind: 'dependent', exact: true, levels: [{ level: 1, directions: GT, distance: null }] });
    if (r.kind === 'dependent') expect(r.work.steps.map((s) => s.text).join('\n')).toContain('0 ≤ t ≤ 2');
  });
  it('a[2*i] vs a[4*i + 1]: gcd 2 ∤ 1, independent', () => {
    expect(exactSivTest(pair(A.variable('i', 2n), A.affine(1n, [["i'", 4n]]))).kind).toBe('independent');
  });
  it("a[i] vs a[2*i]: i = 2i' gives (0, 0), direction =, and (2, 1), (4, 2), …, direction >", () => {
    expect(exactSivTest(pair(A.variable('i'), A.variable("i'", 2n)))).toMatchObject({ levels: [{ directions: EQ | GT }] });
  });
  it('a[3*i] vs a[2*i] with range(2): only (0, 0), distance 0', () => {
    expect(exactSivTest(pair(A.variable('i', 3n), A.variable("i'", 2n), 1n))).toMatchObject({ levels: [{ directions: EQ, distance: 0n }] });
  });
  it('unbounded: a[2*i] vs a[3*i + 1] with an unknown bound is a superset, not exact', () => {
    const r = exactSivTest(pair(A.variable('i', 2n), A.affine(1n, [["i'", 3n]]), null));
    expect(r).toMatchObject({ kind: 'dependent', exact: false, levels: [{ directions: GT }] });
  });
  it('decides strong and weak-crossing shapes too; weak-zero is not its shape', () => {
    expect(exactSivTest(pair(A.affine(1n, [['i', 1n]]), A.variable("i'")))).toMatchObject({ levels: [{ directions: LT, distance: 1n }] });
    expect(exactSivTest(pair(A.variable('i'), A.constant(3n))).kind).toBe('not-applicable');
  });

  it('property: any nonzero coefficients, sound and exact against brute force', () => {
    fc.assert(
      fc.property(sivCase(fc.tuple(nonzero(), nonzero())), (c) => {
        const r = exactSivTest(pairsOf(c)[0]!);
        expect(r.kind === 'dependent' || r.kind === 'independent').toBe(true);
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS },
    );
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(exactSivTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
