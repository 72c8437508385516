/**
 * Scalar privatization (Allen & Kennedy §5.5): a scalar that every iteration of the loop writes before
 * it reads carries no value between iterations; its loop-carried anti and output dependences vanish when
 * each iteration (each GPU thread) has its own copy. We require every read of the scalar inside the loop
 * to be covered by an unguarded write that runs earlier in the same iteration: a write in the same body as
 * the read, or in an enclosing body (still inside the loop), textually before it. Then no read can see a
 * value from another iteration — "written before read in every iteration" by construction.
 */
import type { Loop, Program, Statement } from '../ir/ir.js';
import { statementsIn } from './reduction.js';

export interface Privatization {
  readonly variable: string;
  /** Read after the loop: the last iteration's value must be copied out. */
  readonly liveOut: boolean;
}

const isPrefix = (outer: readonly number[], inner: readonly number[]): boolean =>
  outer.length <= inner.length && outer.every((l, k) => inner[k] === l);

export function privatization(program: Program, loop: Loop, variable: string): Privatization | null {
  const stmts = statementsIn(program, loop);
  const touches = (s: Statement, mode: 'read' | 'write') =>
    s.accesses.some((id) => {
      const a = program.accesses[id]!;
      return a.variable === variable && a.target === 'scalar' && a.mode === mode;
    });
  const writes = stmts.filter((s) => touches(s, 'write') && !s.guarded);
  let any = false;
  for (const r of stmts) {
    if (touches(r, 'write')) any = true;
    if (!touches(r, 'read')) continue;
    // Reads in a statement come before its own write, so the covering write must be an earlier statement.
    const covered = writes.some((w) => w.order < r.order && isPrefix(w.loops, r.loops) && w.loops.includes(loop.id));
    if (!covered) return null;
  }
  if (!any) return null;
  const lastLine = loop.range.end.line;
  const liveOut = program.statements.some(
    (s) =>
      s.line > lastLine &&
      s.loops.every((l) => l !== loop.id) &&
      s.accesses.some((id) => program.accesses[id]!.variable === variable && program.accesses[id]!.mode === 'read'),
  );
  return { variable, liveOut };
}
