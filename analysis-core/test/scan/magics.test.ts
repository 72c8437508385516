import { describe, expect, it } from 'vitest';
import { blankMagics } from '../../cli/scan/magics.js';

const lines = (s: string): string[] => s.split('\n');

describe('blankMagics', () => {
  it('blanks line magics, shell escapes and help, keeping every line', () => {
    const cell = ['%matplotlib inline', 'import numpy as np', '!pip install numba', 'np.sum?', '??np', 'x = 1'].join('\n');
    const r = blankMagics(cell);
    expect(lines(r.source)).toEqual(['', 'import numpy as np', '', '', '', 'x = 1']);
    expect(r.counts).toEqual({ 'line-magic': 1, 'cell-magic': 0, shell: 1, help: 2 });
  });

  it('recognises the assignment forms `t = %timeit …` and `files = !ls`', () => {
    const r = blankMagics('t = %timeit -o f(x)\na, b = !ls\ny = x % 2');
    expect(lines(r.source)).toEqual(['', '', 'y = x % 2']);
    expect(r.counts['line-magic']).toBe(1);
    expect(r.counts.shell).toBe(1);
  });

  it('keeps an indented magic as `pass` so the enclosing block stays well-formed', () => {
    const r = blankMagics('for i in range(3):\n    %time f(i)\n    !echo hi');
    expect(lines(r.source)).toEqual(['for i in range(3):', '    pass', '    pass']);
  });

  it('does not touch % or ! inside brackets, strings, comments or continuations', () => {
    const cell = [
      'print("%d"',
      '      % x)',
      's = """',
      '%not a magic',
      '!nor this',
      '"""',
      'y = a \\',
      '    % b',
      '# what?',
      'z = "why?"',
      'ok = a != b',
    ].join('\n');
    const r = blankMagics(cell);
    expect(r.source).toBe(cell);
    expect(r.counts).toEqual({ 'line-magic': 0, 'cell-magic': 0, shell: 0, help: 0 });
  });

  it('swallows backslash-continued magic lines, blanking the continuation', () => {
    const r = blankMagics('!pip install \\\n      numpy\nx = 1');
    expect(lines(r.source)).toEqual(['', '', 'x = 1']);
    expect(r.counts.shell).toBe(1);
  });

  it('blanks a whole cell under a non-Python cell magic', () => {
    const r = blankMagics('%%bash\nfor f in *.py; do\n  echo $f\ndone');
    expect(lines(r.source)).toEqual(['', '', '', '']);
    expect(r.counts['cell-magic']).toBe(1);
  });

  it('keeps the Python body of %%time / %%timeit cells', () => {
    const r = blankMagics('%%timeit -n 3\nfor i in range(10):\n    a[i] = i');
    expect(lines(r.source)).toEqual(['', 'for i in range(10):', '    a[i] = i']);
    expect(r.counts['cell-magic']).toBe(1);
  });
});
