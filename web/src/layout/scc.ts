/**
 * Strongly connected components (Tarjan, iterative). A component is *cyclic* when it has more than one node
 * or a self-edge: its statements depend on each other around a cycle, so no ordering of them breaks it.
 */
export interface Components {
  /** Components in reverse topological order (Tarjan's output order), each with its node ids sorted. */
  readonly components: readonly (readonly number[])[];
  /** Node id → index into `components`. */
  readonly componentOf: ReadonlyMap<number, number>;
  /** Per component: does it hold a cycle? */
  readonly cyclic: readonly boolean[];
}

export function stronglyConnected(nodes: readonly number[], edges: readonly (readonly [number, number])[]): Components {
  const succ = new Map<number, number[]>(nodes.map((n) => [n, []]));
  const selfLoop = new Set<number>();
  for (const [a, b] of edges) {
    if (!succ.has(a) || !succ.has(b)) continue;
    if (a === b) selfLoop.add(a);
    succ.get(a)!.push(b);
  }
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const components: number[][] = [];
  let next = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    // Each frame: node and the position of the next successor to visit.
    const frames: [number, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next);
    next++;
    stack.push(root);
    onStack.add(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const [v, k] = frame;
      const out = succ.get(v)!;
      if (k < out.length) {
        frame[1] = k + 1;
        const w = out[k]!;
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next);
          next++;
          stack.push(w);
          onStack.add(w);
          frames.push([w, 0]);
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, index.get(w)!));
        }
        continue;
      }
      frames.pop();
      if (frames.length > 0) {
        const parent = frames[frames.length - 1]![0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        components.push(comp.sort((a, b) => a - b));
      }
    }
  }
  const componentOf = new Map<number, number>();
  components.forEach((c, i) => c.forEach((n) => componentOf.set(n, i)));
  const cyclic = components.map((c) => c.length > 1 || selfLoop.has(c[0]!));
  return { components, componentOf, cyclic };
}
