import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { banerjeeHierarchy, banerjeeRange, banerjeeTest } from '../../src/deptest/banerjee.js';
import { ALL, EQ, GT, LT, type Direction } from '../../src/deptest/direction.js';
import type { ProblemLoop, SubscriptPair } from '../../src/deptest/types.js';
import { bruteForce, nestCase, pairsOf, RUNS } from './oracle.js';

const one: ProblemLoop[] = [{ srcName: 'i', sinkName: "i'", level: 1, upper: 9n }];
const two: ProblemLoop[] = [
  { srcName: 'i', sinkName: "i'", level: 1, upper: 9n },
  { srcName: 'j', sinkName: "j'", level: 2, upper: 9n },
];
const pair = (src: A.Affine, sink: A.Affine, loops = one): SubscriptPair => ({ src, sink, loops, symbols: new Set(['n']) });
const key = (v: readonly Direction[]): string => v.join(',');

describe("Banerjee's inequalities (A&K §3.3.3–3.3.4)", () => {
  it('a[i] = a[i + 10] in range(10): (*) gives [−19, −1] ∌ 0, independent', () => {
    const p = pair(A.variable('i'), A.affine(10n, [["i'", 1n]]));
    expect(banerjeeRange(p, [ALL])).toEqual({ lb: -19n, ub: -1n });
    const r = banerjeeTest(p, [ALL]);
    expect(r.kind).toBe('independent');
    if (r.kind === 'independent') expect(r.work.steps.at(-1)!.text).toBe('for direction (*): LB = -19, UB = -1, 0 ∉ [LB, UB]');
  });
  it('a[i] = a[i + 5]: (<) [−14, −6] and (=) [−5, −5] pruned, (>) [−4, 4] survives', () => {
    const p = pair(A.variable('i'), A.affine(5n, [["i'", 1n]]));
    expect(banerjeeRange(p, [ALL])).toEqual({ lb: -14n, ub: 4n });
    expect(banerjeeRange(p, [LT])).toEqual({ lb: -14n, ub: -6n });
    expect(banerjeeRange(p, [EQ])).toEqual({ lb: -5n, ub: -5n });
    expect(banerjeeRange(p, [GT])).toEqual({ lb: -4n, ub: 4n });
    expect(banerjeeTest(p, [GT])).toMatchObject({ kind: 'dependent', exact: false, levels: [{ level: 1, directions: GT }] });
    const h = banerjeeHierarchy([p], 1);
    expect(h.vectors).toEqual([[GT]]);
    expect(h.work.steps.some((s) => s.tex?.includes('\\mathrm{LB}'))).toBe(true);
  });
  it('a[i + 1][j] = a[i][j + 1]: the hierarchy leaves exactly (<, >)', () => {
    const s1 = pair(A.affine(1n, [['i', 1n]]), A.variable("i'"), two);
    const s2 = pair(A.variable('j'), A.affine(1n, [["j'", 1n]]), two);
    expect(banerjeeHierarchy([s1, s2], 2).vectors).toEqual([[LT, GT]]);
  });
  it('< in a one-iteration loop has no iterations: independent under (<)', () => {
    const p = pair(A.variable('i'), A.variable("i'"), [{ srcName: 'i', sinkName: "i'", level: 1, upper: 0n }]);
    expect(banerjeeTest(p, [LT]).kind).toBe('independent');
    expect(banerjeeTest(p, [EQ]).kind).toBe('dependent');
  });
  it('unknown bounds are infinite: a[i] = a[i + 10] can no longer be ruled out', () => {
    const p = pair(A.variable('i'), A.affine(10n, [["i'", 1n]]), [{ srcName: 'i', sinkName: "i'", level: 1, upper: null }]);
    expect(banerjeeRange(p, [ALL])).toEqual({ lb: null, ub: null });
    expect(banerjeeRange(p, [EQ])).toEqual({ lb: -10n, ub: -10n });
    expect(banerjeeHierarchy([p], 1).vectors).toEqual([[GT]]);
  });
  it('symbols are unbounded: nothing is pruned', () => {
    const p = pair(
      A.affine(0n, [
        ['i', 1n],
        ['n', 1n],
      ]),
      A.affine(100n, [["i'", 1n]]),
    );
    expect(banerjeeHierarchy([p], 1).vectors).toHaveLength(3);
  });
  it('no common loops: one empty vector, or none', () => {
    const sep: ProblemLoop[] = [
      { srcName: 'i', sinkName: null, level: null, upper: 9n },
      { srcName: null, sinkName: "j'", level: null, upper: 9n },
    ];
    expect(banerjeeHierarchy([pair(A.variable('i'), A.variable("j'"), sep)], 0).vectors).toEqual([[]]);
    expect(banerjeeHierarchy([pair(A.variable('i'), A.affine(20n, [["j'", 1n]]), sep)], 0).vectors).toEqual([]);
  });

  const levels = (c: { loops: readonly { level: number | null }[] }): number => c.loops.reduce((n, l) => Math.max(n, l.level ?? 0), 0);

  it('property: the hierarchy keeps every true direction vector (1–2 coupled subscripts)', () => {
    const arb = fc.integer({ min: 1, max: 2 }).chain((dims) => nestCase(dims, 3));
    fc.assert(
      fc.property(arb, (c) => {
        const truth = bruteForce(c);
        const got = new Set(banerjeeHierarchy(pairsOf(c), levels(c)).vectors.map(key));
        for (const v of truth.vectors) expect(got.has(v), `true vector ${v} pruned`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
  it('property: banerjeeTest under any vector (single directions, *, or unions) never rules out a true one', () => {
    const dir = fc.constantFrom<Direction>(LT, EQ, GT, ALL, LT | EQ, GT | EQ, LT | GT);
    const arb = nestCase(1, 4).chain((c) => fc.tuple(fc.constant(c), fc.array(dir, { minLength: levels(c), maxLength: levels(c) })));
    fc.assert(
      fc.property(arb, ([c, dirs]) => {
        const r = banerjeeTest(pairsOf(c)[0]!, dirs);
        if (r.kind !== 'independent') return;
        for (const v of bruteForce(c).vectors) {
          const within = v.split(',').every((d, k) => (Number(d) & dirs[k]!) !== 0);
          expect(within, `true vector ${v} inside ${dirs.join(',')} ruled out`).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });
  it('property: the ranges are the exact real extremes over the box (checked at the integer corners)', () => {
    // With one common level and a single direction, the extremes sit at integer vertices, so the brute
    // force min/max of h over the region must equal LB/UB exactly.
    const arb = fc.record({
      a: fc.integer({ min: -4, max: 4 }).map(BigInt),
      b: fc.integer({ min: -4, max: 4 }).map(BigInt),
      c: fc.integer({ min: -6, max: 6 }).map(BigInt),
      u: fc.integer({ min: 0, max: 6 }).map(BigInt),
      d: fc.constantFrom<Direction>(LT, EQ, GT, ALL),
    });
    fc.assert(
      fc.property(arb, ({ a, b, c, u, d }) => {
        const p = pair(A.affine(c, [['i', a]]), A.variable("i'", b), [{ srcName: 'i', sinkName: "i'", level: 1, upper: u }]);
        let lo: bigint | null = null;
        let hi: bigint | null = null;
        for (let i = 0n; i <= u; i++) {
          for (let j = 0n; j <= u; j++) {
            const dd = j > i ? LT : j === i ? EQ : GT;
            if ((dd & d) === 0) continue;
            const h = a * i + c - b * j;
            lo = lo === null || h < lo ? h : lo;
            hi = hi === null || h > hi ? h : hi;
          }
        }
        const r = banerjeeRange(p, [d]);
        expect(r === null ? null : r).toEqual(lo === null ? null : { lb: lo, ub: hi });
      }),
      { numRuns: RUNS },
    );
  });
});
