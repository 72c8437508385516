/**
 * Which code runs where. For each top-level region of a scope:
 * - a loop whose verdict lets its iterations run concurrently becomes a kernel; up to three perfectly
 *   nested such loops become its grid dimensions, everything inside stays sequential in each thread;
 * - a loop that must stay sequential but contains such loops becomes a host loop around their launches
 *   (jacobi's time loop); what else it contains runs as one-thread ("serial") kernels in program order, so
 *   the plan stays executable on the device without copying data back to the host each iteration;
 * - a nest with no parallel loop is `host-only` (it also gets a serial kernel, so runners that must execute
 *   the whole function on the device can);
 * - statements outside loops run as serial kernels.
 * A reduction loop becomes a grid loop only when nothing better exists: an outer parallel loop keeps inner
 * reductions sequential (gemm's k), and a reduction loop whose body is one parallel loop becomes a host loop
 * instead (its inner loop is then the kernel and no atomics are needed).
 */
import type { Loop, LoopId, Obstacle, Region } from '../ir/ir.js';
import type { ReductionOp } from '../transforms/reduction.js';
import type { Privatization } from '../transforms/privatize.js';
import type { LoopVerdict } from '../verdict/verdict.js';
import { loopsUnder } from './regions.js';
import { stmtRole, type ScopeInfo } from './scopeInfo.js';
import { Unsupported, unsupported } from './unsupported.js';

export interface KernelSpec {
  readonly name: string;
  readonly kind: 'grid' | 'serial';
  /** The outermost loop this kernel implements; -1 for statements outside every loop. */
  readonly nest: LoopId;
  /** Grid loops, outermost first (empty for serial kernels). */
  readonly grid: readonly Loop[];
  /** What each thread runs: the innermost grid loop's body, or the serial kernel's regions. */
  readonly body: readonly Region[];
  /** Enclosing host loops (their variables are kernel arguments). */
  readonly hostLoops: readonly Loop[];
  readonly reductions: readonly { readonly variable: string; readonly op: ReductionOp }[];
  readonly privatized: readonly Privatization[];
}

export type Piece =
  | { readonly kind: 'launch'; readonly spec: KernelSpec }
  | { readonly kind: 'host-loop'; readonly loop: Loop; readonly body: readonly Piece[] }
  | {
      readonly kind: 'host-only';
      readonly loop: Loop | null;
      /** What it covers (for deciding which scalars other kernels share with it). */
      readonly regions: readonly Region[];
      readonly reason: string;
      readonly serial: KernelSpec | null;
    };

/** Obstacles that make a loop's code impossible to reproduce faithfully (its iteration count or its statements). */
const BLOCKING: ReadonlySet<Obstacle['kind']> = new Set([
  'not-range',
  'non-affine-bound',
  'non-constant-step',
  'zero-step',
  'while',
  'break',
  'unknown-call',
  'alias',
  'loop-var-assigned',
  'unsupported-statement',
  'unsupported-expression',
]);

export interface Planner {
  /** Throws Unsupported when `spec` cannot be emitted (checked by emitting it once). */
  readonly validate: (spec: KernelSpec) => void;
}

export function checkLoopHeader(loop: Loop): void {
  const o = loop.obstacles.find((x) => BLOCKING.has(x.kind));
  if (o) unsupported(`loop \`${loop.var}\` (line ${loop.line}): ${o.message}`);
  if (loop.start.kind !== 'affine' || loop.stop.kind !== 'affine' || loop.step === null || loop.step === 0n) {
    unsupported(`loop \`${loop.var}\` (line ${loop.line}) does not count over range() with affine bounds and a constant step`);
  }
}

const isParallelKind = (v: LoopVerdict): boolean => v.kind === 'parallel' || v.kind === 'privatizable';

export function planScope(info: ScopeInfo, planner: Planner): Piece[] {
  const names = new Set<string>();
  const uniqueName = (base: string): string => {
    let n = base;
    for (let k = 2; names.has(n); k++) n = `${base}_${k}`;
    names.add(n);
    return n;
  };
  const scopeName = scopeIdentifier(info.scope.name);
  const verdict = (l: Loop): LoopVerdict => info.verdicts[l.id]!;
  const headerOk = (l: Loop): boolean => {
    try {
      checkLoopHeader(l);
      return true;
    } catch (e) {
      if (e instanceof Unsupported) return false;
      throw e;
    }
  };

  const singleLoop = (body: readonly Region[]): Loop | null => {
    const only = body.length === 1 ? body[0]! : null;
    return only !== null && only.kind === 'loop' ? only : null;
  };

  /** Grid loops rooted at `l`, or null when `l` should not be a kernel's outermost grid loop. */
  const gridChain = (l: Loop): Loop[] | null => {
    if (!headerOk(l)) return null;
    const v = verdict(l);
    let reductionRoot = false;
    if (!isParallelKind(v)) {
      if (v.kind !== 'reduction') return null;
      const only = singleLoop(l.body);
      // A reduction around one parallel loop: better as a host loop launching that loop (no atomics).
      if (only !== null && isParallelKind(verdict(only)) && headerOk(only)) return null;
      reductionRoot = true;
    }
    const chain = [l];
    for (let next = singleLoop(l.body); next !== null && chain.length < 3; next = singleLoop(next.body)) {
      const nv = verdict(next);
      const ok = isParallelKind(nv) || (reductionRoot && nv.kind === 'reduction');
      if (!ok || !headerOk(next)) break;
      chain.push(next);
    }
    return chain;
  };

  const hasCandidate = (l: Loop): boolean => loopsUnder(l.body).some((m) => gridChain(m) !== null);

  const gridSpec = (chain: readonly Loop[], hostLoops: readonly Loop[]): KernelSpec => {
    const vs = chain.map(verdict);
    const reductions = new Map<string, ReductionOp>();
    for (const v of vs) for (const r of v.reductions) if (!reductions.has(r.variable)) reductions.set(r.variable, r.op);
    const privatized = new Map<string, Privatization>();
    for (const v of vs)
      for (const p of v.privatized)
        privatized.set(p.variable, { variable: p.variable, liveOut: p.liveOut || (privatized.get(p.variable)?.liveOut ?? false) });
    const root = chain[0]!;
    return {
      name: uniqueName(`${scopeName}_L${root.line}`),
      kind: 'grid',
      nest: root.id,
      grid: chain,
      body: chain[chain.length - 1]!.body,
      hostLoops,
      reductions: [...reductions].map(([variable, op]) => ({ variable, op })),
      privatized: [...privatized.values()],
    };
  };

  const serialSpec = (regions: readonly Region[], hostLoops: readonly Loop[], nest: LoopId, line: number): KernelSpec => ({
    name: uniqueName(`${scopeName}_L${line}_serial`),
    kind: 'serial',
    nest,
    grid: [],
    body: regions,
    hostLoops,
    reductions: [],
    privatized: [],
  });

  const regionLine = (r: Region): number => (r.kind === 'stmt' ? info.program.statements[r.id]!.line : r.range.start.line);

  /** Regions with something to execute (a `return x` or a loop header's reads alone need no kernel). */
  const hasWork = (regions: readonly Region[]): boolean =>
    regions.some((r) => r.kind !== 'stmt' || stmtRole(info, info.program.statements[r.id]!).kind !== 'skip');

  const validated = (spec: KernelSpec): KernelSpec => {
    planner.validate(spec);
    return spec;
  };

  /** A loop inside host loops (or at the top): throws Unsupported when it cannot be generated. */
  const planLoop = (l: Loop, hostLoops: readonly Loop[]): Piece => {
    const chain = gridChain(l);
    if (chain !== null) return { kind: 'launch', spec: validated(gridSpec(chain, hostLoops)) };
    if (hasCandidate(l)) {
      checkLoopHeader(l);
      // The plan's host loops have numeric bounds: they may use sizes, not an enclosing loop's variable.
      const outer = new Set(hostLoops.map((h) => h.var));
      const bounds = [l.start, l.stop].flatMap((b) => (b.kind === 'affine' ? b.expr.terms.map((t) => t.name) : []));
      const dependent = bounds.find((n) => outer.has(n));
      if (dependent !== undefined)
        unsupported(`loop \`${l.var}\` (line ${l.line}) has bounds that depend on the enclosing loop \`${dependent}\``);
      return { kind: 'host-loop', loop: l, body: planBody(l.body, [...hostLoops, l]) };
    }
    return unsupported(noParallelReason(l));
  };

  const noParallelReason = (l: Loop): string => {
    const v = verdict(l);
    const obstacle = v.obstacles[0] ?? l.obstacles[0];
    const why = obstacle ? `: ${obstacle.message}` : '';
    return `no loop of the nest at line ${l.line} can run in parallel (loop \`${l.var}\` is ${v.kind}${why})`;
  };

  /** The body of a host loop: launches for parallel sub-nests, serial kernels for the rest, in program order. */
  const planBody = (regions: readonly Region[], hostLoops: readonly Loop[]): Piece[] => {
    const pieces: Piece[] = [];
    let pending: Region[] = [];
    const flush = (): void => {
      if (!hasWork(pending)) {
        pending = [];
        return;
      }
      const nest = hostLoops[0]?.id ?? -1;
      pieces.push({ kind: 'launch', spec: validated(serialSpec(pending, hostLoops, nest, regionLine(pending[0]!))) });
      pending = [];
    };
    for (const r of regions) {
      if (r.kind === 'loop' && (gridChain(r) !== null || hasCandidate(r))) {
        flush();
        pieces.push(planLoop(r, hostLoops));
      } else {
        pending.push(r);
      }
    }
    flush();
    return pieces;
  };

  const insideWhile = (r: Region): boolean => {
    const range = r.kind === 'stmt' ? info.program.statements[r.id]!.range : r.range;
    return info.whileRanges.some((w) => range.startOffset >= w.startOffset && range.endOffset <= w.endOffset);
  };

  // Top level: each loop nest on its own; statements between nests grouped into serial kernels.
  const pieces: Piece[] = [];
  let pending: Region[] = [];
  const flushTop = (): void => {
    if (!hasWork(pending)) {
      pending = [];
      return;
    }
    const regions = pending;
    pending = [];
    try {
      pieces.push({ kind: 'launch', spec: validated(serialSpec(regions, [], -1, regionLine(regions[0]!))) });
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      pieces.push({ kind: 'host-only', loop: null, regions, reason: e.message, serial: null });
    }
  };
  for (const r of info.scope.body) {
    if (insideWhile(r)) {
      flushTop();
      const reason = 'inside a `while` loop, which code generation does not reproduce';
      pieces.push({ kind: 'host-only', loop: r.kind === 'loop' ? r : null, regions: [r], reason, serial: null });
      continue;
    }
    if (r.kind !== 'loop') {
      pending.push(r);
      continue;
    }
    flushTop();
    try {
      pieces.push(planLoop(r, []));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      let serial: KernelSpec | null = null;
      try {
        checkLoopHeader(r);
        serial = validated(serialSpec([r], [], r.id, r.line));
      } catch (e2) {
        if (!(e2 instanceof Unsupported)) throw e2;
      }
      pieces.push({ kind: 'host-only', loop: r, regions: [r], reason: e.message, serial });
    }
  }
  flushTop();
  return pieces;
}

/** A scope's name as an identifier part: `<module>` → `module`, `f#2` (a redefinition) → `f_2`. */
export function scopeIdentifier(name: string): string {
  return name === '<module>' ? 'module' : name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Every kernel spec of a plan, in program order (host-only serial fallbacks included). */
export function specsOf(pieces: readonly Piece[]): KernelSpec[] {
  const out: KernelSpec[] = [];
  const visit = (ps: readonly Piece[]): void => {
    for (const p of ps) {
      if (p.kind === 'launch') out.push(p.spec);
      else if (p.kind === 'host-loop') visit(p.body);
      else if (p.serial) out.push(p.serial);
    }
  };
  visit(pieces);
  return out;
}
