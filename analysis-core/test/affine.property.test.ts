/**
 * The affine algebra's merge-based operations against a naive model (a map from names to coefficients):
 * same values at random points, and the canonical form (sorted names, no zero coefficients) that
 * structural equality and the solvers' cache keys rely on.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as A from '../src/affine/affine.js';

const NAMES = ['i', "i'", 'j', 'n', 'x#2', 'σ1'];
const arbAffine = fc
  .tuple(fc.bigInt(-20n, 20n), fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.bigInt(-5n, 5n)), { maxLength: 6 }))
  .map(([c, ts]) => A.affine(c, ts));
const arbPoint = fc.tuple(...NAMES.map(() => fc.bigInt(-9n, 9n))).map((vs) => new Map(NAMES.map((n, k) => [n, vs[k]!])));

function canonical(a: A.Affine): boolean {
  return a.terms.every((t, k) => t.coeff !== 0n && (k === 0 || a.terms[k - 1]!.name < t.name));
}

describe('affine algebra', () => {
  it('addScaled, sub, substitute, substituteAll and partialEvaluate agree with evaluation and stay canonical', () => {
    fc.assert(
      fc.property(arbAffine, arbAffine, arbAffine, fc.bigInt(-4n, 4n), arbPoint, fc.constantFrom(...NAMES), (a, b, c, k, pt, name) => {
        const ev = (x: A.Affine, env: ReadonlyMap<string, bigint> = pt) => A.evaluate(x, env)!;
        const s = A.addScaled(a, b, k);
        expect(canonical(s)).toBe(true);
        expect(ev(s)).toBe(ev(a) + k * ev(b));
        expect(ev(A.sub(a, b))).toBe(ev(a) - ev(b));
        const sub1 = A.substitute(a, name, c);
        expect(canonical(sub1)).toBe(true);
        expect(ev(sub1)).toBe(ev(a, new Map([...pt, [name, ev(c)]])));
        // Simultaneous: the replacement for `name` mentions names that are themselves replaced.
        const by = new Map([
          ['j', b],
          [name, c],
        ]);
        const all = A.substituteAll(a, by);
        expect(canonical(all)).toBe(true);
        expect(ev(all)).toBe(ev(a, new Map([...pt, ['j', ev(b)], [name, ev(c)]])));
        const part = A.partialEvaluate(a, new Map([[name, 3n]]));
        expect(canonical(part)).toBe(true);
        expect(A.mentions(part, name)).toBe(false);
        expect(ev(part)).toBe(ev(a, new Map([...pt, [name, 3n]])));
        expect(A.equals(A.add(a, b), A.add(b, a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
