import { describe, expect, it } from 'vitest';
import { parser } from './helpers/parser.js';
import { outlineLoops } from '../src/ir/outline.js';
import type { Stmt } from '../src/parse/syntax.js';

const src = `import numpy as np
def f(a, b, n):
    for i in range(1, n):
        a[i] = a[i - 1] + b[i]
    for i in range(n - 1, 0, -1):
        for j in range(i):
            b[i, j] += 2 * a[j][i]
`;

describe('tree-sitter adapter', () => {
  it('turns for-range nests into Loupe syntax with 1-based lines', async () => {
    const { module, diagnostics } = (await parser()).parse(src);
    expect(diagnostics).toEqual([]);
    const fn = module.body[1]!;
    expect(fn.kind).toBe('function');
    if (fn.kind !== 'function') return;
    expect(fn.params).toEqual(['a', 'b', 'n']);
    const [loop1, loop2] = fn.body as Stmt[];
    expect(loop1?.kind).toBe('for');
    expect(loop1?.range.start).toEqual({ line: 3, column: 4 });
    if (loop2?.kind !== 'for') throw new Error('expected for');
    const inner = loop2.body[0];
    if (inner?.kind !== 'for') throw new Error('expected inner for');
    const aug = inner.body[0];
    expect(aug?.kind).toBe('augassign');
    if (aug?.kind !== 'augassign') return;
    expect(aug.op).toBe('+');
    expect(aug.target.kind).toBe('subscript');
    if (aug.target.kind === 'subscript') expect(aug.target.indices).toHaveLength(2);
  });

  it('lists every loop with its variable and bounds', async () => {
    const { module } = (await parser()).parse(src);
    const loops = outlineLoops(module, src);
    expect(loops.map((l) => [l.line, l.var, l.bounds, l.depth])).toEqual([
      [3, 'i', { start: '1', stop: 'n', step: '1' }, 0],
      [5, 'i', { start: 'n - 1', stop: '0', step: '-1' }, 0],
      [6, 'j', { start: '0', stop: 'i', step: '1' }, 1],
    ]);
  });

  it('reports syntax errors as diagnostics with ranges, and still finds the loops it can', async () => {
    const broken = 'for i in range(n):\n    a[i] = (\nfor j in range(3):\n    pass\n';
    const { module, diagnostics } = (await parser()).parse(broken);
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.range.start.line).toBeGreaterThanOrEqual(1);
    expect(outlineLoops(module, broken).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps constructs it does not model, with what they are', async () => {
    const { module } = (await parser()).parse('while x:\n    y = [k for k in z]\n');
    const w = module.body[0];
    if (w?.kind !== 'while') throw new Error('expected while');
    const assign = w.body[0];
    if (assign?.kind !== 'assign') throw new Error('expected assign');
    expect(assign.value.kind).toBe('unsupported-expr');
  });

  it('survives pathological nesting without recursion overflow', async () => {
    const deep = `x = ${'('.repeat(3000)}1${')'.repeat(3000)}\n`;
    const { diagnostics } = (await parser()).parse(deep);
    expect(diagnostics.some((d) => d.code === 'too-deep' || d.severity === 'error')).toBe(true);
  });
});
