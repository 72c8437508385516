/**
 * Brute-force ground truth for the dependence tests: bind small constant bounds, enumerate every value
 * of the counters (and symbols) that appear, and record which iteration pairs touch the same element.
 * Counters that do not appear are free in their range; their effect on directions is computed exactly
 * (each free counter is its own variable, so per-level options combine as a product).
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { directionOfDistance, directionText, EQ, GT, LT, type Direction } from '../../src/deptest/direction.js';
import type { ProblemLoop, SubscriptPair, TestResult } from '../../src/deptest/types.js';
import { assertNever } from '../../src/util/assert.js';

export interface TLoop {
  readonly srcName: string | null;
  readonly sinkName: string | null;
  readonly level: number | null;
  /** The bound the brute force uses. */
  readonly actual: bigint;
  /** The bound the test is told (null: unknown to it). */
  readonly declared: bigint | null;
}

export interface Case {
  readonly loops: readonly TLoop[];
  readonly subs: readonly { readonly src: A.Affine; readonly sink: A.Affine }[];
}

export function pairsOf(c: Case): SubscriptPair[] {
  const loops: ProblemLoop[] = c.loops.map((l) => ({ srcName: l.srcName, sinkName: l.sinkName, level: l.level, upper: l.declared }));
  const counters = new Set(c.loops.flatMap((l) => [l.srcName, l.sinkName]).filter((n): n is string => n !== null));
  return c.subs.map((s) => {
    const symbols = new Set([...A.names(s.src), ...A.names(s.sink)].filter((n) => !counters.has(n)));
    return { src: s.src, sink: s.sink, loops, symbols };
  });
}

export interface Truth {
  readonly exists: boolean;
  /** Per common level (index level − 1): directions over all solutions. */
  readonly dirs: Direction[];
  /** Per common level: every distance sink − source over all solutions. */
  readonly distances: Set<bigint>[];
  /** Direction vectors over all solutions, as keys `1,2`. */
  readonly vectors: Set<string>;
}

const range = (lo: bigint, hi: bigint): bigint[] => {
  const out: bigint[] = [];
  for (let v = lo; v <= hi; v++) out.push(v);
  return out;
};

export const SYMBOL_VALUES = range(-3n, 3n);

export function bruteForce(c: Case): Truth {
  const levels = c.loops.reduce((n, l) => Math.max(n, l.level ?? 0), 0);
  const dirs: Direction[] = Array.from({ length: levels }, () => 0);
  const distances = Array.from({ length: levels }, () => new Set<bigint>());
  const vectors = new Set<string>();
  let exists = false;
  // A loop that never runs: its accesses never happen.
  if (c.loops.some((l) => l.actual < 0n)) return { exists, dirs, distances, vectors };
  const appearing = new Set(c.subs.flatMap((s) => [...A.names(s.src), ...A.names(s.sink)]));
  const domains = new Map<string, bigint[]>();
  const counterNames = new Set<string>();
  for (const l of c.loops) {
    for (const n of [l.srcName, l.sinkName]) {
      if (n === null) continue;
      counterNames.add(n);
      if (appearing.has(n)) domains.set(n, range(0n, l.actual));
    }
  }
  for (const n of appearing) if (!counterNames.has(n)) domains.set(n, SYMBOL_VALUES);
  const vars = [...domains.keys()];
  const env = new Map<string, bigint>();
  const visit = (k: number): void => {
    if (k < vars.length) {
      for (const v of domains.get(vars[k]!)!) {
        env.set(vars[k]!, v);
        visit(k + 1);
      }
      return;
    }
    if (!c.subs.every((s) => A.evaluate(s.src, env) === A.evaluate(s.sink, env))) return;
    exists = true;
    const perLevel: Direction[][] = [];
    for (const l of c.loops) {
      if (l.level === null) continue;
      const U = l.actual;
      const srcVals = env.has(l.srcName!) ? [env.get(l.srcName!)!] : range(0n, U);
      const sinkVals = env.has(l.sinkName!) ? [env.get(l.sinkName!)!] : range(0n, U);
      let set = 0;
      for (const s of srcVals) {
        for (const t of sinkVals) {
          distances[l.level - 1]!.add(t - s);
          set |= directionOfDistance(t - s);
        }
      }
      dirs[l.level - 1]! |= set;
      perLevel[l.level - 1] = [LT, EQ, GT].filter((d) => (set & d) !== 0);
    }
    let acc: Direction[][] = [[]];
    for (let k = 0; k < levels; k++) acc = acc.flatMap((p) => (perLevel[k] ?? []).map((d) => [...p, d]));
    for (const v of acc) vectors.add(v.join(','));
  };
  visit(0);
  return { exists, dirs, distances, vectors };
}

const show = (r: TestResult): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

/**
 * Soundness (always) and exactness (when claimed): independent ⇒ no solution; every true direction and
 * distance allowed; exact ⇒ a solution exists and each listed level's directions are exactly the truth.
 */
export function checkAgainst(r: TestResult, truth: Truth): void {
  switch (r.kind) {
    case 'independent':
      expect(truth.exists, `claimed independent but a solution exists: ${show(r)}`).toBe(false);
      return;
    case 'dependent':
      for (const lc of r.levels) {
        const t = truth.dirs[lc.level - 1] ?? 0;
        expect(
          (t & ~lc.directions) === 0,
          `level ${lc.level}: true ${directionText(t)} ⊄ ${directionText(lc.directions)}: ${show(r)}`,
        ).toBe(true);
        if (lc.distance !== null) {
          for (const d of truth.distances[lc.level - 1] ?? []) expect(d, `distance at level ${lc.level}: ${show(r)}`).toBe(lc.distance);
        }
        if (r.exact) expect(directionText(lc.directions), `exact directions at level ${lc.level}: ${show(r)}`).toBe(directionText(t));
      }
      if (r.exact) expect(truth.exists, `claimed exact dependence but none exists: ${show(r)}`).toBe(true);
      return;
    case 'unknown':
    case 'not-applicable':
      return;
    default:
      assertNever(r, 'test result');
  }
}

// ---- generators -------------------------------------------------------------------------------------

const big = (lo: number, hi: number): fc.Arbitrary<bigint> => fc.integer({ min: lo, max: hi }).map(BigInt);
/** Small coefficient, zero half the time. */
export const coef = (m = 3): fc.Arbitrary<bigint> => fc.oneof(fc.constant(0n), big(-m, m));
export const constant = (m = 6): fc.Arbitrary<bigint> => big(-m, m);

/** A bound: known (mostly), unknown to the test, or (rarely) a loop that never runs. */
export const bound = (maxU: number): fc.Arbitrary<{ actual: bigint; declared: bigint | null }> =>
  fc.oneof(
    { weight: 6, arbitrary: big(0, maxU).map((u) => ({ actual: u, declared: u })) },
    { weight: 2, arbitrary: big(0, maxU).map((u) => ({ actual: u, declared: null })) },
    { weight: 1, arbitrary: fc.constant({ actual: -1n, declared: -1n }) },
  );

/** One common loop `i` and one subscript `a·i + c1 = b·i' + c2`, with a, b from `ab`. */
export function sivCase(ab: fc.Arbitrary<readonly [bigint, bigint]>, maxU = 8): fc.Arbitrary<Case> {
  return fc.record({ ab, c1: constant(), c2: constant(), u: bound(maxU) }).map(({ ab: [a, b], c1, c2, u }) => ({
    loops: [{ srcName: 'i', sinkName: "i'", level: 1, ...u }],
    subs: [{ src: A.affine(c1, [['i', a]]), sink: A.affine(c2, [["i'", b]]) }],
  }));
}

export const nonzero = (m = 4): fc.Arbitrary<bigint> => big(-m, m).filter((x) => x !== 0n);

/**
 * Arbitrary nests: 1–2 common levels (i, j), optionally a loop around the source only (k) and one
 * around the sink only (m'), `dims` subscripts with small coefficients, sometimes a symbol `n`.
 */
export function nestCase(dims: number, maxU = 4, withSymbols = true): fc.Arbitrary<Case> {
  const sub = (names: { src: string[]; sink: string[] }): fc.Arbitrary<{ src: A.Affine; sink: A.Affine }> =>
    fc
      .record({
        sc: fc.array(coef(), { minLength: names.src.length, maxLength: names.src.length }),
        kc: fc.array(coef(), { minLength: names.sink.length, maxLength: names.sink.length }),
        c1: constant(),
        c2: constant(),
        n: withSymbols ? fc.oneof({ weight: 3, arbitrary: fc.constant(0n) }, { weight: 1, arbitrary: big(-2, 2) }) : fc.constant(0n),
        nOnSrc: fc.boolean(),
      })
      .map(({ sc, kc, c1, c2, n, nOnSrc }) => ({
        src: A.affine(c1, [...names.src.map((v, k) => [v, sc[k]!] as const), ['n', nOnSrc ? n : 0n] as const]),
        sink: A.affine(c2, [...names.sink.map((v, k) => [v, kc[k]!] as const), ['n', nOnSrc ? 0n : n] as const]),
      }));
  return fc
    .record({ common: fc.integer({ min: 1, max: 2 }), srcOnly: fc.boolean(), sinkOnly: fc.boolean() })
    .chain(({ common, srcOnly, sinkOnly }) => {
      const shape: { srcName: string | null; sinkName: string | null; level: number | null }[] = [
        { srcName: 'i', sinkName: "i'", level: 1 },
        ...(common === 2 ? [{ srcName: 'j', sinkName: "j'", level: 2 }] : []),
        ...(srcOnly ? [{ srcName: 'k', sinkName: null, level: null }] : []),
        ...(sinkOnly ? [{ srcName: null, sinkName: "m'", level: null }] : []),
      ];
      const names = {
        src: shape.flatMap((l) => (l.srcName === null ? [] : [l.srcName])),
        sink: shape.flatMap((l) => (l.sinkName === null ? [] : [l.sinkName])),
      };
      return fc
        .record({
          bounds: fc.array(bound(maxU), { minLength: shape.length, maxLength: shape.length }),
          subs: fc.array(sub(names), { minLength: dims, maxLength: dims }),
        })
        .map(({ bounds, subs }) => ({ loops: shape.map((l, k) => ({ ...l, ...bounds[k]! })), subs }));
    });
}

export const RUNS = 500;
