import { describe, expect, it } from 'vitest';
import { evaluate, namesIn, rangeValues } from '../src/layout/expr';

describe('evaluate (loop bounds as the report prints them)', () => {
  it('evaluates affine text with symbols, extents and loop variables', () => {
    const env = { n: 10, i: 3, 'A.shape[0]': 7 };
    expect(evaluate('n - 1', env)).toBe(9);
    expect(evaluate('2*i + 1', env)).toBe(7);
    expect(evaluate('-i', env)).toBe(-3);
    expect(evaluate('A.shape[0]', env)).toBe(7);
    expect(evaluate('(n + 1) // 2', env)).toBe(5);
    expect(evaluate('-7 // 2', env)).toBe(-4); // floors like Python
    expect(evaluate('-7 % 3', env)).toBe(2);
    expect(evaluate('12', new Map())).toBe(12);
  });

  it('gives null for unknown names and anything that is not such an expression', () => {
    expect(evaluate('m', { n: 1 })).toBeNull();
    expect(evaluate('len(a)', { a: 1 })).toBeNull();
    expect(evaluate('n +', { n: 1 })).toBeNull();
    expect(evaluate('', {})).toBeNull();
    expect(evaluate('n // 0', { n: 1 })).toBeNull();
    expect(evaluate('a.b', { a: 1 })).toBeNull();
  });

  it('lists the names an expression mentions', () => {
    expect(namesIn('2*n - A.shape[1] + i')).toEqual(['n', 'A.shape[1]', 'i']);
    expect(namesIn('n $ 2')).toBeNull();
  });
});

describe('rangeValues', () => {
  it('matches Python range', () => {
    expect(rangeValues(0, 5, 1, 100)).toEqual([0, 1, 2, 3, 4]);
    expect(rangeValues(1, 8, 3, 100)).toEqual([1, 4, 7]);
    expect(rangeValues(5, 0, -2, 100)).toEqual([5, 3, 1]);
    expect(rangeValues(3, 3, 1, 100)).toEqual([]);
    expect(rangeValues(5, 0, 1, 100)).toEqual([]);
  });

  it('refuses a zero step and too many values', () => {
    expect(rangeValues(0, 5, 0, 100)).toBeNull();
    expect(rangeValues(0, 1000, 1, 100)).toBeNull();
  });
});
