/**
 * Reduction recognition (Allen & Kennedy §5.7; Padua & Wolfe): a variable whose every access inside
 * the loop is the read-and-write of one update statement `x = x ⊕ e` (⊕ associative and commutative:
 * +, −, *, min, max, &, |, ^), with `e` not reading `x`. For an array element, its subscripts must not
 * mention the loop's variable (the same element in every iteration). Then the loop's iterations may run
 * in any order, combining partial results — parallel as a reduction.
 */
import * as A from '../affine/affine.js';
import type { Access, Loop, Program, Statement, UpdateShape } from '../ir/ir.js';

export type ReductionOp = Extract<UpdateShape, { kind: 'update' }>['op'];

/** `+` and `−` updates mix (both are sums); everything else must match exactly. */
const family = (op: ReductionOp): string => (op === '-' ? '+' : op);

const bodies = new WeakMap<Program, Map<Loop['id'], readonly Statement[]>>();

/**
 * The statements inside `loop`, in program order. Memoised per program: verdicts ask for every (loop,
 * variable) pair, and a large file has hundreds of loops and thousands of statements.
 */
export function statementsIn(program: Program, loop: Loop): readonly Statement[] {
  let byLoop = bodies.get(program);
  if (byLoop === undefined) {
    byLoop = new Map();
    for (const l of program.loops) byLoop.set(l.id, []);
    for (const s of program.statements) for (const l of s.loops) (byLoop.get(l) as Statement[] | undefined)?.push(s);
    bodies.set(program, byLoop);
  }
  return byLoop.get(loop.id) ?? [];
}

/** A statement of the loop and its accesses to one variable, in access order. */
interface VariableUse {
  readonly stmt: Statement;
  readonly mine: readonly Access[];
}

const usesByLoop = new WeakMap<Program, Map<Loop['id'], ReadonlyMap<string, readonly VariableUse[]>>>();

/**
 * Per variable, the statements of `loop` that access it (program order) with those accesses. Memoised per
 * (program, loop): a loop of a large function carries dependences on dozens of variables, and scanning
 * (and copying) every statement's accesses once per variable was 3 % of the analysis of the corpus's
 * largest file (geostats.py, profiled warm).
 */
function usesIn(program: Program, loop: Loop): ReadonlyMap<string, readonly VariableUse[]> {
  let byLoop = usesByLoop.get(program);
  if (byLoop === undefined) usesByLoop.set(program, (byLoop = new Map()));
  let uses = byLoop.get(loop.id);
  if (uses === undefined) {
    const grouped = new Map<string, { stmt: Statement; mine: Access[] }[]>();
    for (const stmt of statementsIn(program, loop)) {
      for (const id of stmt.accesses) {
        const a = program.accesses[id]!;
        let list = grouped.get(a.variable);
        if (list === undefined) grouped.set(a.variable, (list = []));
        const last = list[list.length - 1];
        if (last !== undefined && last.stmt === stmt) last.mine.push(a);
        else list.push({ stmt, mine: [a] });
      }
    }
    byLoop.set(loop.id, (uses = grouped));
  }
  return uses;
}

export function reductionOp(program: Program, loop: Loop, variable: string): ReductionOp | null {
  let op: ReductionOp | null = null;
  for (const { stmt, mine } of usesIn(program, loop).get(variable) ?? []) {
    if (stmt.shape.kind !== 'update' || stmt.target === null) return null;
    const target = program.accesses[stmt.target]!;
    if (target.variable !== variable) return null;
    if (mine.length !== 2 || !mine.some((a) => a.mode === 'read') || !mine.some((a) => a.mode === 'write')) return null;
    const [r, w] = [mine.find((a) => a.mode === 'read')!, mine.find((a) => a.mode === 'write')!];
    if (r.subscripts.length !== w.subscripts.length) return null;
    for (let d = 0; d < r.subscripts.length; d++) {
      const a = r.subscripts[d]!;
      const b = w.subscripts[d]!;
      if (a.kind !== 'affine' || b.kind !== 'affine' || !A.equals(a.expr, b.expr)) return null;
      if (A.mentions(a.expr, loop.var)) return null;
    }
    if (op !== null && family(op) !== family(stmt.shape.op)) return null;
    op = stmt.shape.op;
  }
  return op;
}
