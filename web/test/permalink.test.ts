import { describe, expect, it } from 'vitest';
import * as lzModule from 'lz-string';
import { DEFAULT_SPACE, decodeShared, encodeShared, type Shared } from '../src/state/permalink';
import { sharedDefaults } from '../src/state/store';

const lz = (lzModule as unknown as { default?: typeof lzModule }).default ?? lzModule;

const full: Shared = {
  source: 'def f(a, n, k):\n    for i in range(n):\n        a[i + k] = a[i]  # ünïcödé ∥\n',
  overrides: { k: '1', n: '8', a: 'float64[8]' },
  selectedLoop: 0,
  selectedDep: 2,
  tab: 'space',
  space: { outer: 0, inner: 1, draw: { n: 5 }, fixed: { '2': 3 } },
  graphScope: 'loop',
};

describe('permalinks', () => {
  it('round-trips the whole shared state through the hash', () => {
    const hash = encodeShared(full);
    expect(hash).toMatch(/^#c=[A-Za-z0-9+\-$]+$/);
    expect(decodeShared(hash)).toEqual(full);
    expect(decodeShared(hash.slice(1))).toEqual(full);
  });

  it('round-trips the defaults, and leaves them out of the link', () => {
    const d = sharedDefaults('for i in range(3):\n    pass\n');
    expect(decodeShared(encodeShared(d))).toEqual(d);
    expect(encodeShared(d).length).toBeLessThan(encodeShared({ ...d, tab: 'graph', overrides: { n: '3' } }).length);
  });

  it('compresses: a benchmark-sized source makes a link far shorter than the text', () => {
    const source = Array.from({ length: 40 }, (_, k) => `for i${k} in range(n):\n    a[i${k}] = a[i${k} - 1] + b[i${k}]\n`).join('');
    expect(encodeShared(sharedDefaults(source)).length).toBeLessThan(source.length / 2);
  });

  it('returns null for no link, garbage, or a link from a newer version', () => {
    expect(decodeShared('')).toBeNull();
    expect(decodeShared('#other=1')).toBeNull();
    expect(decodeShared('#c=%%%')).toBeNull();
    expect(decodeShared('#c=N4Ig')).toBeNull();
    const newer = encodeShared(full).replace('#c=', '');
    expect(decodeShared(`#c=${newer}`)).not.toBeNull();
    // Hand-made payloads: a future version, and a missing source.
    const make = (obj: unknown): string => '#c=' + lzOf(obj);
    expect(decodeShared(make({ v: 99, s: 'x' }))).toBeNull();
    expect(decodeShared(make({ v: 1 }))).toBeNull();
  });

  it('repairs bad fields one by one instead of dropping the link', () => {
    const make = (obj: unknown): string => '#c=' + lzOf(obj);
    const got = decodeShared(
      make({ v: 1, s: 'x = 1', o: { n: 3, k: '2' }, l: 'zero', d: 1.5, t: 'nope', sp: { o: 1, d: { n: 'x', m: 4 } }, g: 'weird' }),
    );
    expect(got).toEqual({
      source: 'x = 1',
      overrides: { k: '2' },
      selectedLoop: null,
      selectedDep: null,
      tab: 'verdicts',
      space: { ...DEFAULT_SPACE, outer: 1, draw: { m: 4 } },
      graphScope: 'all',
    });
  });

  it('finds the state among other hash parameters', () => {
    const hash = encodeShared(full);
    expect(decodeShared(`#x=1&${hash.slice(1)}`)).toEqual(full);
  });
});

function lzOf(obj: unknown): string {
  return lz.compressToEncodedURIComponent(JSON.stringify(obj));
}
