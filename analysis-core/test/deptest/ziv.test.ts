import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import type { SubscriptPair } from '../../src/deptest/types.js';
import { zivTest } from '../../src/deptest/ziv.js';
import { bound, bruteForce, checkAgainst, constant, pairsOf, RUNS, type Case } from './oracle.js';

const loops = [{ srcName: 'i', sinkName: "i'", level: 1, upper: 9n }];
const pair = (src: A.Affine, sink: A.Affine): SubscriptPair => ({ src, sink, loops, symbols: new Set(['n']) });

describe('ZIV test (A&K §3.3.1)', () => {
  it('a[5] vs a[3]: constant difference 2 ≠ 0, independent', () => {
    const r = zivTest(pair(A.constant(5n), A.constant(3n)));
    expect(r.kind).toBe('independent');
    if (r.kind === 'independent') expect(r.work.steps[0]!.text).toContain('2');
  });
  it('a[4] vs a[4]: dependent, exact, no level constraints', () => {
    expect(zivTest(pair(A.constant(4n), A.constant(4n)))).toMatchObject({ kind: 'dependent', exact: true, levels: [] });
  });
  it('a[n + 1] vs a[n + 1]: symbols cancel, dependent', () => {
    const e = A.affine(1n, [['n', 1n]]);
    expect(zivTest(pair(e, e)).kind).toBe('dependent');
  });
  it('a[2*n] vs a[1]: 2n − 1 is odd for every n, independent', () => {
    expect(zivTest(pair(A.variable('n', 2n), A.constant(1n))).kind).toBe('independent');
  });
  it('a[n] vs a[0]: depends on n, unknown naming n', () => {
    const r = zivTest(pair(A.variable('n'), A.constant(0n)));
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') expect(r.reason).toContain('n');
  });
  it('not applicable when a counter appears', () => {
    expect(zivTest(pair(A.variable('i'), A.constant(0n))).kind).toBe('not-applicable');
  });
  it('a loop that never runs: independent', () => {
    const p: SubscriptPair = { src: A.constant(1n), sink: A.constant(1n), loops: [{ ...loops[0]!, upper: -1n }], symbols: new Set() };
    expect(zivTest(p).kind).toBe('independent');
  });

  it('property: sound and exact against brute force', () => {
    const arb = fc
      .record({ c1: constant(), c2: constant(), s1: fc.integer({ min: -3, max: 3 }), s2: fc.integer({ min: -3, max: 3 }), u: bound(8) })
      .map(({ c1, c2, s1, s2, u }): Case => ({
        loops: [{ srcName: 'i', sinkName: "i'", level: 1, ...u }],
        subs: [{ src: A.affine(c1, [['n', BigInt(s1)]]), sink: A.affine(c2, [['n', BigInt(s2)]]) }],
      }));
    fc.assert(
      fc.property(arb, (c) => {
        const r = zivTest(pairsOf(c)[0]!);
        expect(r.kind).not.toBe('not-applicable');
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS },
    );
  });
});
