import { describe, expect, it } from 'vitest';
import { bindingsFromComment, formatBindings } from '@loupe/analysis-core';
import { effectiveValues, joinArrayValue, runtimeRows, splitArrayValue, stageRows } from '../src/state/runtime';
import { report } from './report';

/** What the worker does with a `# loupe:` comment. */
const commentValues = (source: string): Record<string, string> | null => {
  const c = bindingsFromComment(source);
  return c ? formatBindings(c.bindings) : null;
};

describe('# loupe: prefill', () => {
  const src =
    'def f(A, x, n, k):\n    for i in range(n):\n        x[i + k] = A[i, 0] * x[i]\n\n# loupe: n=100, k=1, A=float64[100,100], x=float32[200]\n';

  it('reads the comment and offers one row per symbol and array, prefilled', async () => {
    const r = await report(src);
    const rows = runtimeRows(r, commentValues(src), {});
    expect(rows.map((x) => [x.name, x.kind, x.value, x.source])).toEqual([
      ['n', 'int', '100', 'comment'],
      ['k', 'int', '1', 'comment'],
      ['A', 'array', 'float64[100,100]', 'comment'],
      ['x', 'array', 'float32[200]', 'comment'],
    ]);
    expect(rows.find((x) => x.name === 'A')!.rank).toBe(2);
  });

  it('the panel overrides the comment; an empty value unbinds', () => {
    const comment = { n: '100', k: '1' };
    expect(effectiveValues(comment, {})).toEqual({ n: '100', k: '1' });
    expect(effectiveValues(comment, { k: ' 0 ' })).toEqual({ n: '100', k: '0' });
    expect(effectiveValues(comment, { k: '' })).toEqual({ n: '100' });
    expect(effectiveValues(null, { m: '3' })).toEqual({ m: '3' });
  });

  it('marks where each value comes from and lists names the code does not use', async () => {
    const r = await report('for i in range(n):\n    a[i] = a[i + k]\n');
    const rows = runtimeRows(r, { n: '10', alpha: '1.5' }, { k: '2', zz: 'float64[3]' });
    const by = new Map(rows.map((x) => [x.name, x]));
    expect(by.get('n')).toMatchObject({ source: 'comment', used: true, value: '10' });
    expect(by.get('k')).toMatchObject({ source: 'panel', used: true, value: '2', commentValue: null });
    expect(by.get('alpha')).toMatchObject({ kind: 'other', used: false });
    expect(by.get('zz')).toMatchObject({ kind: 'array', used: false });
    expect(by.get('a')).toMatchObject({ kind: 'array', value: '', source: 'none' });
  });
});

describe('array values', () => {
  it('splits and joins dtype[extents]', () => {
    expect(splitArrayValue('float64[8, 9]', 2)).toEqual({ dtype: 'float64', extents: ['8', '9'] });
    expect(splitArrayValue('', 2)).toEqual({ dtype: 'float64', extents: ['', ''] });
    expect(splitArrayValue('int32[4]', 2)).toEqual({ dtype: 'int32', extents: ['4', ''] });
    expect(joinArrayValue({ dtype: 'float32', extents: ['8', ' 9 '] })).toBe('float32[8,9]');
    expect(joinArrayValue({ dtype: 'float32', extents: ['', ''] })).toBe('');
  });
});

describe('static vs runtime verdicts', () => {
  it('k = 0 makes a[i + k] = a[i] parallel, k = 1 sequential; the static verdict is unknown', async () => {
    const src = 'def f(a, n, k):\n    for i in range(n):\n        a[i + k] = a[i]\n';
    const zero = stageRows(await report(src, { n: '8', k: '0' }));
    const one = stageRows(await report(src, { n: '8', k: '1' }));
    const none = stageRows(await report(src));
    expect(zero).toEqual([{ loop: 0, line: 2, var: 'i', depth: 0, staticVerdict: 'unknown', runtimeVerdict: 'parallel', changed: true }]);
    expect(one[0]).toMatchObject({ staticVerdict: 'unknown', runtimeVerdict: 'sequential', changed: true });
    expect(none[0]).toMatchObject({ runtimeVerdict: null, changed: false });
  });
});
