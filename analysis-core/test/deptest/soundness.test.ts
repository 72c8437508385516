/**
 * Every cheap test, on arbitrary small nests (coupled subscripts, one-side loops, symbols, unknown and
 * empty bounds): never `independent` when the brute force finds a conflict, and exact when it says so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySubscript, sivVariant } from '../../src/deptest/classify.js';
import { exactSivTest } from '../../src/deptest/exactSiv.js';
import { gcdTest } from '../../src/deptest/gcd.js';
import { rdivTest } from '../../src/deptest/rdiv.js';
import { strongSivTest } from '../../src/deptest/strongSiv.js';
import type { SubscriptPair, TestResult } from '../../src/deptest/types.js';
import { weakCrossingSivTest } from '../../src/deptest/weakCrossingSiv.js';
import { weakZeroSivTest } from '../../src/deptest/weakZeroSiv.js';
import { zivTest } from '../../src/deptest/ziv.js';
import { assertNever } from '../../src/util/assert.js';
import { bruteForce, checkAgainst, nestCase, pairsOf, RUNS } from './oracle.js';

/** What a dispatcher would run: the test for the subscript's shape. */
function dispatch(p: SubscriptPair): TestResult {
  const cls = classifySubscript(p);
  switch (cls) {
    case 'ziv':
      return zivTest(p);
    case 'siv': {
      const v = sivVariant(p);
      switch (v) {
        case 'strong':
          return strongSivTest(p);
        case 'weak-zero':
          return weakZeroSivTest(p);
        case 'weak-crossing':
          return weakCrossingSivTest(p);
        case 'exact':
          return exactSivTest(p);
        default:
          return assertNever(v, 'SIV variant');
      }
    }
    case 'rdiv':
      return rdivTest(p);
    case 'miv':
      return gcdTest(p);
    default:
      return assertNever(cls, 'subscript class');
  }
}

describe('cheap tests on arbitrary nests', () => {
  it('property: the dispatched test is applicable, sound, and exact when it claims to be', () => {
    fc.assert(
      fc.property(nestCase(1, 4), (c) => {
        const r = dispatch(pairsOf(c)[0]!);
        expect(r.kind).not.toBe('not-applicable');
        checkAgainst(r, bruteForce(c));
      }),
      { numRuns: RUNS * 2 },
    );
  });
  it('property: the SIV tests agree with the exact SIV test where both apply', () => {
    fc.assert(
      fc.property(nestCase(1, 6, false), (c) => {
        const p = pairsOf(c)[0]!;
        if (classifySubscript(p) !== 'siv' || sivVariant(p) === 'weak-zero') return;
        const a = dispatch(p);
        const b = exactSivTest(p);
        expect(a.kind).toBe(b.kind);
        if (a.kind === 'dependent' && b.kind === 'dependent' && a.exact && b.exact) expect(a.levels).toEqual(b.levels);
      }),
      { numRuns: RUNS },
    );
  });
});
