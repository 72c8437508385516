import { describe, expect, it } from 'vitest';
import type { ValueExpr } from '../../src/ir/ir.js';
import { accessesOf, lower, obstacleKinds, stmt } from './lowerHelpers.js';

describe('lowerProgram: statements', () => {
  it('recognises update shapes for scalars and elements, in either operand order', async () => {
    const p = await lower(`
for i in range(n):
    s = s + a[i]
    t = a[i] * t
    u = u - a[i]
    v = min(v, a[i])
    w = np.maximum(a[i], w)
    x = x + a[i] - b[i]
    c[0] = c[0] + a[i]
    d[i % 2] = a[i] + d[i % 2]
    y = y & a[i]
`);
    const shapes = p.statements.map((s) => [s.text.split(' ')[0], s.shape]);
    expect(shapes).toEqual([
      ['s', { kind: 'update', op: '+' }],
      ['t', { kind: 'update', op: '*' }],
      ['u', { kind: 'update', op: '-' }],
      ['v', { kind: 'update', op: 'min' }],
      ['w', { kind: 'update', op: 'max' }],
      ['x', { kind: 'update', op: '+' }],
      ['c[0]', { kind: 'update', op: '+' }],
      ['d[i', { kind: 'update', op: '+' }],
      ['y', { kind: 'update', op: '&' }],
    ]);
  });

  it('is not an update when the rest reads the target, or the target is on the wrong side', async () => {
    const p = await lower(`
for i in range(n):
    s = s + s * a[i]
    t = a[i] - t
    u = u / a[i]
    c[i] = c[i - 1] + a[i]
    d[i] = d[i] + d[i + 1]
    e = a[i]
`);
    expect(p.statements.map((s) => s.shape.kind)).toEqual(['other', 'other', 'other', 'other', 'other', 'assign']);
  });

  it('augmented assignment: reduction ops are updates, others `other`; rhs is the full value', async () => {
    const p = await lower('for i in range(n):\n  s += a[i]\n  t *= 2\n  u |= m[i]\n  v /= 2\n  w -= w\n  a[i] += b[i]\n');
    expect(p.statements.map((s) => s.shape)).toEqual([
      { kind: 'update', op: '+' },
      { kind: 'update', op: '*' },
      { kind: 'update', op: '|' },
      { kind: 'other' },
      { kind: 'other' },
      { kind: 'update', op: '+' },
    ]);
    const s = stmt(p, 'a[i] += b[i]');
    const [readA, readB, writeA] = s.accesses;
    expect(s.rhs).toEqual({ kind: 'binary', op: '+', left: { kind: 'ref', access: readA }, right: { kind: 'ref', access: readB } });
    expect(s.target).toBe(writeA);
  });

  it('lowers values: loop variables, symbols, constants, calls, selects, compares', async () => {
    const p = await lower('import math\nfor i in range(n):\n  a[i] = math.sqrt(alpha * i) if i < n - 1 and not flag else -1.5\n');
    const s = stmt(p, 'a[i] =');
    const rhs: ValueExpr = {
      kind: 'select',
      test: {
        kind: 'binary',
        op: 'and',
        left: {
          kind: 'compare',
          op: '<',
          left: { kind: 'loopvar', name: 'i' },
          right: { kind: 'binary', op: '-', left: { kind: 'symbol', name: 'n' }, right: { kind: 'const', value: 1, isInt: true } },
        },
        right: { kind: 'unary', op: 'not', operand: { kind: 'symbol', name: 'flag' } },
      },
      then: {
        kind: 'call',
        fn: 'math.sqrt',
        args: [{ kind: 'binary', op: '*', left: { kind: 'symbol', name: 'alpha' }, right: { kind: 'loopvar', name: 'i' } }],
      },
      orelse: { kind: 'unary', op: '-', operand: { kind: 'const', value: 1.5, isInt: false } },
    };
    expect(s.rhs).toEqual(rhs);
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
  });

  it('extents in values are symbols and recorded', async () => {
    const p = await lower('for i in range(n):\n  a[i] = i / a.shape[0] + len(b)\n');
    expect(stmt(p, 'a[i]').rhs).toMatchObject({ kind: 'binary', op: '+', right: { kind: 'symbol', name: 'b.shape[0]' } });
    expect(p.symbols.map((s) => s.name)).toEqual(['n', 'a.shape[0]', 'b.shape[0]']);
  });

  it('chained compares become a conjunction', async () => {
    const p = await lower('for i in range(n):\n  if 0 < i <= m:\n    a[i] = 0\n');
    expect(stmt(p, '0 < i').rhs).toMatchObject({
      kind: 'binary',
      op: 'and',
      left: { kind: 'compare', op: '<' },
      right: { kind: 'compare', op: '<=' },
    });
  });

  it('if: a condition pseudo-statement before an IfRegion whose statements are guarded', async () => {
    const p = await lower(
      'for i in range(n):\n  if a[i] > t:\n    b[i] = 1\n  elif a[i] < 0:\n    b[i] = 2\n  else:\n    b[i] = 3\n  c[i] = 0\n',
    );
    const loop = p.loops[0]!;
    expect(loop.body.map((r) => r.kind)).toEqual(['stmt', 'if', 'stmt']);
    const cond = p.statements[(loop.body[0] as { id: number }).id]!;
    expect(cond.text).toBe('a[i] > t');
    expect(cond.target).toBeNull();
    expect(cond.shape).toEqual({ kind: 'assign' });
    expect(accessesOf(p, cond)).toEqual(['R a[i]']);
    expect(cond.guarded).toBe(false);
    const region = loop.body[1]!;
    if (region.kind !== 'if') throw new Error('expected if');
    expect(region.test).toBe('a[i] > t');
    expect(region.testStmt).toBe(cond.id);
    expect(region.orelse.map((r) => r.kind)).toEqual(['stmt', 'if']); // elif: its own condition, then the nested if
    expect(stmt(p, 'b[i] = 1').guarded).toBe(true);
    expect(stmt(p, 'b[i] = 3').guarded).toBe(true);
    expect(stmt(p, 'c[i] = 0').guarded).toBe(false);
  });

  it('statement order is source order within the scope; ids index the table', async () => {
    const p = await lower('s = 0\nfor i in range(n):\n  if a[i]:\n    s += a[i]\n  a[i] = s\nprint(s)\n');
    expect(p.statements.map((s) => s.order)).toEqual([0, 1, 2, 3, 4]);
    p.statements.forEach((s, id) => expect(s.id).toBe(id));
    p.accesses.forEach((a, id) => expect(a.id).toBe(id));
    expect(p.statements.map((s) => s.line)).toEqual([1, 3, 4, 5, 6]);
  });

  it('unknown calls and method calls are obstacles on every enclosing loop; pure calls are not', async () => {
    const p = await lower(`
import numpy as np
import math as m
from math import sqrt as root
for i in range(n):
    for j in range(n):
        a[i, j] = np.exp(b[i, j]) + m.log(2.0) + root(3.0) + abs(-1) + float(j) + np.minimum(1, 2)
    foo(a)
    lst.append(i)
    a.fill(0)
    np.random.rand()
`);
    expect(obstacleKinds(p.loops[1]!)).toEqual([]);
    const outer = p.loops[0]!;
    expect(obstacleKinds(outer)).toEqual(['unknown-call', 'unknown-call', 'unknown-call', 'unknown-call']);
    expect(outer.obstacles[0]!.message).toBe('call to `foo` may write memory Loupe cannot see');
    expect(outer.obstacles.map((o) => o.message.split('`')[1])).toEqual(['foo', 'lst.append', 'a.fill', 'np.random.rand']);
    expect(stmt(p, 'a[i, j]').rhs).toMatchObject({ kind: 'binary', op: '+', right: { kind: 'call', fn: 'np.minimum' } });
  });

  it('out= makes a NumPy call a writer', async () => {
    const p = await lower('import numpy as np\nfor i in range(n):\n  np.add(x, y, out=z)\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual(['unknown-call']);
  });

  it('calls outside loops are not obstacles', async () => {
    const p = await lower('print(x)\nfor i in range(n):\n  a[i] = 0\nplot(a)\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
    expect(p.diagnostics).toEqual([]);
  });

  it('a parallel assignment is ordinary (values first, then targets left to right); chained ones are unsupported', async () => {
    const p = await lower('for i in range(n):\n  a[i], a[i + 1] = a[i + 1], a[i]\n  x = y = 0\n');
    expect(accessesOf(p, stmt(p, 'a[i], a'))).toEqual(['R a[i + 1]', 'R a[i]', 'W a[i]', 'W a[i + 1]']);
    expect(stmt(p, 'a[i], a').rhs).toBeNull();
    expect(stmt(p, 'a[i], a').shape).toEqual({ kind: 'other' });
    expect(accessesOf(p, stmt(p, 'x = y'))).toEqual(['W x', 'W y']);
    // Only `x = y = 0` is an obstacle: the swap of two elements is exact.
    expect(obstacleKinds(p.loops[0]!)).toEqual(['unsupported-statement']);
  });

  it('tuple assignment from something other than a same-length tuple is still unsupported', async () => {
    const p = await lower('for i in range(n):\n  x, y = f(i)\n  a[i] = x\n');
    expect(obstacleKinds(p.loops[0]!)).toContain('unsupported-statement');
  });

  it('attribute targets, del, raise, global and comprehensions inside loops are obstacles', async () => {
    const p = await lower('for i in range(n):\n  self.x = i\n  del a[i]\n  raise E\n  b[i] = [k for k in c]\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([
      'unsupported-statement',
      'unsupported-statement',
      'unsupported-statement',
      'unsupported-expression',
    ]);
  });

  it('honours import aliases for purity', async () => {
    const p = await lower('import numpy as xp\nfrom numpy import sqrt\nfor i in range(n):\n  a[i] = xp.tanh(a[i]) + sqrt(2.0)\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
    expect(stmt(p, 'a[i]').rhs).toMatchObject({ left: { kind: 'call', fn: 'np.tanh' }, right: { kind: 'call', fn: 'np.sqrt' } });
  });

  it('spells module constants canonically whatever the import alias', async () => {
    const p = await lower('import numpy as xp\nfrom math import pi\nfor i in range(n):\n  a[i] = xp.pi * pi\n');
    expect(stmt(p, 'a[i]').rhs).toEqual({
      kind: 'binary',
      op: '*',
      left: { kind: 'opaque', text: 'np.pi' },
      right: { kind: 'opaque', text: 'math.pi' },
    });
  });

  it('module-level statements outside loops are lowered with no loops', async () => {
    const p = await lower('s = 0\nfor i in range(n):\n  s += a[i]\nt = s * 2\n');
    expect(stmt(p, 's = 0').loops).toEqual([]);
    expect(accessesOf(p, stmt(p, 't = s'))).toEqual(['R s']);
    expect(stmt(p, 't = s').loops).toEqual([]);
  });

  it('never emits two diagnostics with the same code and range', async () => {
    const p = await lower('for i in range(n):\n  for j in range(n):\n    for k in range(n):\n      foo(a[i*j])\n      foo(a[i*j])\n');
    const keys = p.diagnostics.map((d) => `${d.code}@${d.range.startOffset}:${d.range.endOffset}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(p.loops.map((l) => obstacleKinds(l).filter((k) => k === 'unknown-call').length)).toEqual([2, 2, 2]);
    expect(p.diagnostics.filter((d) => d.code === 'unknown-call')).toHaveLength(2);
  });
});
