/**
 * Statements of lowering: the block and statement dispatch, `for` (its frame, its region, and the
 * `range(…)` header's bounds and step), `while` and `if` (guarded bodies), `return`/`break`/`continue`
 * (jumps), and the pseudo-statements that hold an expression's reads.
 */
import { isConstant } from '../affine/affine.js';
import type { SourceRange } from '../parse/source.js';
import type { Expr, ForStmt, IfStmt, Stmt, WhileStmt } from '../parse/syntax.js';
import { assert, assertNever } from '../util/assert.js';
import { affineOf } from './affineOf.js';
import { isRangeCallee } from './calls.js';
import type { Bound, LoopId } from './ir.js';
import { assign, augAssign } from './lowerAssignments.js';
import type { DraftRegion, ForFrame, ScopeLowerer, WhileFrame } from './lowerScope.js';
import { targetNames } from './scopes.js';
import { lowerValue } from './values.js';

/** A pseudo-statement that holds the reads of an expression evaluated for its value or effect. */
function exprStmt(lw: ScopeLowerer, e: Expr, range: SourceRange, keepEmpty: boolean): DraftRegion | null {
  const b = lw.begin();
  const rhs = lowerValue(e, lw);
  if (!keepEmpty && b.accesses.length === 0) {
    lw.abandon(b);
    return null;
  }
  return lw.end(b, range, { shape: { kind: 'assign' }, rhs, target: null });
}

export function block(lw: ScopeLowerer, stmts: readonly Stmt[]): DraftRegion[] {
  const out: DraftRegion[] = [];
  for (const s of stmts) stmt(lw, s, out);
  return out;
}

function stmt(lw: ScopeLowerer, s: Stmt, out: DraftRegion[]): void {
  switch (s.kind) {
    case 'for':
      forStmt(lw, s, out);
      return;
    case 'while':
      whileStmt(lw, s, out);
      return;
    case 'if':
      ifStmt(lw, s, out);
      return;
    case 'assign':
      out.push(assign(lw, s));
      return;
    case 'augassign':
      out.push(augAssign(lw, s));
      return;
    case 'expr': {
      // Docstrings and bare constants do nothing.
      const v = s.value.kind;
      if (v === 'string' || v === 'int' || v === 'float' || v === 'none' || v === 'bool') return;
      const r = exprStmt(lw, s.value, s.range, true);
      if (r) out.push(r);
      return;
    }
    case 'return': {
      if (s.value !== null) {
        const r = exprStmt(lw, s.value, s.range, true);
        if (r) out.push(r);
      }
      lw.obstacleHere('break', '`return` leaves the loop early, so its number of iterations is not fixed', s.range);
      for (const f of lw.frames) f.afterJump = true;
      return;
    }
    case 'break': {
      const f = lw.frames[lw.frames.length - 1];
      if (!f) return;
      if (f.kind === 'for')
        lw.obstacle([f.loopId], 'break', '`break` leaves the loop early, so its number of iterations is not fixed', s.range);
      f.afterJump = true;
      return;
    }
    case 'continue': {
      // `continue` only shortens this iteration: what follows is guarded, the loop stays analysable.
      const f = lw.frames[lw.frames.length - 1];
      if (f) f.afterJump = true;
      return;
    }
    case 'function':
      // Lowered as its own scope (ProgramBuilder.lowerScope); calling it is an unknown call.
      return;
    case 'compound': {
      // `try`/`match` bodies may stop part-way or not run: guarded. `class` bodies run in order. A `with`
      // inside a loop runs its context manager's `__enter__`/`__exit__` every iteration: arbitrary code, and
      // `__exit__` may swallow an exception half-way through the body. The enclosing loops decide nothing; a
      // loop inside the `with` body is unaffected (the manager runs once, around it).
      if (s.what === 'with')
        lw.obstacleHere(
          'unsupported-statement',
          'a `with` block runs its context manager’s code on every iteration, which Loupe does not model',
          s.range,
        );
      const regions = s.what === 'try' || s.what === 'match' ? lw.guarded(() => block(lw, s.body)) : block(lw, s.body);
      out.push(...regions);
      return;
    }
    case 'unsupported-stmt':
      lw.obstacleHere('unsupported-statement', `a \`${s.what}\` statement is not modelled by Loupe`, s.range);
      return;
    case 'pass':
    case 'import':
      return;
    default:
      assertNever(s, 'statement kind');
  }
}

function forStmt(lw: ScopeLowerer, s: ForStmt, out: DraftRegion[]): void {
  const id = lw.program.loopIds.get(s);
  assert(id !== undefined, 'every for statement is numbered');
  // The header is evaluated once, before the loop binds its variable: its reads belong to the outer nest.
  const headerStmt = exprStmt(lw, s.iter, s.iter.range, false);
  if (headerStmt) out.push(headerStmt);
  const { start, stop, step, rangeVar } = header(lw, s, id);

  const vars = targetNames(s.target);
  for (const v of vars) {
    for (const f of lw.forStack) {
      if (!f.vars.includes(v)) continue;
      lw.obstacle(
        [f.loopId],
        'loop-var-assigned',
        `the inner loop reuses \`${v}\` as its variable, changing the outer loop's \`${v}\``,
        s.headerRange,
      );
      f.clobbered.add(v);
    }
  }
  lw.killTemps(lw.facts.assignedIn.get(s) ?? []);
  const outer = lw.enclosingLoops();
  const frame: ForFrame = { kind: 'for', loopId: id, vars, rangeVar, clobbered: new Set(), guardAtEntry: lw.guard, afterJump: false };
  lw.pushFrame(frame);
  let body: DraftRegion[];
  try {
    body = block(lw, s.body);
  } finally {
    lw.popFrame();
  }
  for (const [n, t] of lw.temps) if (t.loopId === id) lw.temps.delete(n);
  const var_ = s.target.kind === 'name' ? s.target.id : lw.text(s.target);
  out.push({
    kind: 'loop',
    loop: {
      kind: 'loop',
      id,
      var: var_,
      start,
      stop,
      step,
      line: s.range.start.line,
      range: s.range,
      headerRange: s.headerRange,
      outer,
      scope: lw.input.name,
    },
    body,
  });
  // `for … else`: runs only when no `break` fired — conditional, hence guarded.
  if (s.orelse.length > 0) out.push(...lw.guarded(() => block(lw, s.orelse)));
}

/** Bounds and step of `for v in range(…)`; obstacles on this loop for anything else. */
function header(lw: ScopeLowerer, s: ForStmt, id: LoopId): { start: Bound; stop: Bound; step: bigint | null; rangeVar: string | null } {
  const iterText = lw.text(s.iter);
  const notRange = (why: string): { start: Bound; stop: Bound; step: null; rangeVar: null } => {
    lw.obstacle([id], 'not-range', why, s.headerRange);
    return { start: { kind: 'non-affine', text: iterText }, stop: { kind: 'non-affine', text: iterText }, step: null, rangeVar: null };
  };
  const iter = s.iter;
  if (iter.kind !== 'call' || !isRangeCallee(iter.callee, lw.imports)) {
    return notRange(`\`for … in ${iterText}\`: Loupe analyses loops over \`range(…)\` only`);
  }
  if (s.target.kind !== 'name') return notRange(`\`for ${lw.text(s.target)} in …\`: only a single loop variable is analysed`);
  if (iter.keywords.length > 0 || iter.hasStarArgs)
    return notRange(`\`${iterText}\`: keyword or starred arguments to range are not analysed`);
  const [a0, a1, a2] = iter.args;
  if (a0 === undefined || iter.args.length > 3) return notRange(`\`${iterText}\` does not have 1 to 3 arguments`);
  const v = s.target.id;
  const bound = (e: Expr | undefined, which: 'start' | 'stop'): Bound => {
    if (e === undefined) return { kind: 'affine', expr: { kind: 'affine', constant: 0n, terms: [] } };
    const r = affineOf(e, lw.affineEnv);
    if (r.ok) {
      lw.noteSymbols(r.expr);
      return { kind: 'affine', expr: r.expr };
    }
    lw.obstacle(
      [id],
      'non-affine-bound',
      `the ${which} bound \`${lw.text(e)}\` of loop \`${v}\` is not affine: ${r.failure.message}`,
      e.range,
    );
    return { kind: 'non-affine', text: lw.text(e) };
  };
  const start = bound(a1 === undefined ? undefined : a0, 'start');
  const stop = bound(a1 ?? a0, 'stop');
  let step: bigint | null = 1n;
  if (a2 !== undefined) {
    const r = affineOf(a2, lw.affineEnv);
    if (!r.ok || !isConstant(r.expr)) {
      lw.obstacle([id], 'non-constant-step', `the step \`${lw.text(a2)}\` of loop \`${v}\` is not a constant integer`, a2.range);
      step = null;
    } else if (r.expr.constant === 0n) {
      lw.obstacle([id], 'zero-step', `loop \`${v}\` has step 0 (Python raises ValueError)`, a2.range);
      step = null;
    } else {
      step = r.expr.constant;
    }
  }
  return { start, stop, step, rangeVar: v };
}

function whileStmt(lw: ScopeLowerer, s: WhileStmt, out: DraftRegion[]): void {
  if (lw.inLoop()) {
    lw.obstacleHere('while', 'a `while` loop inside runs an unknown number of times', s.range);
  } else {
    lw.program.diagnostic(
      'info',
      'unsupported-while',
      'Loupe analyses `for … in range(…)` loops; this `while` loop itself is not analysed (loops inside it are).',
      s.range,
    );
  }
  lw.killTemps(lw.facts.assignedIn.get(s) ?? []);
  const test = exprStmt(lw, s.test, s.test.range, true);
  if (test) out.push(test);
  const frame: WhileFrame = { kind: 'while', afterJump: false };
  lw.pushFrame(frame);
  try {
    // No WhileRegion exists: the body is flattened into the enclosing regions, guarded (it may run 0 times).
    out.push(...lw.guarded(() => block(lw, s.body)));
  } finally {
    lw.popFrame();
  }
  if (s.orelse.length > 0) out.push(...lw.guarded(() => block(lw, s.orelse)));
}

function ifStmt(lw: ScopeLowerer, s: IfStmt, out: DraftRegion[]): void {
  const test = exprStmt(lw, s.test, s.test.range, true);
  assert(test !== null && test.kind === 'stmt', 'kept condition statement');
  out.push(test);
  const then = lw.guarded(() => block(lw, s.body));
  const orelse = lw.guarded(() => block(lw, s.orelse));
  out.push({ kind: 'if', test: lw.text(s.test), range: s.range, then, orelse, testStmt: test.id });
}
