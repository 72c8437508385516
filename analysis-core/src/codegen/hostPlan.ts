/**
 * The host launch plan as data: buffers (dtype, shape, role), scalar values, and the steps — launches with
 * their grid, block and arguments, host loops around them, host-only nests.
 *
 * Grid extents: a grid loop's bounds may depend on outer grid loops (triangular nests) or host-loop
 * variables (a launch inside a time loop), so each dimension covers the largest trip count over every
 * value those variables take (interval arithmetic on the affine bounds); threads past a loop's actual
 * stop do nothing. Blocks: 256 threads — 256 (1-D), 32×8 (2-D, 32 along x for coalescing), 8×8×4 (3-D).
 */
import * as Aff from '../affine/affine.js';
import type { Loop } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import type { ArgSource, Cell, EmittedKernel } from './cudaKernel.js';
import type { HostPlan, PlanArg, PlanArray, PlanLaunch, PlanStep } from './plan.js';
import type { ArrayDesc, ScopeInfo } from './scopeInfo.js';
import type { KernelSpec, Piece } from './structure.js';
import { unsupported } from './unsupported.js';

type Interval = readonly [bigint, bigint];

const BLOCKS: Readonly<Record<number, readonly [number, number, number]>> = {
  0: [1, 1, 1],
  1: [256, 1, 1],
  2: [32, 8, 1],
  3: [8, 8, 4],
};

/** Grid-dimension limits of every CUDA device since compute capability 3.0. */
const MAX_GRID: readonly [number, number, number] = [2 ** 31 - 1, 65535, 65535];

/** Values missing from the bindings are collected, not thrown: the plan then says what to bind. */
export class Missing {
  readonly names = new Set<string>();
}

function interval(
  a: Aff.Affine,
  ranges: ReadonlyMap<string, Interval>,
  env: ReadonlyMap<string, bigint>,
  missing: Missing,
): Interval | null {
  let lo = a.constant;
  let hi = a.constant;
  for (const t of a.terms) {
    const r = ranges.get(t.name) ?? (env.has(t.name) ? ([env.get(t.name)!, env.get(t.name)!] as const) : null);
    if (r === null) {
      missing.names.add(t.name);
      return null;
    }
    const [x, y] = t.coeff >= 0n ? [r[0], r[1]] : [r[1], r[0]];
    lo += t.coeff * x;
    hi += t.coeff * y;
  }
  return [lo, hi];
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a <= 0n ? 0n : (a + b - 1n) / b);

/** The values a loop's variable can take, and its largest trip count, given intervals of outer variables. */
function loopRange(
  l: Loop,
  ranges: ReadonlyMap<string, Interval>,
  env: ReadonlyMap<string, bigint>,
  missing: Missing,
): { values: Interval; maxTrip: bigint } | null {
  if (l.start.kind !== 'affine' || l.stop.kind !== 'affine' || l.step === null) return null;
  const s = interval(l.start.expr, ranges, env, missing);
  const e = interval(l.stop.expr, ranges, env, missing);
  if (s === null || e === null) return null;
  const k = l.step;
  if (k > 0n) return { values: [s[0], e[1] - 1n], maxTrip: ceilDiv(e[1] - s[0], k) };
  return { values: [e[0] + 1n, s[1]], maxTrip: ceilDiv(s[1] - e[0], -k) };
}

export function launchGeometry(
  info: ScopeInfo,
  spec: KernelSpec,
  missing: Missing,
): { grid: [number, number, number]; block: [number, number, number] } | null {
  const ranges = new Map<string, Interval>();
  let complete = true;
  for (const h of spec.hostLoops) {
    const r = loopRange(h, ranges, info.env, missing);
    if (r === null) complete = false;
    else ranges.set(h.var, r.values);
  }
  const extents: bigint[] = [];
  for (const g of spec.grid) {
    const r = loopRange(g, ranges, info.env, missing);
    if (r === null) {
      complete = false;
      continue;
    }
    ranges.set(g.var, r.values);
    extents.push(r.maxTrip);
  }
  if (!complete) return null;
  const block = BLOCKS[spec.grid.length]!;
  // x is the innermost grid loop.
  const ext = [...extents].reverse();
  const grid: [number, number, number] = [1, 1, 1];
  for (let d = 0; d < ext.length; d++) {
    const blocks = Number(ceilDiv(ext[d]!, BigInt(block[d]!)));
    if (blocks > MAX_GRID[d]!) unsupported(`${blocks} blocks along ${'xyz'[d]} exceed CUDA's grid limit`);
    grid[d] = Math.max(1, blocks);
  }
  return { grid, block: [...block] };
}

export function planArgs(info: ScopeInfo, k: EmittedKernel, missing: Missing): PlanArg[] {
  return k.params.map(({ source }) => argOf(info, source, missing));
}

function argOf(info: ScopeInfo, s: ArgSource, missing: Missing): PlanArg {
  switch (s.kind) {
    case 'array':
      return { kind: 'array', name: s.name };
    case 'cell':
      return { kind: 'array', name: s.plan };
    case 'int': {
      const v = info.env.get(s.name);
      if (v === undefined) missing.names.add(s.name);
      return { kind: 'int', name: s.name, value: v === undefined ? 0 : Number(v) };
    }
    case 'float': {
      const v = info.bindings.floats.get(s.name) ?? (info.bindings.ints.has(s.name) ? Number(info.bindings.ints.get(s.name)) : undefined);
      if (v === undefined) missing.names.add(s.name);
      return { kind: 'float', name: s.name, value: v ?? 0 };
    }
    case 'loopvar':
      return { kind: 'loopvar', name: s.name };
    default:
      return assertNever(s, 'argument source');
  }
}

/** Host-loop bounds are plain numbers in the plan: they may use symbols, not other loops' variables. */
export function hostLoopBounds(info: ScopeInfo, l: Loop, missing: Missing): { start: number; stop: number; step: number } {
  const ev = (b: Loop['start']): number => {
    if (b.kind !== 'affine') return unsupported(`loop \`${l.var}\` has a non-affine bound`);
    const v = Aff.evaluate(b.expr, info.env);
    if (v === null) {
      for (const t of b.expr.terms) if (!info.env.has(t.name)) missing.names.add(t.name);
      return 0;
    }
    return Number(v);
  };
  return { start: ev(l.start), stop: ev(l.stop), step: Number(l.step ?? 1n) };
}

export function planSteps(
  info: ScopeInfo,
  pieces: readonly Piece[],
  kernels: ReadonlyMap<string, EmittedKernel>,
  missing: Missing,
): PlanStep[] {
  const launch = (spec: KernelSpec): PlanLaunch => {
    const k = kernels.get(spec.name)!;
    const geo = launchGeometry(info, spec, missing) ?? { grid: [1, 1, 1] as const, block: BLOCKS[spec.grid.length]! };
    return { kind: 'launch', kernel: spec.name, grid: geo.grid, block: geo.block, args: planArgs(info, k, missing) };
  };
  const steps = (ps: readonly Piece[]): PlanStep[] =>
    ps.map((p): PlanStep => {
      switch (p.kind) {
        case 'launch':
          return launch(p.spec);
        case 'host-loop':
          return { kind: 'host-loop', var: p.loop.var, ...hostLoopBounds(info, p.loop, missing), body: steps(p.body) };
        case 'host-only':
          return p.serial
            ? { kind: 'host-only', loop: p.loop?.id ?? -1, reason: p.reason, fallback: launch(p.serial) }
            : { kind: 'host-only', loop: p.loop?.id ?? -1, reason: p.reason };
        default:
          return assertNever(p, 'piece');
      }
    });
  return steps(pieces);
}

/** Every array the scope touches (the Python baseline needs them all), with its role over the whole scope. */
export function planArrays(info: ScopeInfo, missing: Missing): PlanArray[] {
  const reads = new Set<string>();
  const writes = new Set<string>();
  for (const s of info.statements) {
    for (const id of s.accesses) {
      const a = info.program.accesses[id]!;
      if (a.target !== 'array') continue;
      (a.mode === 'read' ? reads : writes).add(a.variable);
    }
  }
  const out: PlanArray[] = [];
  for (const desc of orderedArrays(info)) {
    const b = info.bindings.arrays.get(desc.name);
    if (!b) missing.names.add(desc.name);
    const role = reads.has(desc.name) && writes.has(desc.name) ? 'inout' : writes.has(desc.name) ? 'out' : 'in';
    out.push({ name: desc.name, dtype: desc.dtype, shape: (b?.shape ?? []).map(Number), role });
  }
  return out;
}

export function orderedArrays(info: ScopeInfo): ArrayDesc[] {
  const pos = (n: string): number => {
    const i = info.scope.params.indexOf(n);
    return i < 0 ? Infinity : i;
  };
  return [...info.arrays.values()].sort((a, b) => pos(a.name) - pos(b.name) || (a.name < b.name ? -1 : 1));
}

export function cellArrays(cells: ReadonlyMap<string, Cell>): PlanArray[] {
  return [...cells.values()].map((c) => ({ name: c.plan, dtype: c.dtype, shape: [1], role: 'out', scalar: true }));
}

/** Scalar arguments of the scope: symbols read anywhere (not extents, which come with the arrays). */
export function scopeSymbols(info: ScopeInfo): string[] {
  const names = new Set<string>();
  const noteAffine = (a: Aff.Affine): void => a.terms.forEach((t) => names.add(t.name));
  const loopVars = new Set(info.loops.map((l) => l.var));
  for (const l of info.loops) {
    if (l.start.kind === 'affine') noteAffine(l.start.expr);
    if (l.stop.kind === 'affine') noteAffine(l.stop.expr);
  }
  const visit = (v: import('../ir/ir.js').ValueExpr): void => {
    switch (v.kind) {
      case 'symbol':
        names.add(v.name);
        return;
      case 'binary':
      case 'compare':
        visit(v.left);
        visit(v.right);
        return;
      case 'unary':
        visit(v.operand);
        return;
      case 'select':
        visit(v.test);
        visit(v.then);
        visit(v.orelse);
        return;
      case 'call':
        v.args.forEach(visit);
        return;
      case 'const':
      case 'ref':
      case 'loopvar':
      case 'opaque':
        return;
      default:
        assertNever(v, 'value expression');
    }
  };
  for (const s of info.statements) {
    if (s.rhs) visit(s.rhs);
    for (const id of s.accesses) for (const sub of info.program.accesses[id]!.subscripts) if (sub.kind === 'affine') noteAffine(sub.expr);
  }
  const pos = (n: string): number => {
    const i = info.scope.params.indexOf(n);
    return i < 0 ? Infinity : i;
  };
  // A bound array passed whole to a call reads as a name, not an element: it is not a scalar argument.
  return [...names]
    .filter((n) => !n.includes('.shape[') && !loopVars.has(n) && !info.locals.has(n) && !info.arrays.has(n) && !info.bindings.arrays.has(n))
    .sort((a, b) => pos(a) - pos(b) || (a < b ? -1 : 1));
}

export function planScalars(info: ScopeInfo, missing: Missing): HostPlan['scalars'] {
  return scopeSymbols(info).map((name) => {
    const f = info.bindings.floats.get(name);
    if (f !== undefined) return { name, kind: 'float' as const, value: f };
    const i = info.bindings.ints.get(name);
    if (i === undefined) missing.names.add(name);
    return { name, kind: 'int' as const, value: i === undefined ? 0 : Number(i) };
  });
}
