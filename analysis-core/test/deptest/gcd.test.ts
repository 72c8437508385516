import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { gcdTest } from '../../src/deptest/gcd.js';
import type { ProblemLoop, SubscriptPair } from '../../src/deptest/types.js';
import { bruteForce, checkAgainst, nestCase, pairsOf, RUNS } from './oracle.js';

const loops: ProblemLoop[] = [
  { srcName: 'i', sinkName: "i'", level: 1, upper: 9n },
  { srcName: 'j', sinkName: "j'", level: 2, upper: 9n },
];
const pair = (src: A.Affine, sink: A.Affine): SubscriptPair => ({ src, sink, loops, symbols: new Set(['n']) });

describe('GCD test (A&K §3.3.3)', () => {
  it('a[2*i + 4*j] vs a[4*i + 6*j + 1]: gcd(2, 4, 4, 6) = 2 ∤ 1, independent', () => {
    const r = gcdTest(
      pair(
        A.affine(0n, [
          ['i', 2n],
          ['j', 4n],
        ]),
        A.affine(1n, [
          ["i'", 4n],
          ["j'", 6n],
        ]),
      ),
    );
    expect(r.kind).toBe('independent');
    if (r.kind === 'independent') expect(r.work.steps[0]!.text).toBe('gcd(2, 4, 4, 6) = 2 does not divide 1');
  });
  it('… + 2 instead: gcd divides, dependent but inexact with no levels', () => {
    const r = gcdTest(
      pair(
        A.affine(0n, [
          ['i', 2n],
          ['j', 4n],
        ]),
        A.affine(2n, [
          ["i'", 4n],
          ["j'", 6n],
        ]),
      ),
    );
    expect(r).toMatchObject({ kind: 'dependent', exact: false, levels: [] });
  });
  it('symbols join the gcd: a[2*i + 2*n] vs a[2*i + 1] is independent for every n', () => {
    expect(
      gcdTest(
        pair(
          A.affine(0n, [
            ['i', 2n],
            ['n', 2n],
          ]),
          A.affine(1n, [["i'", 2n]]),
        ),
      ).kind,
    ).toBe('independent');
    expect(
      gcdTest(
        pair(
          A.affine(0n, [
            ['i', 2n],
            ['n', 1n],
          ]),
          A.affine(1n, [["i'", 2n]]),
        ),
      ).kind,
    ).toBe('dependent');
  });
  it('not applicable with no variables (ZIV)', () => {
    expect(gcdTest(pair(A.constant(1n), A.constant(2n))).kind).toBe('not-applicable');
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(gcdTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
