/**
 * Per-loop verdicts. A loop is parallel when no dependence is carried at its level (Allen & Kennedy
 * Thm 2.8). Carried dependences on a recognised reduction variable make it `reduction`; on scalars that
 * can be privatized, `privatizable`. A carried dependence that is proven (a real pair of iterations)
 * makes it `sequential`; one that is only assumed (undecidable subscripts, unknown calls, …) makes it
 * `unknown` — Loupe never turns "could not decide" into either "parallel" or "sequential".
 */
import type { Loop, LoopId, Obstacle, Program, ValueExpr } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import type { Dependence } from '../deps/dependence.js';
import { msg } from '../explain/messages.js';
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
  /**
   * Carried variables that look like a reduction or a privatizable scalar but are not, under Python's
   * semantics, with the reason (`t += [x]` concatenates a list; `pos` is read after the loop but written
   * under a condition). Explanations quote the first.
   */
  readonly rejected: readonly { readonly variable: string; readonly why: string }[];
  /** Facts about the verdict a reader should know (float reductions may round differently). */
  readonly notes: readonly string[];
}

/** What the runtime stage knows beyond the integer symbols: the names bound to numbers. */
export interface VerdictContext {
  readonly numericNames: ReadonlySet<string>;
  /** The stage's integer symbol values (loop bounds among them). */
  readonly env: ReadonlyMap<string, bigint>;
}
const NO_CONTEXT: VerdictContext = { numericNames: new Set(), env: new Map() };

/** Obstacles whose effect the dependence tests already account for (they make the affected pairs "assumed"). */
const HANDLED_BY_DEPENDENCES: ReadonlySet<Obstacle['kind']> = new Set([
  'non-affine-subscript',
  'indirect-subscript',
  'slice',
  'scalar-in-subscript',
  'non-affine-bound',
]);

export function loopVerdicts(program: Program, deps: readonly Dependence[], context: VerdictContext = NO_CONTEXT): LoopVerdict[] {
  // Grouped once: large files have hundreds of loops and tens of thousands of (conservative) dependences.
  const byCarrier = new Map<LoopId, Dependence[]>();
  for (const d of deps) {
    if (d.carrier === null) continue;
    const list = byCarrier.get(d.carrier);
    if (list) list.push(d);
    else byCarrier.set(d.carrier, [d]);
  }
  return program.loops.map((loop) => verdictFor(program, loop, byCarrier.get(loop.id) ?? [], context));
}

function verdictFor(program: Program, loop: Loop, carried: readonly Dependence[], context: VerdictContext): LoopVerdict {
  const obstacles = loop.obstacles.filter((o) => !HANDLED_BY_DEPENDENCES.has(o.kind));
  const reductions: { variable: string; op: ReductionOp }[] = [];
  const privatized: Privatization[] = [];
  const rejected: { variable: string; why: string }[] = [];
  const notes: string[] = [];
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
      const numeric = reductionOperands(program, loop, variable, isScalar, context);
      if (numeric.ok) {
        reductions.push({ variable, op });
        if (numeric.float && (op === '+' || op === '-' || op === '*'))
          notes.push(msg.floatReassociation(variable, op === '*' ? 'product' : 'sum'));
        continue;
      }
      rejected.push({ variable, why: msg.notNumericReduction(variable, op === '-' ? '+' : op, numeric.why) });
    } else if (isScalar) {
      const priv = privatization(program, loop, variable, context.env);
      if (priv.ok) {
        privatized.push(priv.privatization);
        continue;
      }
      if (priv.why !== null) rejected.push({ variable, why: priv.why });
    }
    for (const d of ds) blocking.push(d);
  }
  let kind: VerdictKind;
  // Code that does not parse, or that `exec`s, decides nothing — not even "sequential".
  if (obstacles.some((o) => o.kind === 'syntax-error' || o.kind === 'dynamic-code')) kind = 'unknown';
  else if (blocking.some((d) => d.certainty === 'proven')) kind = 'sequential';
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
    rejected,
    notes,
  };
}

/**
 * A reduction reorders `x ⊕ e` across iterations, which is only right when ⊕ is commutative and
 * associative on the values involved: numbers (`+` on lists, strings and tuples concatenates in order).
 * Scalars need every binding to give a number, or (runtime stage) a numeric binding; arrays need numeric
 * elements (NumPy arrays, lists of numbers).
 */
function reductionOperands(
  program: Program,
  loop: Loop,
  variable: string,
  isScalar: boolean,
  context: VerdictContext,
): { ok: true; float: boolean } | { ok: false; why: string } {
  const literal = visibleNonNumber(program, loop, variable);
  if (literal !== null) return { ok: false, why: `it is updated with \`${literal}\`, which is not a number` };
  if (isScalar) {
    const info = program.scalars.find((s) => s.name === variable && s.scope === loop.scope);
    if (info === undefined || info.numeric) return { ok: true, float: info?.float ?? true };
    if (context.numericNames.has(variable)) return { ok: true, float: true };
    return { ok: false, why: info.why ?? `\`${variable}\` is not known to hold a number` };
  }
  const arr = program.arrays.find((a) => a.name === variable && a.scope === loop.scope);
  if (arr === undefined || arr.numericElements !== false) return { ok: true, float: true };
  return { ok: false, why: arr.notNumericWhy ?? `the elements of \`${variable}\` are not known to be numbers` };
}

/** A list, tuple, set, dict or string display among the operands of the variable's updates in the loop. */
function visibleNonNumber(program: Program, loop: Loop, variable: string): string | null {
  const find = (v: ValueExpr): string | null => {
    switch (v.kind) {
      case 'opaque':
        return /^\s*(?:[[({]|[rbuf]*['"])/i.test(v.text) ? v.text : null;
      case 'const':
      case 'ref':
      case 'loopvar':
      case 'symbol':
        return null;
      case 'binary':
      case 'compare':
        return find(v.left) ?? find(v.right);
      case 'unary':
        return find(v.operand);
      case 'call':
        return v.args.reduce<string | null>((hit, a) => hit ?? find(a), null);
      case 'select':
        return find(v.test) ?? find(v.then) ?? find(v.orelse);
      default:
        return assertNever(v, 'value expression');
    }
  };
  for (const s of statementsIn(program, loop)) {
    if (s.target === null || s.rhs === null || program.accesses[s.target]!.variable !== variable) continue;
    const hit = find(s.rhs);
    if (hit !== null) return hit;
  }
  return null;
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
  const mine = program.arrays.filter((a) => a.scope === loop.scope && used.has(a.name));
  const params = mine.filter((a) => a.isParameter).map((a) => a.name);
  const inputs = mine.filter((a) => a.isFreeInput).map((a) => a.name);
  const out: string[] = [];
  if (written && params.length >= 2) out.push(`assumes the array parameters ${params.join(', ')} are distinct, non-overlapping arrays`);
  if (written && inputs.length >= 2)
    out.push(`assumes the input arrays ${inputs.join(', ')} (never assigned in this file) are distinct, non-overlapping arrays`);
  // A list's rows may be one object (`[[0.0] * m] * n`): only a NumPy array (or distinct rows) makes `a[i][j]` 2-D.
  const rows = mine.filter((a) => a.rowsAssumed).map((a) => a.name);
  if (rows.length > 0)
    out.push(`assumes ${rows.join(', ')} ${rows.length > 1 ? 'are NumPy arrays' : 'is a NumPy array'} (a list's rows could be one object)`);
  return out;
}
