import { describe, expect, it } from 'vitest';
import type { Report } from '@loupe/analysis-core';
import { defaultAxes, directionSet, iterationSpace, nestPath, placeSpace, type SpaceOk, type SpaceResult } from '../src/layout/space';
import { report } from './report';

const loopId = (r: Report, v: string, nth = 0): number => r.loops.filter((l) => l.var === v)[nth]!.id;

function ok(s: SpaceResult): SpaceOk {
  if (!s.ok) throw new Error(s.error);
  return s;
}

async function space(
  source: string,
  outer: string,
  inner: string | null,
  draw: Record<string, number>,
  fixed: Record<string, number> = {},
  values: Record<string, string> = {},
) {
  const r = await report(source, values);
  const fixedIds = Object.fromEntries(Object.entries(fixed).map(([v, x]) => [String(loopId(r, v)), x]));
  return {
    r,
    s: iterationSpace({
      loops: r.loops,
      dependences: r.dependences,
      outer: loopId(r, outer),
      inner: inner === null ? null : loopId(r, inner),
      draw,
      fixed: fixedIds,
    }),
  };
}

describe('iterationSpace: 1-D', () => {
  it('a distance-1 recurrence: one arrow per step, fully sequential, witness drawn', async () => {
    const { s } = await space('for i in range(1, n):\n    a[i] = a[i - 1] + b[i]\n', 'i', null, { n: 6 });
    const sp = ok(s);
    expect(sp.points.map((p) => p.key)).toEqual(['1', '2', '3', '4', '5']);
    expect(sp.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(['1>2', '2>3', '3>4', '4>5']);
    expect(sp.arrows.filter((a) => a.witness).map((a) => `${a.from}>${a.to}`)).toEqual(['1>2']);
    expect(sp.steps).toBe(5);
    expect(sp.points.map((p) => p.step)).toEqual([0, 1, 2, 3, 4]);
  });

  it('a parallel loop: no arrows, one step', async () => {
    const sp = ok((await space('for i in range(n):\n    a[i] = b[i] * 2\n', 'i', null, { n: 5 })).s);
    expect(sp.points).toHaveLength(5);
    expect(sp.arrows).toHaveLength(0);
    expect(sp.steps).toBe(1);
  });

  // Starting at 2 keeps a[i - 2] non-negative (a negative index would wrap, adding assumed dependences).
  it('steps count iterations, not values: range(2, n, 2) with a[i - 2]', async () => {
    const sp = ok((await space('for i in range(2, n, 2):\n    a[i] = a[i - 2]\n', 'i', null, { n: 10 })).s);
    expect(sp.points.map((p) => p.key)).toEqual(['2', '4', '6', '8']);
    expect(sp.points.map((p) => p.col)).toEqual([0, 1, 2, 3]);
    expect(sp.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(['2>4', '4>6', '6>8']);
  });

  it('a negative step runs right to left', async () => {
    const sp = ok((await space('for i in range(n - 1, 0, -1):\n    a[i] = a[i + 1]\n', 'i', null, { n: 5 })).s);
    expect(sp.points.map((p) => p.key)).toEqual(['4', '3', '2', '1']);
    expect(sp.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(['4>3', '3>2', '2>1']);
    expect(sp.steps).toBe(4);
  });

  it('a reduction: arrows drawn as removed, and all iterations in one step', async () => {
    const sp = ok((await space('s = 0.0\nfor i in range(n):\n    s += a[i]\n', 'i', null, { n: 4 })).s);
    expect(sp.arrows.length).toBeGreaterThan(0);
    expect(sp.arrows.every((a) => a.removed)).toBe(true);
    expect(sp.steps).toBe(1);
  });

  it('runtime values decide: k = 0 draws nothing, k = 2 draws distance-2 arrows', async () => {
    const src = 'def f(a, n, k):\n    for i in range(n):\n        a[i + k] = a[i]\n';
    expect(ok((await space(src, 'i', null, { n: 6 }, {}, { n: '6', k: '0' })).s).arrows).toHaveLength(0);
    const two = ok((await space(src, 'i', null, { n: 6 }, {}, { n: '6', k: '2' })).s);
    expect(two.arrows.map((a) => `${a.from}>${a.to}`)).toEqual(['0>2', '1>3', '2>4', '3>5']);
    expect(two.steps).toBe(3);
  });
});

describe('iterationSpace: 2-D', () => {
  it('a wavefront: both loops sequential, n + m - 1 steps', async () => {
    const sp = ok(
      (
        await space('for i in range(1, n):\n    for j in range(1, m):\n        a[i, j] = a[i - 1, j] + a[i, j - 1]\n', 'i', 'j', {
          n: 4,
          m: 4,
        })
      ).s,
    );
    expect(sp.points).toHaveLength(9);
    expect(sp.arrows.filter((a) => !a.removed)).toHaveLength(12);
    expect(sp.steps).toBe(5);
    const stepOf = new Map(sp.points.map((p) => [p.key, p.step]));
    expect(stepOf.get('1,1')).toBe(0);
    expect(stepOf.get('2,1')).toBe(stepOf.get('1,2'));
    expect(stepOf.get('3,3')).toBe(4);
  });

  it('rows carried, columns parallel: one step per row', async () => {
    const sp = ok(
      (await space('for i in range(1, n):\n    for j in range(m):\n        a[i, j] = a[i - 1, j]\n', 'i', 'j', { n: 4, m: 5 })).s,
    );
    expect(sp.points).toHaveLength(15);
    expect(sp.steps).toBe(3);
    for (const p of sp.points) expect(p.step).toBe(p.row);
    expect(sp.arrows).toHaveLength(10);
  });

  it('a triangular nest draws a triangle', async () => {
    const sp = ok((await space('for i in range(n):\n    for j in range(i + 1, n):\n        a[i, j] = a[j, i]\n', 'i', 'j', { n: 5 })).s);
    expect(sp.points).toHaveLength(10);
    expect(sp.rows).toBe(5);
    const geo = placeSpace(sp);
    expect(geo.points.filter((p) => p.row === 0)).toHaveLength(4);
    expect(geo.points.find((p) => p.key === '0,1')!.x).toBeLessThan(geo.points.find((p) => p.key === '1,2')!.x);
  });

  it('3-D: two drawn loops, the outer one held fixed; dependences it carries are listed as hidden', async () => {
    const src =
      'for t in range(T):\n    for i in range(1, n):\n        for j in range(1, n):\n            A[i, j] = A[i - 1, j] + A[i, j]\n';
    const { r, s } = await space(src, 'i', 'j', { n: 4, T: 3 }, { t: 1 });
    const sp = ok(s);
    expect(sp.fixed).toEqual([{ loop: loopId(r, 't'), var: 't', value: 1, choices: [0, 1, 2] }]);
    expect(sp.points).toHaveLength(9);
    expect(sp.hidden.length).toBeGreaterThan(0);
    expect(sp.hidden.every((h) => h.reason.includes('fixed loop t'))).toBe(true);
    expect(sp.steps).toBe(3);
  });

  it('3-D: drawing the outer and the innermost loop holds the middle one at a chosen value', async () => {
    const src = 'for i in range(n):\n    for j in range(n):\n        for k in range(n):\n            C[i, j] += A[i, k] * B[k, j]\n';
    const { r, s } = await space(src, 'i', 'k', { n: 3 }, { j: 2 });
    const sp = ok(s);
    expect(sp.axes.map((a) => a.var)).toEqual(['i', 'k']);
    expect(sp.fixed.map((f) => [f.var, f.value])).toEqual([['j', 2]]);
    expect(sp.points).toHaveLength(9);
    // C[i, j] += … is a reduction over k: its dependences are removed, rows stay independent.
    expect(sp.steps).toBe(1);
    expect(nestPath(r.loops, loopId(r, 'k')).map((id) => r.loops.find((l) => l.id === id)!.var)).toEqual(['i', 'j', 'k']);
  });
});

describe('iterationSpace: limits and helpers', () => {
  it('explains bounds it cannot draw', async () => {
    const r = await report('for i in range(n):\n    for j in range(len(idx[i])):\n        a[i] = a[i] + 1\n');
    const s = iterationSpace({
      loops: r.loops,
      dependences: r.dependences,
      outer: r.loops[0]!.id,
      inner: r.loops[1]!.id,
      draw: { n: 3 },
      fixed: {},
    });
    expect(s.ok).toBe(false);
    if (!s.ok) expect(s.error).toContain('len(idx[i])');
  });

  it('refuses more points than it can draw', async () => {
    const r = await report('for i in range(n):\n    for j in range(m):\n        a[i, j] = 0\n');
    const s = iterationSpace({
      loops: r.loops,
      dependences: r.dependences,
      outer: r.loops[0]!.id,
      inner: r.loops[1]!.id,
      draw: { n: 40, m: 40 },
      fixed: {},
    });
    expect(s.ok).toBe(false);
  });

  it('picks the selected loop and its child (or parent) by default', async () => {
    const r = await report('for i in range(n):\n    for j in range(m):\n        a[i, j] = 0\nfor k in range(n):\n    b[k] = 0\n');
    const [i, j, k] = [loopId(r, 'i'), loopId(r, 'j'), loopId(r, 'k')];
    expect(defaultAxes(r.loops, i)).toEqual({ outer: i, inner: j });
    expect(defaultAxes(r.loops, j)).toEqual({ outer: i, inner: j });
    expect(defaultAxes(r.loops, k)).toEqual({ outer: k, inner: null });
    expect(defaultAxes(r.loops, null)).toEqual({ outer: i, inner: j });
    expect(defaultAxes([], null)).toBeNull();
  });

  it('reads direction text', () => {
    expect(directionSet('<')).toEqual({ lt: true, eq: false, gt: false });
    expect(directionSet('<=')).toEqual({ lt: true, eq: true, gt: false });
    expect(directionSet('*')).toEqual({ lt: true, eq: true, gt: true });
    expect(directionSet('∅')).toEqual({ lt: false, eq: false, gt: false });
  });

  it('places points on a grid and bends arrows (deterministic paths)', async () => {
    const sp = ok((await space('for i in range(1, n):\n    a[i] = a[i - 1]\n', 'i', null, { n: 4 })).s);
    const geo = placeSpace(sp, 40);
    expect(geo.points.map((p) => p.x)).toEqual([geo.left, geo.left + 40, geo.left + 80]);
    expect(geo.arrows[0]!.path).toMatch(/^M[-\d.]+,[-\d.]+ Q[-\d.]+,[-\d.]+ [-\d.]+,[-\d.]+$/);
    expect(JSON.stringify(placeSpace(sp, 40))).toBe(JSON.stringify(geo));
  });
});
