import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { EQ, GT, LT } from '../../src/deptest/direction.js';
import { rdivTest } from '../../src/deptest/rdiv.js';
import type { ProblemLoop, SubscriptPair } from '../../src/deptest/types.js';
import { bound, bruteForce, checkAgainst, constant, nestCase, nonzero, pairsOf, RUNS, type Case } from './oracle.js';

// Two separate nests: loop i around the source only, loop j around the sink only.
const separate: ProblemLoop[] = [
  { srcName: 'i', sinkName: null, level: null, upper: 9n },
  { srcName: null, sinkName: "j'", level: null, upper: 4n },
];
// One nest, two levels.
const nest: ProblemLoop[] = [
  { srcName: 'i', sinkName: "i'", level: 1, upper: 9n },
  { srcName: 'j', sinkName: "j'", level: 2, upper: 9n },
];
const pair = (src: A.Affine, sink: A.Affine, loops: ProblemLoop[]): SubscriptPair => ({ src, sink, loops, symbols: new Set(['n']) });

describe('RDIV test (GKT 1991)', () => {
  it("a[i] (i in 0..9) vs a[2*j + 1] (j in 0..4): i = 1 + 2t, j' = t: dependent, exact, no levels", () => {
    const r = rdivTest(pair(A.variable('i'), A.affine(1n, [["j'", 2n]]), separate));
    expect(r).toMatchObject({ kind: 'dependent', exact: true, levels: [] });
  });
  it('a[2*i] vs a[2*j + 1]: gcd 2 ∤ 1, independent', () => {
    expect(rdivTest(pair(A.variable('i', 2n), A.affine(1n, [["j'", 2n]]), separate)).kind).toBe('independent');
  });
  it('a[i] vs a[j + 20]: i ≥ 20 > 9, independent', () => {
    expect(rdivTest(pair(A.variable('i'), A.affine(20n, [["j'", 1n]]), separate)).kind).toBe('independent');
  });
  it('degenerate: a[j] (sink-only loop, 0..4) vs a[7]: out of bounds, independent', () => {
    expect(rdivTest(pair(A.constant(7n), A.variable("j'"), separate)).kind).toBe('independent');
    expect(rdivTest(pair(A.constant(3n), A.variable("j'"), separate)).kind).toBe('dependent');
  });
  it('a[i] vs a[j] at two levels of one nest: each level free, all directions, not exact (coupled levels)', () => {
    const r = rdivTest(pair(A.variable('i'), A.variable("j'"), nest));
    expect(r).toMatchObject({
      kind: 'dependent',
      exact: false,
      levels: [
        { level: 1, directions: LT | EQ | GT },
        { level: 2, directions: LT | EQ | GT },
      ],
    });
  });
  it("a[i] vs a[j + 9]: i = 9 is the last level-1 iteration (>=) and j' = 0 the first (>=)", () => {
    const r = rdivTest(pair(A.variable('i'), A.affine(9n, [["j'", 1n]]), nest));
    expect(r).toMatchObject({
      levels: [
        { level: 1, directions: GT | EQ },
        { level: 2, directions: GT | EQ },
      ],
    });
  });
  it('not applicable to SIV or MIV', () => {
    expect(rdivTest(pair(A.variable('i'), A.variable("i'"), nest)).kind).toBe('not-applicable');
    expect(
      rdivTest(
        pair(
          A.affine(0n, [
            ['i', 1n],
            ['j', 1n],
          ]),
          A.variable("j'"),
          nest,
        ),
      ).kind,
    ).toBe('not-applicable');
  });

  it('property: RDIV subscripts (separate nests, two levels, or mixed), sound and exact against brute force', () => {
    const arb = fc
      .record({
        a: nonzero(),
        b: nonzero(),
        c1: constant(),
        c2: constant(),
        u1: bound(8),
        u2: bound(8),
        shape: fc.constantFrom('separate', 'same', 'mixed'),
        oneSided: fc.boolean(),
      })
      .map(({ a, b, c1, c2, u1, u2, shape, oneSided }): Case => {
        const loops =
          shape === 'same'
            ? [
                { srcName: 'i', sinkName: "i'", level: 1, ...u1 },
                { srcName: 'j', sinkName: "j'", level: 2, ...u2 },
              ]
            : shape === 'mixed'
              ? [
                  { srcName: 'i', sinkName: "i'", level: 1, ...u1 },
                  { srcName: null, sinkName: "j'", level: null, ...u2 },
                ]
              : [
                  { srcName: 'i', sinkName: null, level: null, ...u1 },
                  { srcName: null, sinkName: "j'", level: null, ...u2 },
                ];
        // oneSided: a loop around one side against a constant (only when that loop is not common: else SIV).
        const sink = oneSided && shape === 'separate' ? A.constant(c2) : A.affine(c2, [["j'", b]]);
        return { loops, subs: [{ src: A.affine(c1, [['i', a]]), sink }] };
      });
    fc.assert(
      fc.property(arb, (c) => {
        const r = rdivTest(pairsOf(c)[0]!);
        expect(r.kind === 'dependent' || r.kind === 'independent').toBe(true);
        const truth = bruteForce(c);
        checkAgainst(r, truth);
        // Each level's set is an exact projection whenever the bounds are known, even when `exact` is not
        // claimed for the vector as a whole (two common levels).
        if (r.kind === 'dependent' && c.loops.every((l) => l.declared !== null)) {
          for (const lc of r.levels) expect(lc.directions).toBe(truth.dirs[lc.level - 1]);
        }
      }),
      { numRuns: RUNS },
    );
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(rdivTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
