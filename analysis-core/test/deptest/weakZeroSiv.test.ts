import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { EQ, GT, LT } from '../../src/deptest/direction.js';
import type { SubscriptPair } from '../../src/deptest/types.js';
import { weakZeroSivTest } from '../../src/deptest/weakZeroSiv.js';
import { bruteForce, checkAgainst, nestCase, nonzero, pairsOf, RUNS, sivCase } from './oracle.js';

const pair = (src: A.Affine, sink: A.Affine, upper: bigint | null = 9n): SubscriptPair => ({
  src,
  sink,
  loops: [{ srcName: 'i', sinkName: "i'", level: 1, upper }],
  symbols: new Set(['n']),
});
const texts = (r: { work: { steps: readonly { text: string }[] } }): string => r.work.steps.map((s) => s.text).join('\n');

describe('weak-zero SIV test (A&K §3.3.2)', () => {
  it('a[i] = a[0] + 1: only iteration 0 writes a[0]; directions <=, peel the first iteration', () => {
    const r = weakZeroSivTest(pair(A.variable('i'), A.constant(0n)));
    expect(r).toMatchObject({ kind: 'dependent', exact: true, levels: [{ level: 1, directions: LT | EQ, distance: null }] });
    if (r.kind === 'dependent') expect(texts(r)).toContain('first iteration');
  });
  it('a[i] vs a[9] in range(10): the last iteration; directions >=, peel the last iteration', () => {
    const r = weakZeroSivTest(pair(A.variable('i'), A.constant(9n)));
    expect(r).toMatchObject({ kind: 'dependent', levels: [{ directions: GT | EQ }] });
    if (r.kind === 'dependent') expect(texts(r)).toContain('last iteration');
  });
  it('mirror: a[4] (source) vs a[i] (sink): the sink is pinned at 4, any source: all directions', () => {
    expect(weakZeroSivTest(pair(A.constant(4n), A.variable("i'")))).toMatchObject({ levels: [{ directions: LT | EQ | GT }] });
  });
  it('mirror at 0: a[0] (source) vs a[i] (sink): source iterations ≥ 0 = pinned sink: directions >=', () => {
    expect(weakZeroSivTest(pair(A.constant(0n), A.variable("i'")))).toMatchObject({ levels: [{ directions: GT | EQ }] });
  });
  it('a[2*i] vs a[5]: i = 5/2, independent', () => {
    expect(weakZeroSivTest(pair(A.variable('i', 2n), A.constant(5n))).kind).toBe('independent');
  });
  it('a[i] vs a[12] in range(10): out of bounds, independent', () => {
    expect(weakZeroSivTest(pair(A.variable('i'), A.constant(12n))).kind).toBe('independent');
  });
  it('unknown bound: a[i] vs a[12] may depend, not exact', () => {
    expect(weakZeroSivTest(pair(A.variable('i'), A.constant(12n), null))).toMatchObject({ kind: 'dependent', exact: false });
  });
  it('symbolic: a[i] vs a[n] is unknown', () => {
    expect(weakZeroSivTest(pair(A.variable('i'), A.variable('n'))).kind).toBe('unknown');
  });

  it('property: weak-zero subscripts, sound and exact against brute force', () => {
    const ab = fc.tuple(nonzero(), fc.boolean()).map(([a, left]) => (left ? ([a, 0n] as const) : ([0n, a] as const)));
    fc.assert(
      fc.property(sivCase(ab), (c) => {
        const r = weakZeroSivTest(pairsOf(c)[0]!);
        expect(r.kind === 'dependent' || r.kind === 'independent').toBe(true);
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS },
    );
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(weakZeroSivTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
