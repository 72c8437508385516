/**
 * Per-loop verdicts. A loop is parallel when no dependence is carried at its level (Allen & Kennedy
 * Thm 2.8). Carried dependences on a recognised reduction variable make it `reduction`; on scalars that
 * can be privatized, `privatizable`. A carried dependence that is proven (a real pair of iterations)
 * makes it `sequential`; one that is only assumed (undecidable subscripts, unknown calls, …) makes it
 * `unknown` — Loupe never turns "could not decide" into either "parallel" or "sequential".
 */
import type { Loop, LoopId, Obstacle, Program } from '../ir/ir.js';
import type { Dependence } from '../deps/dependence.js';
import { privatization, type Privatization } from '../transforms/privatize.js';
import { reductionOp, statementsIn, type ReductionOp } from '../transforms/reduction.js';

export type VerdictKind = 'parallel' | 'reduction' | 'privatizable' | 'sequential' | 'unknown';

export interface LoopVerdict {
  readonly loop: LoopId;
  readonly kind: VerdictKind;
  /** Dependences carried by this loop (ids). */
  readonly carried: readonly number[];
  /** The carried dependences that decide `sequential`/`unknown` (not explained by reductions or privatization). */
  readonly blocking: readonly number[];
  readonly reductions: readonly { readonly variable: string; readonly op: ReductionOp }[];
  readonly privatized: readonly Privatization[];
  /** Loop-level obstacles that prevent a parallel verdict. */
  readonly obstacles: readonly Obstacle[];
  /** Things assumed for this verdict, e.g. that function-parameter arrays do not overlap. */
  readonly assumptions: readonly string[];
}

/** Obstacles whose effect the dependence tests already account for (they make the affected pairs "assumed"). */
const HANDLED_BY_DEPENDENCES: ReadonlySet<Obstacle['kind']> = new Set([
  'non-affine-subscript',
  'indirect-subscript',
  'slice',
  'scalar-in-subscript',
  'non-affine-bound',
]);

export function loopVerdicts(program: Program, deps: readonly Dependence[]): LoopVerdict[] {
  // Grouped once: large files have hundreds of loops and tens of thousands of (conservative) dependences.
  const byCarrier = new Map<LoopId, Dependence[]>();
  for (const d of deps) {
    if (d.carrier === null) continue;
    const list = byCarrier.get(d.carrier);
    if (list) list.push(d);
    else byCarrier.set(d.carrier, [d]);
  }
  return program.loops.map((loop) => verdictFor(program, loop, byCarrier.get(loop.id) ?? []));
}

function verdictFor(program: Program, loop: Loop, carried: readonly Dependence[]): LoopVerdict {
  const obstacles = loop.obstacles.filter((o) => !HANDLED_BY_DEPENDENCES.has(o.kind));
  const reductions: { variable: string; op: ReductionOp }[] = [];
  const privatized: Privatization[] = [];
  const blocking: Dependence[] = [];
  const byVar = new Map<string, Dependence[]>();
  for (const d of carried) {
    const list = byVar.get(d.variable);
    if (list) list.push(d);
    else byVar.set(d.variable, [d]);
  }
  for (const [variable, ds] of byVar) {
    const isScalar = program.accesses[ds[0]!.source]!.target === 'scalar';
    const op = reductionOp(program, loop, variable);
    if (op !== null) {
      reductions.push({ variable, op });
      continue;
    }
    const priv = isScalar ? privatization(program, loop, variable) : null;
    if (priv) {
      privatized.push(priv);
      continue;
    }
    for (const d of ds) blocking.push(d);
  }
  let kind: VerdictKind;
  if (blocking.some((d) => d.certainty === 'proven')) kind = 'sequential';
  else if (blocking.length > 0 || obstacles.length > 0) kind = 'unknown';
  else if (reductions.length > 0) kind = 'reduction';
  else if (privatized.length > 0) kind = 'privatizable';
  else kind = 'parallel';
  // Proven blockers first, so explanations cite the real dependence.
  blocking.sort((a, b) => (a.certainty === b.certainty ? a.id - b.id : a.certainty === 'proven' ? -1 : 1));
  return {
    loop: loop.id,
    kind,
    carried: carried.map((d) => d.id),
    blocking: blocking.map((d) => d.id),
    reductions,
    privatized,
    obstacles,
    assumptions: aliasAssumptions(program, loop),
  };
}

/** Function-parameter arrays might be the same array passed twice; Loupe assumes they are distinct and says so. */
function aliasAssumptions(program: Program, loop: Loop): string[] {
  const used = new Set<string>();
  let written = false;
  for (const s of statementsIn(program, loop)) {
    for (const id of s.accesses) {
      const a = program.accesses[id]!;
      if (a.target !== 'array') continue;
      used.add(a.variable);
      if (a.mode === 'write') written = true;
    }
  }
  const params = program.arrays.filter((a) => a.scope === loop.scope && a.isParameter && used.has(a.name)).map((a) => a.name);
  if (!written || params.length < 2) return [];
  return [`assumes the array parameters ${params.join(', ')} are distinct, non-overlapping arrays`];
}
