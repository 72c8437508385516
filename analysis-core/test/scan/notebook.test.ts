import { describe, expect, it } from 'vitest';
import { locateLine, readNotebook } from '../../cli/scan/notebook.js';

const nb = (cells: unknown[], metadata: unknown = { language_info: { name: 'python' } }): string =>
  JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata, cells });

describe('readNotebook', () => {
  it('joins code cells (string or line-list sources) and maps lines back to (cell, line)', () => {
    const r = readNotebook(
      nb([
        { cell_type: 'markdown', source: ['# Title\n', 'text'] },
        { cell_type: 'code', source: ['import numpy as np\n', 'n = 10\n'] },
        { cell_type: 'code', source: 'for i in range(n):\r\n    a[i] = i' },
        { cell_type: 'raw', source: 'raw' },
        { cell_type: 'code', source: ['%matplotlib inline\n', 'for j in range(3):\n', '    pass'] },
      ]),
    );
    if (!r.ok) throw new Error(r.message);
    const { notebook } = r;
    expect(notebook.source).toBe('import numpy as np\nn = 10\nfor i in range(n):\n    a[i] = i\n\nfor j in range(3):\n    pass\n');
    expect(notebook.cells).toBe(5);
    expect(notebook.codeCells).toBe(3);
    expect(notebook.magics['line-magic']).toBe(1);
    expect(notebook.spans).toEqual([
      { cell: 2, firstLine: 1, lineCount: 2 },
      { cell: 3, firstLine: 3, lineCount: 2 },
      { cell: 5, firstLine: 5, lineCount: 3 },
    ]);
    expect(locateLine(notebook.spans, 1)).toEqual({ cell: 2, line: 1 });
    expect(locateLine(notebook.spans, 3)).toEqual({ cell: 3, line: 1 });
    expect(locateLine(notebook.spans, 4)).toEqual({ cell: 3, line: 2 });
    expect(locateLine(notebook.spans, 6)).toEqual({ cell: 5, line: 2 });
  });

  it('reads nbformat 3 worksheets (code in `input`)', () => {
    const r = readNotebook(
      JSON.stringify({
        nbformat: 3,
        worksheets: [
          {
            cells: [
              { cell_type: 'heading', source: 'T' },
              { cell_type: 'code', input: ['x = 1\n', 'y = 2'] },
            ],
          },
        ],
      }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.notebook.source).toBe('x = 1\ny = 2\n');
    expect(r.notebook.spans).toEqual([{ cell: 2, firstLine: 1, lineCount: 2 }]);
  });

  it('rejects invalid JSON, JSON that is not a notebook, and non-Python kernels with a reason', () => {
    expect(readNotebook('{"cells": [')).toMatchObject({ ok: false, code: 'invalid-notebook' });
    expect(readNotebook('[1, 2]')).toMatchObject({ ok: false, code: 'invalid-notebook' });
    expect(readNotebook(nb([], { kernelspec: { language: 'R' } }))).toMatchObject({
      ok: false,
      code: 'not-python',
      message: 'kernel language is r',
    });
  });

  it('survives malformed cells: they keep their number but contribute no code', () => {
    const r = readNotebook(
      JSON.stringify({ cells: [null, 42, { cell_type: 'code', source: 7 }, { cell_type: 'code', source: ['x = 1', null] }] }),
    );
    if (!r.ok) throw new Error(r.message);
    expect(r.notebook.cells).toBe(4);
    expect(r.notebook.spans.map((s) => s.cell)).toEqual([3, 4]);
    expect(r.notebook.source).toBe('\nx = 1\n');
  });
});
