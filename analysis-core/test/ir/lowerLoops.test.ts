import { describe, expect, it } from 'vitest';
import { bound, lower, loopByVar, obstacleKinds, stmt } from './lowerHelpers.js';

describe('lowerProgram: loops', () => {
  it('turns every for into one Loop, ids in source order across scopes and nesting', async () => {
    const p = await lower(`
def f(n):
    for i in range(n):
        def g():
            for j in range(3):
                pass
        with open('x') as fh:
            for k in range(2):
                pass
    for m in range(4):
        pass
class C:
    def meth(self):
        for q in range(5):
            pass
try:
    for t in xs:
        pass
except E:
    for u in range(1):
        pass
`);
    expect(p.loops.map((l) => [l.id, l.var])).toEqual([
      [0, 'i'],
      [1, 'j'],
      [2, 'k'],
      [3, 'm'],
      [4, 'q'],
      [5, 't'],
      [6, 'u'],
    ]);
    p.loops.forEach((l, id) => expect(l.id).toBe(id));
    expect(p.loops.map((l) => l.scope)).toEqual(['f', 'g', 'f', 'f', 'meth', '<module>', '<module>']);
    expect(loopByVar(p, 'k').outer).toEqual([0]);
    expect(loopByVar(p, 'j').outer).toEqual([]); // its own scope
    expect(p.scopes.map((s) => [s.name, s.params])).toEqual([
      ['<module>', []],
      ['f', ['n']],
      ['g', []],
      ['meth', ['self']],
    ]);
  });

  it('keeps the region tree: loops nest, the tree holds the same Loop objects as the table', async () => {
    const p = await lower('def f(a, n):\n    for i in range(n):\n        for j in range(i):\n            a[i, j] = 0\n');
    const f = p.scopes[1]!;
    const outer = f.body[0]!;
    expect(outer.kind).toBe('loop');
    if (outer.kind !== 'loop') return;
    expect(outer).toBe(p.loops[0]);
    const inner = outer.body[0]!;
    expect(inner).toBe(p.loops[1]);
    if (inner.kind !== 'loop') return;
    expect(inner.body).toEqual([{ kind: 'stmt', id: stmt(p, 'a[i, j]').id }]);
    expect(inner.outer).toEqual([0]);
  });

  it('reads range(a), range(a, b), range(a, b, s) as affine bounds and a constant step', async () => {
    const p = await lower(
      'for i in range(n):\n  for j in range(i + 1, 2*n - 1):\n    for k in range(n - 1, -1, -1):\n      for l in range(0, n, 2):\n        pass\n',
    );
    expect(p.loops.map((l) => [l.var, bound(l.start), bound(l.stop), l.step])).toEqual([
      ['i', '0', 'n', 1n],
      ['j', 'i + 1', '2*n - 1', 1n],
      ['k', 'n - 1', '-1', -1n],
      ['l', '0', 'n', 2n],
    ]);
    expect(p.loops.every((l) => l.obstacles.length === 0)).toBe(true);
    expect(p.loops[0]!.line).toBe(1);
    expect(p.loops[0]!.headerRange.end.line).toBe(1);
  });

  it('marks non-affine bounds, naming the bound', async () => {
    const p = await lower('for i in range(n):\n  for j in range(i * i):\n    pass\n  for k in range(n // 2, n):\n    pass\n');
    const j = loopByVar(p, 'j');
    expect(j.stop).toEqual({ kind: 'non-affine', text: 'i * i' });
    expect(obstacleKinds(j)).toEqual(['non-affine-bound']);
    expect(j.obstacles[0]!.message).toContain('i * i');
    const k = loopByVar(p, 'k');
    expect(k.start.kind).toBe('non-affine');
    expect(bound(k.stop)).toBe('n');
    expect(k.obstacles[0]!.message).toContain('start');
    expect(obstacleKinds(loopByVar(p, 'i'))).toEqual([]);
  });

  it('requires a constant non-zero step', async () => {
    const p = await lower('for i in range(0, n, s):\n  pass\nfor j in range(0, n, 0):\n  pass\nfor k in range(0, n, 3 - 1):\n  pass\n');
    expect(p.loops[0]!.step).toBeNull();
    expect(obstacleKinds(p.loops[0]!)).toEqual(['non-constant-step']);
    expect(p.loops[1]!.step).toBeNull();
    expect(obstacleKinds(p.loops[1]!)).toEqual(['zero-step']);
    expect(p.loops[2]!.step).toBe(2n);
  });

  it('rejects non-range iterables, tuple targets, keyword args as not-range (bounds non-affine, step null)', async () => {
    const p = await lower(`
for i, x in enumerate(a):
    pass
for x in [1, 2, 3]:
    pass
for x, y in zip(a, b):
    pass
for i in range(n, step=2):
    pass
for i in np.arange(n):
    pass
for i, j in range(n):
    pass
for i in range():
    pass
`);
    for (const l of p.loops) {
      expect(obstacleKinds(l), l.var).toEqual(['not-range']);
      expect(l.start.kind).toBe('non-affine');
      expect(l.stop.kind).toBe('non-affine');
      expect(l.step).toBeNull();
    }
    expect(p.loops[0]!.var).toBe('i, x');
    expect(p.loops[0]!.start).toEqual({ kind: 'non-affine', text: 'enumerate(a)' });
  });

  it('accepts numba prange like range', async () => {
    const p = await lower('from numba import prange\nfor i in prange(n):\n    pass\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
  });

  it('puts a while obstacle on every enclosing loop', async () => {
    const p = await lower('for i in range(n):\n  for j in range(n):\n    while a[i] > 0:\n      a[i] -= 1\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual(['while']);
    expect(obstacleKinds(p.loops[1]!)).toEqual(['while']);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['unsupported-while']);
    // Statements in the while body are still lowered, guarded.
    expect(stmt(p, 'a[i] -= 1').guarded).toBe(true);
    expect(stmt(p, 'a[i] -= 1').loops).toEqual([0, 1]);
  });

  it('a top-level while is only an info diagnostic; loops inside it are analysable', async () => {
    const p = await lower('while t < 10:\n  for i in range(n):\n    a[i] = 0\n  t += 1\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
    expect(p.diagnostics).toHaveLength(1);
    expect(p.diagnostics[0]!.severity).toBe('info');
  });

  it('break is an obstacle for the loop it exits only; return for every enclosing loop', async () => {
    const p = await lower(`
def f(a, n):
    for i in range(n):
        for j in range(n):
            if a[i, j] < 0:
                break
            a[i, j] = 1
        if a[i, 0] > 5:
            return i
        a[i, 1] = 2
`);
    expect(obstacleKinds(loopByVar(p, 'j'))).toEqual(['break']);
    expect(loopByVar(p, 'j').obstacles[0]!.message).toContain('break');
    expect(obstacleKinds(loopByVar(p, 'i'))).toEqual(['break']);
    expect(loopByVar(p, 'i').obstacles[0]!.message).toContain('return');
    // Statements after the jump may not run: guarded.
    expect(stmt(p, 'a[i, j] = 1').guarded).toBe(true);
    expect(stmt(p, 'a[i, 1] = 2').guarded).toBe(true);
  });

  it('break inside a while exits the while, not the for', async () => {
    const p = await lower('for i in range(n):\n  while True:\n    break\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual(['while']);
  });

  it('continue is no obstacle: what follows is guarded', async () => {
    const p = await lower('for i in range(n):\n  a[i] = 0\n  if b[i] > 0:\n    continue\n  a[i] = 1\n');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
    expect(stmt(p, 'a[i] = 0').guarded).toBe(false);
    expect(stmt(p, 'a[i] = 1').guarded).toBe(true);
  });

  it('marks a loop variable assigned in its body, and an inner loop reusing it', async () => {
    const p = await lower('for i in range(n):\n  a[i] = 0\n  i = i + 1\n  a[i] = 1\nfor j in range(n):\n  for j in range(3):\n    pass\n');
    expect(obstacleKinds(p.loops[0]!)).toContain('loop-var-assigned');
    // Before the assignment `i` is the loop variable; after it, an ordinary scalar.
    expect(p.accesses.find((a) => a.text === 'a[i]' && a.stmt === stmt(p, 'a[i] = 0').id)!.subscripts[0]!.kind).toBe('affine');
    expect(p.accesses.find((a) => a.text === 'a[i]' && a.stmt === stmt(p, 'a[i] = 1').id)!.subscripts[0]).toMatchObject({
      kind: 'non-affine',
      reason: 'scalar-in-subscript',
    });
    expect(obstacleKinds(p.loops[1]!)).toEqual(['loop-var-assigned']);
    expect(obstacleKinds(p.loops[2]!)).toEqual([]);
  });

  it('for-else bodies are lowered after the loop, guarded', async () => {
    const p = await lower('for i in range(n):\n  for j in range(n):\n    a[j] = 0\n  else:\n    b[i] = 1\n');
    const s = stmt(p, 'b[i] = 1');
    expect(s.loops).toEqual([0]);
    expect(s.guarded).toBe(true);
  });
});
