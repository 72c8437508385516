/**
 * Scalar privatization (Allen & Kennedy §5.5): a scalar that every iteration of the loop writes before
 * it reads carries no value between iterations; its loop-carried anti and output dependences vanish when
 * each iteration (each GPU thread) has its own copy. We require every read of the scalar inside the loop
 * to be covered by an unguarded write that runs earlier in the same iteration: a write in the same body as
 * the read, or in an enclosing body (still inside the loop), textually before it. Then no read can see a
 * value from another iteration — "written before read in every iteration" by construction.
 *
 * Copy-out. When the scalar is read anywhere outside the loop (later in the file, in the next iteration of
 * an enclosing `for` or `while`, or in a function reading it as a global: Loupe does not order these, so
 * any read outside counts), the value after the loop must be the last iteration's. That holds only if the last iteration writes it on every path: a write
 * directly in the loop's body (not inside an inner loop, whose trip count may be 0, nor under an `if`, a
 * `try`, or after a `continue`). `if x[i] > t: pos = i` leaves `pos` to the last iteration that passed
 * the test, which a parallel run cannot know: not privatizable.
 *
 * Names outlive a loop in more ways than a later read in the file (Python as it is):
 * - a module-level name (top level of a script or notebook, or a class body) stays in the module's or
 *   class's namespace: the next cell, an importer or `python -i` reads it;
 * - a name some function declares `global` or `nonlocal` is read by code outside that function.
 * Both count as read after the loop, so their copy-out needs a write on every path of the last iteration.
 *
 * A write inside an inner loop still runs on every iteration when each loop between is known to run at
 * least once: constant bounds, or bounds the runtime stage has bound (`env`), with a trip count ≥ 1.
 */
import { evaluate } from '../affine/affine.js';
import type { Loop, LoopId, Program, Statement } from '../ir/ir.js';
import { statementsIn } from './reduction.js';

export interface Privatization {
  readonly variable: string;
  /** Read after the loop: the last iteration's value must be copied out. */
  readonly liveOut: boolean;
}

const isPrefix = (outer: readonly number[], inner: readonly number[]): boolean =>
  outer.length <= inner.length && outer.every((l, k) => inner[k] === l);

/** One scalar's statements inside one loop, in statement order. */
interface ScalarUse {
  /** Statements that read it, in order. */
  readonly reads: Statement[];
  /** Statements that write it outside any guard (the only ones that can cover a read). */
  readonly unguardedWrites: Statement[];
  /** Written anywhere in the loop, guarded or not. */
  written: boolean;
}

/**
 * Indexes built once per program and loop: verdicts ask about every carried scalar of every loop, and
 * large files have hundreds of loops over thousands of statements, so a scan per question is quadratic.
 */
interface Indexes {
  readonly byLoop: Map<LoopId, Map<string, ScalarUse>>;
  /** Per variable, the statements reading it (any target), for the live-out test. */
  readonly readers: Map<string, Statement[]>;
}
const indexes = new WeakMap<Program, Indexes>();

function indexesOf(program: Program): Indexes {
  let ix = indexes.get(program);
  if (ix === undefined) {
    const readers = new Map<string, Statement[]>();
    for (const s of program.statements) {
      for (const id of s.accesses) {
        const a = program.accesses[id]!;
        if (a.mode !== 'read') continue;
        const list = readers.get(a.variable);
        if (list === undefined) readers.set(a.variable, [s]);
        else if (list[list.length - 1] !== s) list.push(s);
      }
    }
    ix = { byLoop: new Map(), readers };
    indexes.set(program, ix);
  }
  return ix;
}

function scalarUses(program: Program, loop: Loop): Map<string, ScalarUse> {
  const ix = indexesOf(program);
  let uses = ix.byLoop.get(loop.id);
  if (uses === undefined) {
    uses = new Map();
    for (const s of statementsIn(program, loop)) {
      for (const id of s.accesses) {
        const a = program.accesses[id]!;
        if (a.target !== 'scalar') continue;
        let u = uses.get(a.variable);
        if (u === undefined) {
          u = { reads: [], unguardedWrites: [], written: false };
          uses.set(a.variable, u);
        }
        if (a.mode === 'write') u.written = true;
        const list = a.mode === 'read' ? u.reads : s.guarded ? null : u.unguardedWrites;
        if (list !== null && list[list.length - 1] !== s) list.push(s);
      }
    }
    ix.byLoop.set(loop.id, uses);
  }
  return uses;
}

export type PrivatizationResult =
  { readonly ok: true; readonly privatization: Privatization } | { readonly ok: false; readonly why: string | null };

export function privatization(
  program: Program,
  loop: Loop,
  variable: string,
  env: ReadonlyMap<string, bigint> = new Map(),
): PrivatizationResult {
  const use = scalarUses(program, loop).get(variable);
  // Not a scalar of this loop, or only read in it: nothing to privatize.
  if (use === undefined || !use.written) return { ok: false, why: null };
  for (const r of use.reads) {
    // Reads in a statement come before its own write, so the covering write must be an earlier statement.
    const covered = use.unguardedWrites.some((w) => w.order < r.order && isPrefix(w.loops, r.loops) && w.loops.includes(loop.id));
    if (!covered) return { ok: false, why: null };
  }
  const escapes = escapeReason(program, loop, variable);
  const liveOut = escapes !== null || (indexesOf(program).readers.get(variable) ?? []).some((s) => !s.loops.includes(loop.id));
  if (liveOut) {
    const depth = loop.outer.length + 1;
    const everyIteration = use.unguardedWrites.some(
      (w) => w.loops[depth - 1] === loop.id && w.loops.slice(depth).every((inner) => runsAtLeastOnce(program.loops[inner]!, env)),
    );
    if (!everyIteration) {
      return {
        ok: false,
        why: `\`${variable}\` ${escapes ?? 'is used after the loop'}, but the last iteration may not write it (${
          use.unguardedWrites.length > 0 ? 'its writes are inside an inner loop that may not run' : 'its writes are under a condition'
        }), so its final value is the last write that happened, which the iterations cannot know when run in parallel`,
      };
    }
  }
  return { ok: true, privatization: { variable, liveOut } };
}

/** Why the scalar is visible after the loop even with no read of it in the file, or null. */
function escapeReason(program: Program, loop: Loop, variable: string): string | null {
  if (program.escapingNames.has(variable)) return 'is declared `global` or `nonlocal`, so code outside the function sees it after the loop';
  if (loop.scope === '<module>')
    return 'is a module-level name, so it stays visible after the loop (to a later cell, an importer or the REPL)';
  return null;
}

/** The loop's trip count is known and positive (its bounds do not depend on an enclosing loop's counter). */
function runsAtLeastOnce(loop: Loop, env: ReadonlyMap<string, bigint>): boolean {
  if (loop.start.kind !== 'affine' || loop.stop.kind !== 'affine' || loop.step === null) return false;
  const start = evaluate(loop.start.expr, env);
  const stop = evaluate(loop.stop.expr, env);
  if (start === null || stop === null) return false;
  return loop.step > 0n ? stop > start : stop < start;
}
