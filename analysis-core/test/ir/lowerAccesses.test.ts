import { describe, expect, it } from 'vitest';
import { accessesOf, lower, obstacleKinds, stmt, sub } from './lowerHelpers.js';

describe('lowerProgram: accesses', () => {
  it('orders reads left to right, then target index reads, then the write', async () => {
    const p = await lower('for i in range(n):\n  a[idx[i]] = b[i] * c[i + 1] + b[i]\n');
    expect(accessesOf(p, stmt(p, 'a[idx'))).toEqual(['R b[i]', 'R c[i + 1]', 'R b[i]', 'R idx[i]', 'W a[?indirect subscript]']);
    const s = stmt(p, 'a[idx');
    expect(s.accesses.map((id) => p.accesses[id]!.order)).toEqual([0, 1, 2, 3, 4]);
    expect(p.accesses[s.target!]!.mode).toBe('write');
  });

  it('augmented assignment: target index reads, target read, value reads, write', async () => {
    const p = await lower('for i in range(n):\n  a[idx[i]] += b[i]\n  s += a[i]\n');
    expect(accessesOf(p, stmt(p, 'a[idx'))).toEqual(['R idx[i]', 'R a[?indirect subscript]', 'R b[i]', 'W a[?indirect subscript]']);
    expect(accessesOf(p, stmt(p, 's +='))).toEqual(['R s', 'R a[i]', 'W s']);
  });

  it('a[i][j] and a[i, j] (and a[(i, j)]) give one access with two subscripts', async () => {
    const p = await lower('for i in range(n):\n  for j in range(m):\n    a[i][j] = a[i, j - 1] + a[(i - 1, 2*j)]\n');
    expect(accessesOf(p, stmt(p, 'a[i][j]'))).toEqual(['R a[i, j - 1]', 'R a[i - 1, 2*j]', 'W a[i, j]']);
    expect(p.accesses.map((a) => a.text)).toEqual(['a[i, j - 1]', 'a[(i - 1, 2*j)]', 'a[i][j]']);
    expect(p.arrays).toEqual([
      {
        name: 'a',
        rank: 2,
        scope: '<module>',
        isParameter: false,
        isFreeInput: true,
        isLocalAllocation: false,
        numericElements: true,
        notNumericWhy: null,
        // `a[i][j]` of an input: a list's rows could be one object, so verdicts state the assumption.
        rowsAssumed: true,
      },
    ]);
  });

  it('subscript text and affine form agree with `format`', async () => {
    const p = await lower('for i in range(n):\n  for j in range(m):\n    a[2*i + j - 1] = a[-(j - i) + 3*i]\n');
    const w = p.accesses.find((a) => a.mode === 'write')!;
    expect(w.subscripts[0]).toMatchObject({ kind: 'affine', text: '2*i + j - 1' });
    expect(sub(w.subscripts[0]!)).toBe('2*i + j - 1');
    expect(sub(p.accesses[0]!.subscripts[0]!)).toBe('4*i - j');
  });

  it('slices are non-affine subscripts with reason slice, and an obstacle when the array is written', async () => {
    const p = await lower('for i in range(n):\n  a[i, :] = 0\n  s = b[i, 1:n]\n');
    expect(accessesOf(p, stmt(p, 'a[i, :]'))).toEqual(['W a[i, ?slice]']);
    expect(accessesOf(p, stmt(p, 's = b'))).toEqual(['R b[i, ?slice]', 'W s']);
    // `b` is only read in the loop: its slice carries no dependence, so no obstacle for it.
    expect(obstacleKinds(p.loops[0]!)).toEqual(['slice']);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['slice-subscript']);
  });

  it('indirect subscripts: reason, the index read is an access, obstacle only if that array is written', async () => {
    const p = await lower('for i in range(n):\n  b[i] = a[idx[i]]\nfor i in range(n):\n  a[idx[i]] = b[i]\n');
    expect(accessesOf(p, stmt(p, 'b[i] = a'))).toEqual(['R idx[i]', 'R a[?indirect subscript]', 'W b[i]']);
    expect(obstacleKinds(p.loops[0]!)).toEqual([]); // a gather from a read-only array
    expect(obstacleKinds(p.loops[1]!)).toEqual(['indirect-subscript']);
    expect(p.loops[1]!.obstacles[0]!.message).toContain('idx[i]');
  });

  it('non-affine subscripts name the offending expression', async () => {
    const p = await lower('for i in range(n):\n  for j in range(n):\n    a[i*j] = a[i // 2] + 1\n');
    expect(accessesOf(p, stmt(p, 'a[i*j]'))).toEqual(['R a[?non-affine subscript i // 2]', 'W a[?non-affine subscript i*j]']);
    expect(obstacleKinds(p.loops[0]!)).toEqual(['non-affine-subscript', 'non-affine-subscript']);
    expect(obstacleKinds(p.loops[1]!)).toEqual(['non-affine-subscript', 'non-affine-subscript']);
    expect(p.diagnostics.filter((d) => d.code === 'non-affine-subscript')).toHaveLength(2);
  });

  it('substitutes a forward integer temporary into subscripts (and still records its scalar accesses)', async () => {
    const p = await lower('for i in range(n):\n  k = 2*i + 1\n  m = k - n\n  a[k] = a[m + 1]\n');
    expect(accessesOf(p, stmt(p, 'a[k]'))).toEqual(['R m', 'R a[2*i - n + 2]', 'R k', 'W a[2*i + 1]']);
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
  });

  it('does not substitute a temporary that is guarded, stale, reassigned, or from an inner loop', async () => {
    const p = await lower(`
for i in range(n):
    if c[i] > 0:
        k = i
    a[k] = 0
for i in range(n):
    a[k2] = 0
    k2 = i
for i in range(n):
    for j in range(n):
        k3 = j
    a[k3] = 0
for i in range(n):
    k4 = i
    k4 += 1
    a[k4] = 0
for i in range(n):
    k5 = b[i]
    a[k5] = 0
`);
    for (const name of ['a[k]', 'a[k2]', 'a[k3]', 'a[k4]', 'a[k5]']) {
      const w = p.accesses.find((x) => x.text === name && x.mode === 'write')!;
      expect(w.subscripts[0], name).toMatchObject({ kind: 'non-affine', reason: 'scalar-in-subscript' });
    }
    expect(p.loops.map((l) => obstacleKinds(l).includes('scalar-in-subscript'))).toEqual([true, true, true, false, true, true]);
  });

  it('a temporary defined before a loop that does not reassign it is substituted there', async () => {
    const p = await lower('k = n - 1\nfor i in range(n):\n  a[i + k] = 0\nfor i in range(n):\n  k = i\n');
    expect(sub(p.accesses.find((x) => x.text === 'a[i + k]' && x.mode === 'write')!.subscripts[0]!)).toBe('i + n - 1');
  });

  it('a temporary defined and used in the same branch is substituted', async () => {
    const p = await lower('for i in range(n):\n  if c[i] > 0:\n    k = i + 1\n    a[k] = 0\n');
    expect(sub(p.accesses.find((x) => x.text === 'a[k]')!.subscripts[0]!)).toBe('i + 1');
  });

  it('tracks scalars written in some loop of the scope everywhere; other scalars are invariants', async () => {
    const p = await lower(`
def f(a, n, alpha):
    s = 0.0
    t = alpha * 2
    for i in range(n):
        x = a[i] * t
        s += x
    return s
`);
    expect(accessesOf(p, stmt(p, 's = 0.0'))).toEqual(['W s']);
    expect(accessesOf(p, stmt(p, 't = alpha'))).toEqual([]); // t is never written in a loop
    expect(stmt(p, 't = alpha').target).toBeNull();
    expect(accessesOf(p, stmt(p, 'x = a[i]'))).toEqual(['R a[i]', 'W x']);
    expect(stmt(p, 'x = a[i]').rhs).toEqual({
      kind: 'binary',
      op: '*',
      left: { kind: 'ref', access: stmt(p, 'x = a[i]').accesses[0] },
      right: { kind: 'symbol', name: 't' },
    });
    expect(accessesOf(p, stmt(p, 'return s'))).toEqual(['R s']);
    expect(stmt(p, 's = 0.0').loops).toEqual([]);
  });

  it('names in subscripts and bounds that no loop assigns become int symbols; extents become extent symbols', async () => {
    const p = await lower('def f(a, b, n, k):\n    for i in range(len(a) - 1):\n        a[i + k] = b[b.shape[1] - i, n]\n');
    expect(p.symbols).toEqual([
      { name: 'a.shape[0]', kind: 'extent', array: 'a', dim: 0 },
      // The value's subscripts are lowered before the target's (evaluation order), hence k last.
      { name: 'b.shape[1]', kind: 'extent', array: 'b', dim: 1 },
      { name: 'n', kind: 'int' },
      { name: 'k', kind: 'int' },
    ]);
    expect(accessesOf(p, stmt(p, 'a[i + k]'))).toEqual(['R b[b.shape[1] - i, n]', 'W a[i + k]']);
  });

  it('a scalar assigned more than once outside loops is not a fixed symbol', async () => {
    const p = await lower(
      'def f(a, n):\n    k = 1\n    for i in range(n):\n        a[i + k] = 0\n    k = 2\n    for i in range(n):\n        a[i + k] = 1\n',
    );
    const ws = p.accesses.filter((a) => a.mode === 'write');
    expect(ws.map((w) => w.subscripts[0]!.kind)).toEqual(['non-affine', 'non-affine']);
    expect(p.symbols.map((s) => s.name)).toEqual(['n']);
  });

  it('every affine term is an enclosing loop variable or a recorded symbol', async () => {
    const p = await lower(`
def f(a, b, n, m, off):
    c = 3
    for i in range(1, n - 1):
        j0 = i + off
        for j in range(i, m + c):
            a[i, j] = b[j0, j - a.shape[1]] + a[i - 1, len(b) - j]
`);
    const symbols = new Set(p.symbols.map((s) => s.name));
    for (const a of p.accesses) {
      const s = p.statements[a.stmt]!;
      const vars = new Set(s.loops.map((l) => p.loops[l]!.var));
      for (const x of a.subscripts) {
        if (x.kind !== 'affine') continue;
        for (const t of x.expr.terms) expect(vars.has(t.name) || symbols.has(t.name), `${t.name} in ${a.text}`).toBe(true);
      }
    }
    for (const l of p.loops) {
      for (const b of [l.start, l.stop]) {
        if (b.kind !== 'affine') continue;
        const vars = new Set(l.outer.map((o) => p.loops[o]!.var));
        for (const t of b.expr.terms) expect(vars.has(t.name) || symbols.has(t.name), t.name).toBe(true);
      }
    }
  });

  it('Program.arrays: rank as used, parameters, local allocations', async () => {
    const p = await lower(`
import numpy as np
def f(a, n):
    c = np.zeros((n, n))
    d = np.empty_like(a)
    e = a.copy()
    g = make(n)
    h = np.zeros(n)
    h = a
    for i in range(n):
        c[i, i] = a[i] + d[i] + e[i] + g[i] + h[i]
`);
    const info = Object.fromEntries(p.arrays.map((x) => [x.name, [x.rank, x.isParameter, x.isLocalAllocation]]));
    expect(info).toEqual({
      a: [1, true, false],
      d: [1, false, true],
      e: [1, false, true],
      g: [1, false, false],
      h: [1, false, false],
      c: [2, false, true],
    });
  });

  it('b = a resolves to one array (info); views are alias obstacles where both are used and one written', async () => {
    const p = await lower(`
def f(a, n):
    b = a
    v = a[1:]
    w = a.T
    for i in range(n):
        b[i] = a[i + 1]
    for i in range(n):
        v[i] = a[i]
    for i in range(n):
        x = v[i] + a[i]
    for i in range(n):
        w[i, 0] = 1
`);
    expect(accessesOf(p, stmt(p, 'b[i] = a'))).toEqual(['R a[i + 1]', 'W a[i]']);
    expect(p.diagnostics.find((d) => d.code === 'alias' && d.severity === 'info')?.message).toContain('`b`');
    expect(obstacleKinds(p.loops[0]!)).toEqual([]);
    expect(obstacleKinds(p.loops[1]!)).toEqual(['alias']);
    expect(p.loops[1]!.obstacles[0]!.message).toContain('v = a[1:]');
    expect(obstacleKinds(p.loops[2]!)).toEqual([]); // both only read
    expect(obstacleKinds(p.loops[3]!)).toEqual([]); // only w used
    expect(p.diagnostics.filter((d) => d.code === 'alias' && d.severity === 'warning')).toHaveLength(1);
  });

  it('an array re-bound inside a loop is an obstacle there', async () => {
    const p = await lower('for i in range(n):\n  row = a[i]\n  for j in range(m):\n    row[j] = 0\n');
    expect(obstacleKinds(p.loops[0]!)).toContain('alias');
    expect(obstacleKinds(p.loops[1]!)).toEqual([]);
  });

  it('a bare array used as a value inside a loop is an unsupported expression', async () => {
    const p = await lower('import numpy as np\nfor i in range(n):\n  s = np.sum(a) + a.T[i, 0]\n  t = np.sqrt(a)\n  a[i] = t\n');
    const kinds = obstacleKinds(p.loops[0]!);
    expect(kinds).toContain('unknown-call');
    expect(kinds).toContain('unsupported-expression');
    expect(p.loops[0]!.obstacles.some((o) => o.message.includes('whole array'))).toBe(true);
  });
});
