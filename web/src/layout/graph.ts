/**
 * Layout of the dependence graph: statements as nodes in program order (one column), dependences as arcs.
 * Loop-independent dependences arc on the left, loop-carried ones on the right, so the two kinds never mix;
 * each arc gets its own lane (greedy interval packing: shorter arcs inside longer ones) and a label with its
 * kind and direction vector. Dependences that would draw the same arc (same statements, kind, direction,
 * carrying loop and certainty, e.g. one per pair of subscripts) share one edge labelled `×count`, so a stencil
 * with sixty dependences between two statements still reads. Strongly connected components come from
 * `stronglyConnected`. Pure: data in, coordinates and SVG path strings out; the view only draws them.
 */
import type { ReportDependence, ReportLoop, ReportStatement } from '@loupe/analysis-core';
import { stronglyConnected } from './scc';

export const NODE_W = 300;
export const NODE_H = 36;
const GAP = 30;
const TOP = 24;
const LANE = 22;
const FIRST_LANE = 26;
const CHAR_W = 6.6;
const LABEL_H = 14;
const MARGIN = 12;

export interface GraphNode {
  readonly id: number;
  readonly label: string;
  readonly line: number;
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly scc: number;
  readonly cyclic: boolean;
}

export interface GraphEdge {
  /** The first dependence of the edge (clicking selects it). */
  readonly dep: number;
  /** Every dependence this edge stands for. */
  readonly deps: readonly number[];
  readonly from: number;
  readonly to: number;
  readonly kind: ReportDependence['kind'];
  readonly label: string;
  readonly carried: boolean;
  readonly carrierVar: string | null;
  readonly assumed: boolean;
  readonly lane: number;
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
  readonly labelAnchor: 'start' | 'end';
}

export interface GraphScc {
  readonly index: number;
  readonly members: readonly number[];
  readonly cyclic: boolean;
  /** Display name of a cyclic component ("A", "B", …); null for acyclic single statements. */
  readonly name: string | null;
}

export interface GraphLayout {
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly sccs: readonly GraphScc[];
}

export interface GraphInput {
  readonly statements: readonly ReportStatement[];
  readonly dependences: readonly ReportDependence[];
  readonly loops: readonly Pick<ReportLoop, 'id' | 'var' | 'depth'>[];
  /** Only this loop's statements and the dependences it (or a loop inside it) carries or holds; null for all. */
  readonly scope: number | null;
}

export const statementLabel = (id: number): string => `S${id + 1}`;

export function edgeLabel(d: Pick<ReportDependence, 'kind' | 'direction'>, count = 1): string {
  return `${d.kind} (${d.direction.join(', ')})${count > 1 ? ` ×${count}` : ''}`;
}

/** The key under which dependences share one drawn edge. */
export const edgeKey = (d: Pick<ReportDependence, 'source' | 'sink' | 'kind' | 'direction' | 'carrier' | 'certainty'>): string =>
  `${d.source.statement}>${d.sink.statement}|${d.kind}|${d.direction.join(',')}|${d.carrier ?? '-'}|${d.certainty}`;

interface Group {
  readonly first: ReportDependence;
  readonly ids: number[];
}

function groupDeps(deps: readonly ReportDependence[]): Group[] {
  const groups = new Map<string, Group>();
  for (const d of deps) {
    const k = edgeKey(d);
    const g = groups.get(k);
    if (g) g.ids.push(d.id);
    else groups.set(k, { first: d, ids: [d.id] });
  }
  return [...groups.values()];
}

/** Assigns each interval the lowest lane where it overlaps nothing (shorter intervals first). */
export function packLanes(intervals: readonly (readonly [number, number])[]): number[] {
  const order = intervals.map((iv, k) => ({ k, lo: Math.min(iv[0], iv[1]), hi: Math.max(iv[0], iv[1]) }));
  order.sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo || a.k - b.k);
  const lanes: { lo: number; hi: number }[][] = [];
  const out = new Array<number>(intervals.length).fill(0);
  for (const iv of order) {
    let lane = 0;
    while (lanes[lane]?.some((o) => o.lo <= iv.hi && iv.lo <= o.hi)) lane++;
    (lanes[lane] ??= []).push(iv);
    out[iv.k] = lane;
  }
  return out;
}

function inScope(input: GraphInput): { statements: ReportStatement[]; deps: ReportDependence[] } {
  const { scope } = input;
  if (scope === null) return { statements: [...input.statements], deps: [...input.dependences] };
  const depthOf = new Map(input.loops.map((l) => [l.id, l.depth]));
  const scopeDepth = depthOf.get(scope) ?? 0;
  const statements = input.statements.filter((s) => s.loops.includes(scope));
  const ids = new Set(statements.map((s) => s.id));
  // Dependences carried by loops outside the scope are satisfied by those loops: they are left out.
  const deps = input.dependences.filter(
    (d) =>
      ids.has(d.source.statement) &&
      ids.has(d.sink.statement) &&
      d.loops.includes(scope) &&
      (d.carrier === null || (depthOf.get(d.carrier) ?? 0) >= scopeDepth),
  );
  return { statements, deps };
}

export function layoutGraph(input: GraphInput): GraphLayout {
  const { statements, deps } = inScope(input);
  const row = new Map(statements.map((s, k) => [s.id, k]));
  const varOf = new Map(input.loops.map((l) => [l.id, l.var]));

  const comps = stronglyConnected(
    statements.map((s) => s.id),
    deps.map((d) => [d.source.statement, d.sink.statement] as const),
  );
  // Name cyclic components A, B, … in program order of their first statement.
  const cyclicOrder = comps.components
    .map((members, index) => ({ members, index }))
    .filter((c) => comps.cyclic[c.index])
    .sort((a, b) => row.get(a.members[0]!)! - row.get(b.members[0]!)!);
  const names = new Map(
    cyclicOrder.map((c, k) => [c.index, String.fromCharCode(65 + (k % 26)) + (k >= 26 ? String(Math.floor(k / 26)) : '')]),
  );
  const sccs: GraphScc[] = comps.components.map((members, index) => ({
    index,
    members,
    cyclic: comps.cyclic[index]!,
    name: names.get(index) ?? null,
  }));

  const groups = groupDeps(deps);
  const carried = groups.filter((g) => g.first.carrier !== null);
  const independent = groups.filter((g) => g.first.carrier === null);
  const interval = (g: Group): [number, number] => [row.get(g.first.source.statement)!, row.get(g.first.sink.statement)!];
  const rightLanes = packLanes(carried.map(interval));
  const leftLanes = packLanes(independent.map(interval));
  const laneCount = (lanes: number[]): number => (lanes.length === 0 ? 0 : Math.max(...lanes) + 1);
  const labelWidth = (gs: Group[]): number => Math.max(0, ...gs.map((g) => (edgeLabel(g.first, g.ids.length).length + 8) * CHAR_W));
  const leftExtent = laneCount(leftLanes) === 0 ? 0 : FIRST_LANE + (laneCount(leftLanes) - 1) * LANE + labelWidth(independent) + 8;
  const rightExtent = laneCount(rightLanes) === 0 ? 0 : FIRST_LANE + (laneCount(rightLanes) - 1) * LANE + labelWidth(carried) + 8;

  const nodeX = MARGIN + leftExtent;
  const nodeY = (k: number): number => TOP + k * (NODE_H + GAP);
  const nodes: GraphNode[] = statements.map((s, k) => {
    const scc = comps.componentOf.get(s.id)!;
    return {
      id: s.id,
      label: statementLabel(s.id),
      line: s.line,
      text: s.text,
      x: nodeX,
      y: nodeY(k),
      width: NODE_W,
      height: NODE_H,
      scc,
      cyclic: comps.cyclic[scc]!,
    };
  });

  const placed: { x0: number; x1: number; y: number }[] = [];
  const placeLabel = (x: number, y: number, w: number, anchor: 'start' | 'end'): number => {
    const x0 = anchor === 'start' ? x : x - w;
    const x1 = x0 + w;
    let ly = y;
    for (let tries = 0; tries < 40; tries++) {
      if (!placed.some((p) => p.x0 < x1 && x0 < p.x1 && Math.abs(p.y - ly) < LABEL_H)) break;
      ly += LABEL_H;
    }
    placed.push({ x0, x1, y: ly });
    return ly;
  };

  const edgeOf = (g: Group, lane: number, side: 'left' | 'right'): GraphEdge => {
    const d = g.first;
    const [a, b] = interval(g);
    const y1 = nodeY(a) + NODE_H / 2 - 6;
    const y2 = nodeY(b) + NODE_H / 2 + 6;
    const sign = side === 'right' ? 1 : -1;
    const port = side === 'right' ? nodeX + NODE_W : nodeX;
    const reach = FIRST_LANE + lane * LANE;
    const apex = port + sign * reach;
    const ctrl = port + (sign * reach * 4) / 3;
    const path = `M${port},${y1} C${ctrl},${y1} ${ctrl},${y2} ${port},${y2}`;
    const carrierVar = d.carrier === null ? null : (varOf.get(d.carrier) ?? null);
    const label = `${edgeLabel(d, g.ids.length)}${carrierVar ? ` @${carrierVar}` : ''}${d.certainty === 'assumed' ? ' ?' : ''}`;
    const anchor = side === 'right' ? 'start' : 'end';
    const labelX = apex + sign * 4;
    const labelY = placeLabel(labelX, (y1 + y2) / 2 + 4, label.length * CHAR_W, anchor);
    return {
      dep: d.id,
      deps: g.ids,
      from: d.source.statement,
      to: d.sink.statement,
      kind: d.kind,
      label,
      carried: d.carrier !== null,
      carrierVar,
      assumed: d.certainty === 'assumed',
      lane,
      path,
      labelX,
      labelY,
      labelAnchor: anchor,
    };
  };
  const edges = [
    ...carried.map((d, k) => edgeOf(d, rightLanes[k]!, 'right')),
    ...independent.map((d, k) => edgeOf(d, leftLanes[k]!, 'left')),
  ];
  edges.sort((x, y) => x.dep - y.dep);

  const lowestLabel = Math.max(0, ...placed.map((p) => p.y + LABEL_H));
  const height = Math.max(TOP + Math.max(1, statements.length) * (NODE_H + GAP), lowestLabel + MARGIN);
  const width = nodeX + NODE_W + rightExtent + MARGIN;
  return { width: Math.ceil(width), height: Math.ceil(height), nodes, edges, sccs };
}
