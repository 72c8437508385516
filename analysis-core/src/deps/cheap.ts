/**
 * The cheap tests, dispatched by subscript shape (Goff, Kennedy & Tseng 1991): each affine dimension is
 * classified ZIV / SIV / RDIV / MIV and given to its test; any proof of independence ends the pair.
 * Per-level constraints from different dimensions are intersected (a dependence must satisfy every
 * dimension's equation, so its direction lies in every dimension's allowed set) — an empty intersection,
 * or two different exact distances for one level, is itself a proof of independence (coupled subscripts
 * such as a[i][i] vs a[i+1][i]). Banerjee's inequalities with the direction hierarchy then run when some
 * dimension was MIV/RDIV or inexact.
 */
import { ALL, directionOfDistance, type Direction } from '../deptest/direction.js';
import type { SubscriptPair, TestName, TestResult, Work } from '../deptest/types.js';
import { classifySubscript, sivVariant } from '../deptest/classify.js';
import { zivTest } from '../deptest/ziv.js';
import { strongSivTest } from '../deptest/strongSiv.js';
import { weakZeroSivTest } from '../deptest/weakZeroSiv.js';
import { weakCrossingSivTest } from '../deptest/weakCrossingSiv.js';
import { exactSivTest } from '../deptest/exactSiv.js';
import { rdivTest } from '../deptest/rdiv.js';
import { gcdTest } from '../deptest/gcd.js';
import { banerjeeHierarchy } from '../deptest/banerjee.js';
import { assertNever } from '../util/assert.js';
import type { PairProblem } from './problem.js';

export interface CheapOutcome {
  readonly independent: { readonly test: TestName; readonly work: Work } | null;
  /** Allowed directions per common level (bit sets). */
  readonly allowed: readonly Direction[];
  /** Levels whose direction/distance an exact cheap test determined, with that test. */
  readonly exactLevels: ReadonlyMap<number, { readonly test: TestName; readonly distance: bigint | null }>;
  readonly works: readonly Work[];
}

function testsFor(pair: SubscriptPair): ((p: SubscriptPair) => TestResult)[] {
  const cls = classifySubscript(pair);
  switch (cls) {
    case 'ziv':
      return [zivTest];
    case 'siv': {
      const v = sivVariant(pair);
      switch (v) {
        case 'strong':
          return [strongSivTest];
        case 'weak-zero':
          return [weakZeroSivTest];
        case 'weak-crossing':
          return [weakCrossingSivTest, exactSivTest];
        case 'exact':
          return [exactSivTest];
        default:
          return assertNever(v, 'SIV variant');
      }
    }
    case 'rdiv':
      return [rdivTest, gcdTest];
    case 'miv':
      return [gcdTest];
    default:
      return assertNever(cls, 'subscript class');
  }
}

export function runCheapTests(p: PairProblem): CheapOutcome {
  const c = p.common.length;
  const allowed: Direction[] = p.common.map(() => ALL);
  const exactLevels = new Map<number, { test: TestName; distance: bigint | null }>();
  const works: Work[] = [];
  let needBanerjee = false;
  const independent = (test: TestName, work: Work): CheapOutcome => ({ independent: { test, work }, allowed, exactLevels, works });

  for (const pair of p.pairs) {
    let decided = false;
    for (const test of testsFor(pair)) {
      const r = test(pair);
      if (r.kind === 'not-applicable') continue;
      works.push(r.work);
      if (r.kind === 'independent') return independent(r.test, r.work);
      if (r.kind === 'unknown') {
        needBanerjee = true;
        continue;
      }
      for (const lc of r.levels) {
        if (lc.level < 1 || lc.level > c) continue;
        allowed[lc.level - 1]! &= lc.directions;
        if (lc.distance !== null) {
          const prev = exactLevels.get(lc.level);
          if (prev && prev.distance !== null && prev.distance !== lc.distance) return independent(r.test, r.work);
          allowed[lc.level - 1]! &= directionOfDistance(lc.distance);
          if (r.exact) exactLevels.set(lc.level, { test: r.test, distance: lc.distance });
        } else if (r.exact && !exactLevels.has(lc.level)) {
          exactLevels.set(lc.level, { test: r.test, distance: null });
        }
        if (allowed[lc.level - 1] === 0) return independent(r.test, r.work);
      }
      if (!r.exact) needBanerjee = true;
      decided = true;
      break;
    }
    if (!decided) needBanerjee = true;
  }
  // Banerjee needs loop bounds to bite: with every common bound symbolic (the static stage) it cannot
  // refute anything the exact test will not, so it is skipped there.
  const someBound = p.pairs[0]?.loops.some((l) => l.level !== null && l.upper !== null) ?? false;
  if (needBanerjee && c > 0 && p.pairs.length > 0 && someBound) {
    const b = banerjeeHierarchy(p.pairs, c);
    works.push(b.work);
    if (b.vectors.length === 0) return independent('banerjee', b.work);
    for (let k = 0; k < c; k++) {
      let bits = 0;
      for (const v of b.vectors) bits |= v[k]!;
      allowed[k]! &= bits;
      if (allowed[k] === 0) return independent('banerjee', b.work);
    }
  }
  return { independent: null, allowed, exactLevels, works };
}
