import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { EQ, GT, LT } from '../../src/deptest/direction.js';
import type { SubscriptPair } from '../../src/deptest/types.js';
import { weakCrossingSivTest } from '../../src/deptest/weakCrossingSiv.js';
import { bruteForce, checkAgainst, nestCase, nonzero, pairsOf, RUNS, sivCase } from './oracle.js';

const pair = (src: A.Affine, sink: A.Affine, upper: bigint | null = 9n): SubscriptPair => ({
  src,
  sink,
  loops: [{ srcName: 'i', sinkName: "i'", level: 1, upper }],
  symbols: new Set(['n']),
});

describe('weak-crossing SIV test (A&K §3.3.2)', () => {
  it('a[i] = a[9 - i] (A&K A(I) = A(N−I+1)): crossing at 4.5, directions < and >, no =', () => {
    const r = weakCrossingSivTest(pair(A.variable('i'), A.affine(9n, [["i'", -1n]])));
    expect(r).toMatchObject({ kind: 'dependent', exact: true, levels: [{ level: 1, directions: LT | GT, distance: null }] });
    if (r.kind === 'dependent') {
      const text = r.work.steps.map((s) => s.text).join('\n');
      expect(text).toContain('4.5');
      expect(text).toContain('splitting');
    }
  });
  it('a[i] vs a[8 - i]: crossing at 4 (even sum): also =', () => {
    expect(weakCrossingSivTest(pair(A.variable('i'), A.affine(8n, [["i'", -1n]])))).toMatchObject({
      levels: [{ directions: LT | EQ | GT }],
    });
  });
  it('a[2*i] vs a[9 - 2*i]: sum 9/2 not an integer, independent', () => {
    expect(weakCrossingSivTest(pair(A.variable('i', 2n), A.affine(9n, [["i'", -2n]]))).kind).toBe('independent');
  });
  it('a[i] vs a[30 - i] in range(10): sum 30 > 18, independent', () => {
    expect(weakCrossingSivTest(pair(A.variable('i'), A.affine(30n, [["i'", -1n]]))).kind).toBe('independent');
  });
  it("a[i] vs a[-i]: only i = i' = 0, distance 0, exact even with an unknown bound", () => {
    expect(weakCrossingSivTest(pair(A.variable('i'), A.variable("i'", -1n), null))).toMatchObject({
      exact: true,
      levels: [{ directions: EQ, distance: 0n }],
    });
  });
  it('symbolic: a[i] vs a[n - i] is unknown', () => {
    expect(
      weakCrossingSivTest(
        pair(
          A.variable('i'),
          A.affine(0n, [
            ['n', 1n],
            ["i'", -1n],
          ]),
        ),
      ).kind,
    ).toBe('unknown');
  });

  it('property: weak-crossing subscripts, sound and exact against brute force', () => {
    fc.assert(
      fc.property(sivCase(nonzero().map((a) => [a, -a] as const)), (c) => {
        const r = weakCrossingSivTest(pairsOf(c)[0]!);
        expect(r.kind === 'dependent' || r.kind === 'independent').toBe(true);
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS },
    );
  });
  it('property: arbitrary subscripts, sound', () => {
    fc.assert(
      fc.property(nestCase(1), (c) => checkAgainst(weakCrossingSivTest(pairsOf(c)[0]!), bruteForce(c))),
      { numRuns: RUNS },
    );
  });
});
