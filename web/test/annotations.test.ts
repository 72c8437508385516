import { describe, expect, it } from 'vitest';
import { hoverAt, loopMarks } from '../src/editor/annotations';
import { report } from './report';

const SRC = 'for i in range(1, n):\n    a[i] = a[i - 1] + b[i]\nfor j in range(n):\n    c[j] = d[j]\n';

describe('editor annotations', () => {
  it('one mark per loop, with an icon and the verdict in words', async () => {
    const marks = loopMarks(await report(SRC));
    expect(marks.map((m) => [m.line, m.verdict, m.after.trim()])).toEqual([
      [1, 'sequential', '→ sequential'],
      [3, 'parallel', '∥ parallel'],
    ]);
    expect(marks[0]!.hover).toContain('Holding it back');
  });

  it('hovering a subscript lists its dependences', async () => {
    const r = await report(SRC);
    const col = '    a[i] = '.length + 2; // inside a[i - 1]
    const h = hoverAt(r, 2, col)!;
    expect(h).not.toBeNull();
    expect(h.markdown).toContain('a\\[i - 1\\]');
    expect(h.markdown).toContain('**flow**');
    expect(h.markdown).toContain('distance (1)');
    expect([h.line, h.column, h.endColumn]).toEqual([2, 11, 19]);
  });

  it('hovering a loop header gives its verdict and reason; elsewhere nothing', async () => {
    const r = await report(SRC);
    expect(hoverAt(r, 3, 2)!.markdown).toContain('Loop j: parallel');
    expect(hoverAt(r, 1, 1)!.markdown).toContain('sequential');
    expect(hoverAt(r, 4, 0)).toBeNull();
  });
});
