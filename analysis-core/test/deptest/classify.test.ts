import { describe, expect, it } from 'vitest';
import * as A from '../../src/affine/affine.js';
import { classifySubscript, sivVariant } from '../../src/deptest/classify.js';
import type { ProblemLoop, SubscriptPair } from '../../src/deptest/types.js';

const loops: ProblemLoop[] = [
  { srcName: 'i', sinkName: "i'", level: 1, upper: 9n },
  { srcName: 'j', sinkName: "j'", level: 2, upper: 9n },
  { srcName: 'k', sinkName: null, level: null, upper: 4n },
];
const pair = (src: A.Affine, sink: A.Affine): SubscriptPair => ({ src, sink, loops, symbols: new Set(['n']) });
const e = (c: bigint, terms: [string, bigint][] = []): A.Affine => A.affine(c, terms);

describe('classifySubscript', () => {
  it('ZIV: no counters (symbols do not count)', () => {
    expect(classifySubscript(pair(e(5n), e(3n)))).toBe('ziv');
    expect(classifySubscript(pair(e(0n, [['n', 1n]]), e(1n)))).toBe('ziv');
  });
  it('SIV: counters of one common level', () => {
    expect(classifySubscript(pair(e(1n, [['i', 1n]]), e(0n, [["i'", 1n]])))).toBe('siv');
    expect(classifySubscript(pair(e(0n, [['j', 2n]]), e(7n)))).toBe('siv');
    expect(
      classifySubscript(
        pair(
          e(0n, [
            ['i', 1n],
            ['n', 1n],
          ]),
          e(0n, [["i'", 1n]]),
        ),
      ),
    ).toBe('siv');
  });
  it('RDIV: one counter per side from different loops, or a one-side loop against a constant', () => {
    expect(classifySubscript(pair(e(0n, [['i', 1n]]), e(0n, [["j'", 1n]])))).toBe('rdiv');
    expect(classifySubscript(pair(e(0n, [['k', 1n]]), e(0n, [["i'", 2n]])))).toBe('rdiv');
    expect(classifySubscript(pair(e(0n, [['k', 1n]]), e(3n)))).toBe('rdiv');
  });
  it('MIV: anything else', () => {
    expect(
      classifySubscript(
        pair(
          e(0n, [
            ['i', 1n],
            ['j', 1n],
          ]),
          e(0n, [["i'", 1n]]),
        ),
      ),
    ).toBe('miv');
    expect(
      classifySubscript(
        pair(
          e(0n, [
            ['i', 1n],
            ['k', 1n],
          ]),
          e(0n),
        ),
      ),
    ).toBe('miv');
  });
});

describe('sivVariant', () => {
  const siv = (a: bigint, b: bigint) => sivVariant(pair(e(1n, [['i', a]]), e(0n, [["i'", b]])));
  it('splits by coefficients', () => {
    expect(siv(2n, 2n)).toBe('strong');
    expect(siv(2n, 0n)).toBe('weak-zero');
    expect(siv(0n, -3n)).toBe('weak-zero');
    expect(siv(3n, -3n)).toBe('weak-crossing');
    expect(siv(2n, 3n)).toBe('exact');
  });
  it('throws on a non-SIV subscript (a dispatcher bug)', () => {
    expect(() => sivVariant(pair(e(5n), e(3n)))).toThrow(/internal error/);
  });
});
