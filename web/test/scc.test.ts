import { describe, expect, it } from 'vitest';
import { stronglyConnected } from '../src/layout/scc';

const sorted = (cs: readonly (readonly number[])[]): number[][] => cs.map((c) => [...c]).sort((a, b) => a[0]! - b[0]!);

describe('stronglyConnected', () => {
  it('finds a two-statement cycle and leaves the rest alone', () => {
    const r = stronglyConnected(
      [0, 1, 2],
      [
        [0, 1],
        [1, 0],
        [1, 2],
      ],
    );
    expect(sorted(r.components)).toEqual([[0, 1], [2]]);
    expect(r.componentOf.get(0)).toBe(r.componentOf.get(1));
    expect(r.cyclic[r.componentOf.get(0)!]).toBe(true);
    expect(r.cyclic[r.componentOf.get(2)!]).toBe(false);
  });

  it('counts a self-edge as a cycle', () => {
    const r = stronglyConnected([0, 1], [[0, 0]]);
    expect(r.cyclic[r.componentOf.get(0)!]).toBe(true);
    expect(r.cyclic[r.componentOf.get(1)!]).toBe(false);
  });

  it('returns components in reverse topological order of a DAG', () => {
    const r = stronglyConnected(
      [0, 1, 2],
      [
        [0, 1],
        [1, 2],
      ],
    );
    expect(r.components).toEqual([[2], [1], [0]]);
    expect(r.cyclic).toEqual([false, false, false]);
  });

  it('handles long chains without recursion and ignores edges to unknown nodes', () => {
    const n = 5000;
    const nodes = Array.from({ length: n }, (_, k) => k);
    const edges = nodes.map((k) => [k, (k + 1) % n] as const);
    const r = stronglyConnected(nodes, [...edges, [0, 99999]]);
    expect(r.components).toHaveLength(1);
    expect(r.components[0]).toHaveLength(n);
  });

  it('agrees with a brute-force reachability check on random graphs', () => {
    let seed = 7;
    const rand = (k: number): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let round = 0; round < 50; round++) {
      const n = 1 + rand(8);
      const edges: [number, number][] = Array.from({ length: rand(14) }, () => [rand(n), rand(n)]);
      const reach = Array.from({ length: n }, (_, a) => Array.from({ length: n }, (_, b) => a === b));
      for (const [a, b] of edges) reach[a]![b] = true;
      for (let k = 0; k < n; k++)
        for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) if (reach[a]![k] && reach[k]![b]) reach[a]![b] = true;
      const r = stronglyConnected(
        Array.from({ length: n }, (_, k) => k),
        edges,
      );
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) expect(r.componentOf.get(a) === r.componentOf.get(b)).toBe(reach[a]![b]! && reach[b]![a]!);
    }
  });
});
