import { describe, expect, it } from 'vitest';
import { MAX_BYTES, sourceFromBytes } from '../../cli/scan/source.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sourceFromBytes', () => {
  it('skips binary files and files over the size limit with a note', () => {
    expect(sourceFromBytes('x.py', new Uint8Array([0x66, 0x00, 0x6f]))).toMatchObject({ ok: false, note: { code: 'binary' } });
    expect(sourceFromBytes('x.ipynb', new Uint8Array(0), MAX_BYTES + 1)).toMatchObject({
      ok: false,
      kind: 'ipynb',
      note: { code: 'too-large' },
    });
  });

  it('decodes non-UTF-8 text as Latin-1 and says so', () => {
    const r = sourceFromBytes('x.py', new Uint8Array([0x23, 0x20, 0xe9, 0x0a, 0x78, 0x3d, 0x31])); // "# é\nx=1" in Latin-1
    if (!r.ok) throw new Error('expected ok');
    expect(r.unit.source).toBe('# é\nx=1');
    expect(r.unit.notes.map((n) => n.code)).toEqual(['not-utf8']);
  });

  it('drops a UTF-8 BOM and normalises CRLF', () => {
    const r = sourceFromBytes('x.py', utf8('\ufefffor i in range(3):\r\n    pass\r\n'));
    if (!r.ok) throw new Error('expected ok');
    expect(r.unit.source).toBe('for i in range(3):\n    pass\n');
    expect(r.unit.notes).toEqual([]);
  });

  it('reports an invalid notebook as skipped, not as a crash', () => {
    expect(sourceFromBytes('x.ipynb', utf8('not json'))).toMatchObject({ ok: false, note: { code: 'invalid-notebook' } });
  });

  it('turns magic counts into notes', () => {
    const r = sourceFromBytes('x.ipynb', utf8(JSON.stringify({ cells: [{ cell_type: 'code', source: '!ls\n%time f()\n%pwd' }] })));
    if (!r.ok) throw new Error('expected ok');
    expect(r.unit.notes).toEqual([
      { code: 'line-magic', count: 2, message: 'IPython line magics (%…) skipped' },
      { code: 'shell', count: 1, message: 'shell escapes (!…) skipped' },
    ]);
  });
});
