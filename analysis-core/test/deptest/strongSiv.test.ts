import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { GT, LT } from '../../src/deptest/direction.js';
import { strongSivTest } from '../../src/deptest/strongSiv.js';
import type { SubscriptPair } from '../../src/deptest/types.js';
import { bruteForce, checkAgainst, nestCase, nonzero, pairsOf, RUNS, sivCase } from './oracle.js';

const pair = (src: A.Affine, sink: A.Affine, upper: bigint | null = 9n): SubscriptPair => ({
  src,
  sink,
  loops: [{ srcName: 'i', sinkName: "i'", level: 1, upper }],
  symbols: new Set(['n']),
});
const e = (c: bigint, name: string, k: bigint): A.Affine => A.affine(c, [[name, k]]);

describe('strong SIV test (A&K §3.3.2)', () => {
  it('a[i + 1] = a[i]: distance 1, direction <, exact', () => {
    const r = strongSivTest(pair(e(1n, 'i', 1n), e(0n, "i'", 1n)));
    expect(r).toMatchObject({ kind: 'dependent', exact: true, levels: [{ level: 1, directions: LT, distance: 1n }] });
  });
  it('a[2*i + 4] vs a[2*i]: d = (4 − 0)/2 = 2', () => {
    const r = strongSivTest(pair(e(4n, 'i', 2n), e(0n, "i'", 2n)));
    expect(r).toMatchObject({ kind: 'dependent', levels: [{ distance: 2n, directions: LT }] });
    if (r.kind === 'dependent') expect(r.work.steps.map((s) => s.text).join('\n')).toContain('distance d = 4/2 = 2');
  });
  it('sign convention: a[i] vs a[i + 3] is distance −3 (sink before source)', () => {
    expect(strongSivTest(pair(e(0n, 'i', 1n), e(3n, "i'", 1n)))).toMatchObject({ levels: [{ distance: -3n, directions: GT }] });
  });
  it('a[2*i + 3] vs a[2*i]: d = 3/2 not an integer, independent', () => {
    expect(strongSivTest(pair(e(3n, 'i', 2n), e(0n, "i'", 2n))).kind).toBe('independent');
  });
  it('distance beyond the trip count: independent', () => {
    expect(strongSivTest(pair(e(4n, 'i', 2n), e(0n, "i'", 2n), 1n)).kind).toBe('independent');
  });
  it('unknown bound: dependent but not exact for d ≠ 0', () => {
    expect(strongSivTest(pair(e(4n, 'i', 2n), e(0n, "i'", 2n), null))).toMatchObject({ kind: 'dependent', exact: false });
  });
  it('symbolic difference a[i + n] vs a[i]: unknown naming n', () => {
    const r = strongSivTest(
      pair(
        A.affine(0n, [
          ['i', 1n],
          ['n', 1n],
        ]),
        e(0n, "i'", 1n),
      ),
    );
    expect(r).toMatchObject({ kind: 'unknown' });
    if (r.kind === 'unknown') expect(r.reason).toContain('n');
  });
  it('not applicable to other shapes', () => {
    expect(strongSivTest(pair(e(0n, 'i', 1n), e(0n, "i'", 2n))).kind).toBe('not-applicable');
    expect(strongSivTest(pair(A.constant(1n), A.constant(1n))).kind).toBe('not-applicable');
  });

  it('property: strong subscripts, sound and exact against brute force', () => {
    const arb = sivCase(nonzero().map((a) => [a, a] as const));
    fc.assert(
      fc.property(arb, (c) => {
        const r = strongSivTest(pairsOf(c)[0]!);
        expect(r.kind === 'dependent' || r.kind === 'independent').toBe(true);
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS },
    );
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(strongSivTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
