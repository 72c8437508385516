import { describe, expect, it } from 'vitest';
import { edgeKey, layoutGraph, packLanes, type GraphInput } from '../src/layout/graph';
import { report } from './report';

const input = async (source: string, values: Record<string, string> = {}, scope: number | null = null): Promise<GraphInput> => {
  const r = await report(source, values);
  return { statements: r.statements, dependences: r.dependences, loops: r.loops, scope };
};

describe('packLanes', () => {
  it('puts short arcs inside long ones and overlapping arcs in different lanes', () => {
    expect(
      packLanes([
        [0, 3],
        [1, 2],
        [2, 2],
        [4, 5],
      ]),
    ).toEqual([2, 1, 0, 0]);
  });

  it('lets disjoint arcs share a lane', () => {
    expect(
      packLanes([
        [0, 1],
        [2, 3],
        [4, 4],
      ]),
    ).toEqual([0, 0, 0]);
  });
});

describe('layoutGraph', () => {
  it('prefix sum: one statement, a carried self-edge, one cyclic component', async () => {
    const g = layoutGraph(await input('for i in range(1, n):\n    a[i] = a[i - 1] + b[i]\n'));
    expect(g.nodes).toHaveLength(1);
    expect(g.nodes[0]).toMatchObject({ label: 'S1', line: 2, text: 'a[i] = a[i - 1] + b[i]', cyclic: true });
    const carried = g.edges.filter((e) => e.carried);
    expect(carried).toHaveLength(1);
    expect(carried[0]).toMatchObject({ kind: 'flow', from: 0, to: 0, label: 'flow (<) @i', carrierVar: 'i' });
    expect(g.sccs.filter((s) => s.cyclic).map((s) => s.name)).toEqual(['A']);
  });

  it('a cycle through two statements: carried on the right, loop-independent on the left', async () => {
    const g = layoutGraph(await input('for i in range(1, n):\n    b[i] = a[i - 1]\n    a[i] = b[i] * 2\n'));
    expect(g.nodes.map((n) => n.label)).toEqual(['S1', 'S2']);
    expect(g.nodes.every((n) => n.cyclic)).toBe(true);
    expect(new Set(g.nodes.map((n) => n.scc)).size).toBe(1);
    const nodeLeft = g.nodes[0]!.x;
    const nodeRight = nodeLeft + g.nodes[0]!.width;
    const carried = g.edges.find((e) => e.carried)!;
    const independent = g.edges.find((e) => !e.carried)!;
    expect(carried).toMatchObject({ from: 1, to: 0, kind: 'flow' });
    expect(independent).toMatchObject({ from: 0, to: 1, kind: 'flow' });
    expect(carried.labelX).toBeGreaterThan(nodeRight);
    expect(independent.labelX).toBeLessThan(nodeLeft);
    expect(carried.path).toMatch(/^M[\d.]+,[\d.]+ C/);
  });

  it('no dependences: nodes only, no cycles', async () => {
    const g = layoutGraph(await input('for i in range(n):\n    a[i] = b[i]\n    c[i] = b[i]\n'));
    expect(g.nodes).toHaveLength(2);
    expect(g.edges).toHaveLength(0);
    expect(g.sccs.every((s) => !s.cyclic)).toBe(true);
  });

  it('draws every dependence exactly once (sharing edges by statements, kind and direction)', async () => {
    const src = `for t in range(tsteps):
    for i in range(1, n - 1):
        B[i] = (A[i - 1] + A[i] + A[i + 1]) / 3
    for i in range(1, n - 1):
        A[i] = (B[i - 1] + B[i] + B[i + 1]) / 3
`;
    const gi = await input(src);
    const g = layoutGraph(gi);
    const drawn = g.edges.flatMap((e) => e.deps).sort((a, b) => a - b);
    expect(drawn).toEqual(gi.dependences.map((d) => d.id).sort((a, b) => a - b));
    expect(g.edges).toHaveLength(new Set(gi.dependences.map(edgeKey)).size);
    for (const e of g.edges) expect(e.label).toContain(e.deps.length > 1 ? `×${e.deps.length}` : e.kind);
  });

  it('scoped to a loop: its statements, and no dependence carried outside it', async () => {
    const src = 'for i in range(1, n):\n    for j in range(m):\n        a[i, j] = a[i - 1, j]\n';
    const all = await input(src);
    const inner = all.loops.find((l) => l.var === 'j')!.id;
    const g = layoutGraph({ ...all, scope: inner });
    expect(g.nodes).toHaveLength(1);
    // The only dependence is carried by i, outside the j loop: the j loop's graph has none.
    expect(layoutGraph(all).edges).toHaveLength(1);
    expect(g.edges).toHaveLength(0);
  });

  it('is deterministic and keeps labels apart', async () => {
    const gi = await input('for i in range(1, n):\n    a[i] = a[i - 1] + a[i + 1]\n    b[i] = a[i] + b[i - 1]\n');
    const a = layoutGraph(gi);
    expect(JSON.stringify(layoutGraph(gi))).toBe(JSON.stringify(a));
    const labels = a.edges.map((e) => ({ x: e.labelX, y: e.labelY, w: e.label.length * 6.6, anchor: e.labelAnchor }));
    for (let p = 0; p < labels.length; p++)
      for (let q = p + 1; q < labels.length; q++) {
        const A = labels[p]!;
        const B = labels[q]!;
        const ax = A.anchor === 'start' ? A.x : A.x - A.w;
        const bx = B.anchor === 'start' ? B.x : B.x - B.w;
        const overlapX = ax < bx + B.w && bx < ax + A.w;
        if (overlapX) expect(Math.abs(A.y - B.y)).toBeGreaterThanOrEqual(14);
      }
    expect(a.width).toBeGreaterThan(0);
    expect(a.height).toBeGreaterThan(0);
  });
});
