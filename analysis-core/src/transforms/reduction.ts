/**
 * Reduction recognition (Allen & Kennedy §5.7; Padua & Wolfe): a variable whose every access inside
 * the loop is the read-and-write of one update statement `x = x ⊕ e` (⊕ associative and commutative:
 * +, −, *, min, max, &, |, ^), with `e` not reading `x`. For an array element, its subscripts must not
 * mention the loop's variable (the same element in every iteration). Then the loop's iterations may run
 * in any order, combining partial results — parallel as a reduction.
 */
import * as A from '../affine/affine.js';
import type { Loop, Program, Statement, UpdateShape } from '../ir/ir.js';

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

export function reductionOp(program: Program, loop: Loop, variable: string): ReductionOp | null {
  let op: ReductionOp | null = null;
  for (const stmt of statementsIn(program, loop)) {
    const mine = stmt.accesses.map((id) => program.accesses[id]!).filter((a) => a.variable === variable);
    if (mine.length === 0) continue;
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
