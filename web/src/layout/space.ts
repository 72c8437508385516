/**
 * The iteration space of one or two loops of a nest, for bound values small enough to draw, with the real
 * dependences of the report as arrows and the parallel structure as wavefronts.
 *
 * How arrows are found (documented in the view as well): a dependence relates iteration p (source) to
 * iteration q (sink) when, for every loop it has in common with the drawn ones,
 * - a drawn loop: the step count q − p (value difference ÷ step) equals the dependence's distance at that
 *   level when the distance is known, else has a sign its direction allows (`<` forward, `=` same, `>` back);
 * - a loop held fixed (an outer loop, or one between the two drawn ones): both points share its value, so the
 *   direction must allow `=` (dependences carried by a fixed loop link other slices and are listed as hidden);
 * - a loop inside the drawn ones is folded into the point, so it adds no constraint (p = q is not drawn).
 * That relation is exact for exact distances and conservative otherwise. Every related pair counts for the
 * wavefronts; for clarity only the first sink (in execution order) of each source is drawn per dependence,
 * which keeps the ordering visible without drawing n² arrows. The witness pair is always drawn.
 *
 * Wavefronts: a point's step is 1 + the largest step of any point it depends on (longest path, in execution
 * order), skipping dependences that a reduction or privatization of their carrying loop removes. Points with
 * the same step may run together.
 */
import type { ReportDependence, ReportLoop } from '@loupe/analysis-core';
import { evaluate, namesIn, rangeValues } from './expr';

export const MAX_POINTS = 400;
const MAX_PER_AXIS = 40;
const MAX_ARROWS = 1500;

export interface SpacePoint {
  readonly key: string;
  /** Values of the drawn loop variables (one or two). */
  readonly values: readonly number[];
  /** Column and row in the grid (column from the inner value, row from the outer one). */
  readonly col: number;
  readonly row: number;
  /** Wavefront step (0-based): points with the same step may run together. */
  readonly step: number;
}

export interface SpaceArrow {
  readonly dep: number;
  readonly kind: ReportDependence['kind'];
  readonly from: string;
  readonly to: string;
  readonly witness: boolean;
  /** Removed by a reduction or privatization of the carrying loop: drawn faint, ignored by the wavefronts. */
  readonly removed: boolean;
  readonly assumed: boolean;
}

export interface HiddenDependence {
  readonly dep: number;
  readonly reason: string;
}

export interface FixedLoop {
  readonly loop: number;
  readonly var: string;
  readonly value: number;
  readonly choices: readonly number[];
}

export interface SpaceOk {
  readonly ok: true;
  /** The drawn loops, outer first (one or two). */
  readonly axes: readonly { readonly loop: number; readonly var: string; readonly line: number }[];
  readonly points: readonly SpacePoint[];
  readonly arrows: readonly SpaceArrow[];
  readonly steps: number;
  readonly cols: number;
  readonly rows: number;
  readonly fixed: readonly FixedLoop[];
  readonly hidden: readonly HiddenDependence[];
  /** Symbols the bounds need, with the values used. */
  readonly symbols: Readonly<Record<string, number>>;
  readonly truncatedArrows: number;
}

export interface SpaceError {
  readonly ok: false;
  readonly error: string;
  readonly symbols: Readonly<Record<string, number>>;
}

export type SpaceResult = SpaceOk | SpaceError;

export interface SpaceInput {
  readonly loops: readonly ReportLoop[];
  readonly dependences: readonly ReportDependence[];
  readonly outer: number;
  readonly inner: number | null;
  /** Symbol values for drawing; missing symbols get `defaultValue`. */
  readonly draw: Readonly<Record<string, number>>;
  /** Loop id → value of its variable, for the loops held fixed. */
  readonly fixed: Readonly<Record<string, number>>;
  readonly defaultValue?: number;
}

/** Loop ids from the outermost ancestor down to `id`. */
export function nestPath(loops: readonly Pick<ReportLoop, 'id' | 'parent'>[], id: number): number[] {
  const byId = new Map(loops.map((l) => [l.id, l]));
  const path: number[] = [];
  for (let cur: number | null = id; cur !== null; cur = byId.get(cur)?.parent ?? null) {
    if (!byId.has(cur) || path.includes(cur)) break;
    path.unshift(cur);
  }
  return path;
}

/**
 * The loops to draw when the user has not chosen: the selected loop and the next loop of its nest (its first
 * child, else its parent), outer first. A single loop without parent or child gives a 1-D space.
 */
export function defaultAxes(
  loops: readonly Pick<ReportLoop, 'id' | 'parent'>[],
  selected: number | null,
): { outer: number; inner: number | null } | null {
  const pick = selected !== null && loops.some((l) => l.id === selected) ? selected : (loops[0]?.id ?? null);
  if (pick === null) return null;
  const child = loops.find((l) => l.parent === pick);
  if (child) return { outer: pick, inner: child.id };
  const parent = loops.find((l) => l.id === pick)?.parent ?? null;
  if (parent !== null) return { outer: parent, inner: pick };
  return { outer: pick, inner: null };
}

type DirSet = { lt: boolean; eq: boolean; gt: boolean };

export function directionSet(text: string): DirSet {
  switch (text) {
    case '<':
      return { lt: true, eq: false, gt: false };
    case '=':
      return { lt: false, eq: true, gt: false };
    case '>':
      return { lt: false, eq: false, gt: true };
    case '<=':
      return { lt: true, eq: true, gt: false };
    case '>=':
      return { lt: false, eq: true, gt: true };
    case '<>':
      return { lt: true, eq: false, gt: true };
    case '*':
      return { lt: true, eq: true, gt: true };
    default:
      return { lt: false, eq: false, gt: false };
  }
}

const allows = (s: DirSet, delta: number): boolean => (delta > 0 ? s.lt : delta < 0 ? s.gt : s.eq);

/** Symbols (not loop variables) mentioned by the bounds of these loops. */
export function boundSymbols(loops: readonly ReportLoop[], ids: readonly number[]): string[] {
  const vars = new Set(loops.map((l) => l.var));
  const out = new Set<string>();
  for (const l of loops.filter((x) => ids.includes(x.id))) {
    for (const text of [l.bounds.start, l.bounds.stop]) for (const n of namesIn(text) ?? []) if (!vars.has(n)) out.add(n);
  }
  return [...out].sort();
}

export function iterationSpace(input: SpaceInput): SpaceResult {
  const byId = new Map(input.loops.map((l) => [l.id, l]));
  const outer = byId.get(input.outer);
  const inner = input.inner === null ? null : byId.get(input.inner);
  if (!outer || inner === undefined) return { ok: false, error: 'Pick loops of one nest to draw.', symbols: {} };
  const innerPath = inner ? nestPath(input.loops, inner.id) : nestPath(input.loops, outer.id);
  if (!innerPath.includes(outer.id))
    return {
      ok: false,
      error: `Loop ${inner!.var} (line ${inner!.line}) is not inside loop ${outer.var} (line ${outer.line}).`,
      symbols: {},
    };
  const drawn = inner ? [outer, inner] : [outer];
  const drawnIds = drawn.map((l) => l.id);
  const fixedLoops = innerPath.filter((id) => !drawnIds.includes(id)).map((id) => byId.get(id)!);
  const symbolNames = boundSymbols(input.loops, innerPath);
  const symbols: Record<string, number> = {};
  for (const s of symbolNames) symbols[s] = input.draw[s] ?? input.defaultValue ?? 6;

  const env = new Map<string, number>(Object.entries(symbols));
  const stepOf = (l: ReportLoop): number | null => (l.bounds.step === null ? null : Number(l.bounds.step));
  const valuesOf = (l: ReportLoop): number[] | string => {
    const start = evaluate(l.bounds.start, env);
    const stop = evaluate(l.bounds.stop, env);
    const step = stepOf(l);
    if (start === null || stop === null)
      return `The bounds of loop ${l.var} (line ${l.line}), range(${l.bounds.start}, ${l.bounds.stop}), are not affine in the drawn values.`;
    if (step === null || !Number.isInteger(step) || step === 0) return `Loop ${l.var} (line ${l.line}) has no constant step.`;
    return (
      rangeValues(start, stop, step, MAX_PER_AXIS) ??
      `Loop ${l.var} (line ${l.line}) has more than ${MAX_PER_AXIS} iterations with these values: lower them.`
    );
  };

  // Fixed loops above the outer drawn loop: pick their values first (outermost first).
  const fixed: FixedLoop[] = [];
  const outerDepthIdx = innerPath.indexOf(outer.id);
  for (const l of fixedLoops.filter((f) => innerPath.indexOf(f.id) < outerDepthIdx)) {
    const vs = valuesOf(l);
    if (typeof vs === 'string') return { ok: false, error: vs, symbols };
    if (vs.length === 0) return { ok: false, error: `Loop ${l.var} (line ${l.line}) runs no iterations with these values.`, symbols };
    const want = input.fixed[String(l.id)];
    const value = want !== undefined && vs.includes(want) ? want : vs[0]!;
    fixed.push({ loop: l.id, var: l.var, value, choices: vs });
    env.set(l.var, value);
  }
  const between = fixedLoops.filter((f) => innerPath.indexOf(f.id) > outerDepthIdx);

  const outerValues = valuesOf(outer);
  if (typeof outerValues === 'string') return { ok: false, error: outerValues, symbols };
  const outerStep = stepOf(outer)!;
  const innerStep = inner ? stepOf(inner)! : 1;

  interface Raw {
    values: number[];
    row: number;
  }
  const raw: Raw[] = [];
  const betweenChoices = new Map<number, Set<number>>();
  for (const [row, vo] of outerValues.entries()) {
    env.set(outer.var, vo);
    if (!inner) {
      raw.push({ values: [vo], row: 0 });
      continue;
    }
    let inSlice = true;
    for (const b of between) {
      const vs = valuesOf(b);
      if (typeof vs === 'string') return { ok: false, error: vs, symbols };
      const set = betweenChoices.get(b.id) ?? new Set<number>();
      vs.forEach((v) => set.add(v));
      betweenChoices.set(b.id, set);
      const want = input.fixed[String(b.id)];
      const value = want !== undefined ? want : (vs[0] ?? Number.NaN);
      if (!vs.includes(value)) inSlice = false;
      env.set(b.var, value);
    }
    if (!inSlice) continue;
    const vs = valuesOf(inner);
    if (typeof vs === 'string') return { ok: false, error: vs, symbols };
    for (const vi of vs) raw.push({ values: [vo, vi], row });
    if (raw.length > MAX_POINTS) return { ok: false, error: `More than ${MAX_POINTS} points with these values: lower them.`, symbols };
  }
  for (const b of between) {
    const choices = [...(betweenChoices.get(b.id) ?? [])].sort((x, y) => x - y);
    const want = input.fixed[String(b.id)];
    fixed.push({ loop: b.id, var: b.var, value: want !== undefined && choices.includes(want) ? want : (choices[0] ?? 0), choices });
  }
  if (raw.length > MAX_POINTS) return { ok: false, error: `More than ${MAX_POINTS} points with these values: lower them.`, symbols };

  // Columns: from the inner value (so triangular spaces look triangular); 1-D: from the outer value.
  const colValues = raw.map((p) => p.values[p.values.length - 1]!);
  const minCol = colValues.length ? Math.min(...colValues) : 0;
  const colStep = Math.abs(inner ? innerStep : outerStep);
  const pts = raw.map((p, k) => ({
    key: p.values.join(','),
    values: p.values,
    col: Math.round((colValues[k]! - minCol) / colStep),
    row: p.row,
  }));
  const drawnSteps = inner ? [outerStep, innerStep] : [outerStep];

  // Dependences: which relate points of this drawing, and how.
  const reducedBy = new Map<number, Set<string>>();
  for (const l of input.loops)
    reducedBy.set(l.id, new Set([...l.reductions.map((r) => r.variable), ...l.privatized.map((p) => p.variable)]));
  const hidden: HiddenDependence[] = [];
  interface Rel {
    dep: ReportDependence;
    /** Per drawn loop: exact distance or allowed directions. */
    levels: { distance: number | null; dirs: DirSet }[];
    removed: boolean;
  }
  const rels: Rel[] = [];
  const nestIds = new Set(innerPath);
  for (const d of input.dependences) {
    if (!d.loops.some((id) => nestIds.has(id))) continue;
    const missing = drawn.filter((l) => !d.loops.includes(l.id));
    if (missing.length > 0) {
      hidden.push({ dep: d.id, reason: `not inside loop ${missing.map((l) => l.var).join(' and ')}` });
      continue;
    }
    const blockedBy = fixedLoops.find((f) => {
      const k = d.loops.indexOf(f.id);
      return k >= 0 && !directionSet(d.direction[k] ?? '*').eq;
    });
    if (blockedBy) {
      hidden.push({ dep: d.id, reason: `carried by the fixed loop ${blockedBy.var}: it links different slices` });
      continue;
    }
    const levels = drawn.map((l) => {
      const k = d.loops.indexOf(l.id);
      return { distance: d.distance[k] ?? null, dirs: directionSet(d.direction[k] ?? '*') };
    });
    const removed = d.carrier !== null && (reducedBy.get(d.carrier)?.has(d.variable) ?? false);
    rels.push({ dep: d, levels, removed });
  }

  const related = (r: Rel, p: (typeof pts)[number], q: (typeof pts)[number]): boolean => {
    let lexSign = 0;
    for (let k = 0; k < r.levels.length; k++) {
      const delta = (q.values[k]! - p.values[k]!) / drawnSteps[k]!;
      const lv = r.levels[k]!;
      if (lv.distance !== null ? delta !== lv.distance : !allows(lv.dirs, delta)) return false;
      if (lexSign === 0) lexSign = Math.sign(delta);
    }
    return lexSign > 0;
  };

  // Execution order: outer value order, then inner (the enumeration order already).
  const steps = new Array<number>(pts.length).fill(0);
  const arrows: SpaceArrow[] = [];
  const arrowKeys = new Set<string>();
  let truncatedArrows = 0;
  const addArrow = (a: SpaceArrow): void => {
    const key = `${a.dep}:${a.from}:${a.to}`;
    if (arrowKeys.has(key)) return;
    if (arrows.length >= MAX_ARROWS) {
      truncatedArrows++;
      return;
    }
    arrowKeys.add(key);
    arrows.push(a);
  };
  for (const r of rels) {
    for (let a = 0; a < pts.length; a++) {
      let drew = false;
      for (let b = a + 1; b < pts.length; b++) {
        if (!related(r, pts[a]!, pts[b]!)) continue;
        if (!r.removed) steps[b] = Math.max(steps[b]!, steps[a]! + 1);
        if (!drew) {
          addArrow({
            dep: r.dep.id,
            kind: r.dep.kind,
            from: pts[a]!.key,
            to: pts[b]!.key,
            witness: false,
            removed: r.removed,
            assumed: r.dep.certainty === 'assumed',
          });
          drew = true;
        }
      }
    }
    // The witness pair, when it lies in this drawing.
    const w = r.dep.witness;
    if (w) {
      const fixedOk = fixed.every((f) => w.source[f.var] === undefined || (w.source[f.var] === f.value && w.sink[f.var] === f.value));
      const from = drawn.map((l) => w.source[l.var]).join(',');
      const to = drawn.map((l) => w.sink[l.var]).join(',');
      if (fixedOk && from !== to && pts.some((p) => p.key === from) && pts.some((p) => p.key === to)) {
        const existing = arrows.findIndex((x) => x.dep === r.dep.id && x.from === from && x.to === to);
        const arrow = {
          dep: r.dep.id,
          kind: r.dep.kind,
          from,
          to,
          witness: true,
          removed: r.removed,
          assumed: r.dep.certainty === 'assumed',
        };
        if (existing >= 0) arrows[existing] = arrow;
        else addArrow(arrow);
      }
    }
  }
  // Steps were accumulated in execution order, which is topological for forward dependences.
  const points: SpacePoint[] = pts.map((p, k) => ({ ...p, step: steps[k]! }));
  return {
    ok: true,
    axes: drawn.map((l) => ({ loop: l.id, var: l.var, line: l.line })),
    points,
    arrows,
    steps: points.length === 0 ? 0 : Math.max(...steps) + 1,
    cols: points.length === 0 ? 0 : Math.max(...points.map((p) => p.col)) + 1,
    rows: inner ? outerValues.length : 1,
    fixed,
    hidden,
    symbols,
    truncatedArrows,
  };
}

export interface PlacedPoint extends SpacePoint {
  readonly x: number;
  readonly y: number;
}

export interface PlacedArrow extends SpaceArrow {
  readonly path: string;
}

export interface SpaceGeometry {
  readonly width: number;
  readonly height: number;
  readonly cell: number;
  readonly left: number;
  readonly top: number;
  readonly points: readonly PlacedPoint[];
  readonly arrows: readonly PlacedArrow[];
  readonly colLabels: readonly { readonly x: number; readonly text: string }[];
  readonly rowLabels: readonly { readonly y: number; readonly text: string }[];
}

const RADIUS = 7;

/** Pixel positions: a grid with `cell` pixels per step; arrows bend slightly so collinear ones stay apart. */
export function placeSpace(space: SpaceOk, cell = 40): SpaceGeometry {
  const left = 76;
  const top = space.axes.length === 1 ? 64 : 40;
  const points: PlacedPoint[] = space.points.map((p) => ({ ...p, x: left + p.col * cell, y: top + p.row * cell }));
  const at = new Map(points.map((p) => [p.key, p]));
  const arrows: PlacedArrow[] = space.arrows.map((a) => {
    const p = at.get(a.from)!;
    const q = at.get(a.to)!;
    const dx = q.x - p.x;
    const dy = q.y - p.y;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const x1 = p.x + ux * RADIUS;
    const y1 = p.y + uy * RADIUS;
    const x2 = q.x - ux * (RADIUS + 2);
    const y2 = q.y - uy * (RADIUS + 2);
    // Bend to the left of the direction of travel; same-row arrows (1-D) arc upward.
    const bend = dy === 0 ? Math.min(0.5 * len, 10 + 0.25 * len) : 0.12 * len;
    const nx = dy === 0 ? 0 : uy;
    const ny = dy === 0 ? -1 : -ux;
    const cx = (x1 + x2) / 2 + nx * bend;
    const cy = (y1 + y2) / 2 + ny * bend;
    const f = (v: number): string => (Math.round(v * 10) / 10).toString();
    return { ...a, path: `M${f(x1)},${f(y1)} Q${f(cx)},${f(cy)} ${f(x2)},${f(y2)}` };
  });
  const byCol = new Map<number, number>();
  for (const p of space.points) if (!byCol.has(p.col)) byCol.set(p.col, p.values[p.values.length - 1]!);
  const byRow = new Map<number, number>();
  if (space.axes.length === 2) for (const p of space.points) if (!byRow.has(p.row)) byRow.set(p.row, p.values[0]!);
  const colLabels = [...byCol].sort((a, b) => a[0] - b[0]).map(([c, v]) => ({ x: left + c * cell, text: String(v) }));
  const rowLabels = [...byRow].sort((a, b) => a[0] - b[0]).map(([r, v]) => ({ y: top + r * cell, text: String(v) }));
  return {
    width: left + Math.max(1, space.cols) * cell + 24,
    height: top + Math.max(1, space.rows) * cell + 8,
    cell,
    left,
    top,
    points,
    arrows,
    colLabels,
    rowLabels,
  };
}
