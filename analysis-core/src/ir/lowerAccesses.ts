/**
 * Accesses of lowering: element targets (`a[…]` with its index reads and subscripts), the recording of
 * every access into the current statement, and the `ValueCx` callbacks through which `lowerValue` reports
 * the names, element reads, extents, unknown calls and unmodelled expressions it meets.
 */
import type { SourceRange } from '../parse/source.js';
import type { CallExpr, Expr, NameExpr, SubscriptExpr } from '../parse/syntax.js';
import { assert, assertNever } from '../util/assert.js';
import { flattenSubscript, lowerSubscript } from './accesses.js';
import { canonicalName, type Callee } from './calls.js';
import type { AccessId, Subscript, ValueExpr } from './ir.js';
import type { ScopeLowerer } from './lowerScope.js';
import { lowerValue } from './values.js';

/** What an assignment target turned out to be, after its index reads. */
export type PreparedTarget =
  | {
      readonly kind: 'element';
      readonly variable: string;
      readonly subscripts: readonly Subscript[];
      /** Per subscript, why it is not affine (null when it is). */
      readonly why: readonly (string | null)[];
      readonly text: string;
      readonly range: SourceRange;
    }
  | { readonly kind: 'scalar'; readonly name: string; readonly range: SourceRange }
  | { readonly kind: 'untracked'; readonly name: string }
  | { readonly kind: 'none' };

// ───────────────────────────── values (ValueCx) ─────────────────────────────

export function nameValue(lw: ScopeLowerer, e: NameExpr, wholeArrayOk: boolean): ValueExpr {
  const c = lw.classify(e.id);
  switch (c.kind) {
    case 'loopvar':
      return { kind: 'loopvar', name: e.id };
    case 'iter-var':
      return { kind: 'opaque', text: e.id };
    case 'clobbered':
    case 'scalar':
      return { kind: 'ref', access: addAccess(lw, e.id, 'scalar', 'read', [], e.id, e.range, []) };
    case 'array':
      if (!wholeArrayOk) {
        lw.obstacleHere(
          'unsupported-expression',
          `\`${e.id}\` is used as a whole array here; Loupe only follows element accesses like \`${e.id}[i]\``,
          e.range,
        );
      }
      return { kind: 'opaque', text: e.id };
    case 'stale-loopvar':
      lw.obstacleHere(
        'unsupported-expression',
        `\`${e.id}\` is read after the loop that sets it; Loupe does not follow its last value`,
        e.range,
      );
      return lw.inLoop() ? { kind: 'opaque', text: e.id } : { kind: 'symbol', name: e.id };
    case 'symbol':
    case 'unstable':
      return { kind: 'symbol', name: e.id };
    case 'module': {
      // `from math import pi` → `math.pi`, the spelling code generation knows.
      const q = lw.imports.get(e.id);
      return { kind: 'opaque', text: q === undefined ? e.id : canonicalName({ qualified: q, display: e.id, isMethod: false }) };
    }
    default:
      return assertNever(c, 'name class');
  }
}

export function subscriptValue(lw: ScopeLowerer, e: SubscriptExpr): ValueExpr {
  const { base, indices } = flattenSubscript(e);
  if (base.kind !== 'name') {
    lowerValue(base, lw);
    for (const ix of indices) lowerValue(ix, lw);
    if (base.kind !== 'call') {
      lw.obstacleHere(
        'unsupported-expression',
        `\`${lw.text(e)}\` is not an element of a named array; Loupe cannot tell what it reads`,
        e.range,
      );
    }
    return { kind: 'opaque', text: lw.text(e) };
  }
  const target = elementTarget(lw, base.id, indices, e);
  assert(target.kind === 'element', 'elementTarget returns an element');
  return { kind: 'ref', access: addElement(lw, target, 'read') };
}

export function extentValue(lw: ScopeLowerer, array: string, dim: number): ValueExpr {
  const a = lw.extentAffine(array, dim);
  lw.noteSymbols(a);
  return { kind: 'symbol', name: a.terms[0]!.name };
}

export function reportUnknownCall(lw: ScopeLowerer, e: CallExpr, callee: Callee): void {
  lw.obstacleHere('unknown-call', `call to \`${callee.display}\` may write memory Loupe cannot see`, e.range);
}

export function reportUnsupported(lw: ScopeLowerer, e: Expr, message: string): void {
  lw.obstacleHere('unsupported-expression', message, e.range);
}

// ───────────────────────────── accesses ─────────────────────────────

/** Index reads (in order), then the subscripts: everything about `a[…]` except the access itself. */
export function elementTarget(
  lw: ScopeLowerer,
  baseName: string,
  indices: readonly Expr[],
  whole: Expr,
): PreparedTarget & { kind: 'element' } {
  const subscripts: Subscript[] = [];
  const why: (string | null)[] = [];
  for (const ix of indices) {
    lowerValue(ix, lw);
    const l = lowerSubscript(ix, lw.affineEnv);
    if (l.subscript.kind === 'affine') lw.noteSymbols(l.subscript.expr);
    subscripts.push(l.subscript);
    why.push(l.why);
  }
  const variable = lw.canonicalArray(baseName);
  // `g[i][j]`: the indices before the last `[…]` pick a row object. When the rows may be one object
  // (`[[0.0] * m] * n`, `[a, a]`, a list of unknown origin), equal later indices may name one element
  // whatever the row indices are: those dimensions are dropped (non-affine), a relaxation that keeps every
  // dependence and proves no independence through them.
  const last = whole.kind === 'subscript' ? whole.indices.reduce((n, ix) => n + (ix.kind === 'tuple' ? ix.elements.length : 1), 0) : 0;
  if (whole.kind === 'subscript' && whole.value.kind === 'subscript' && last < indices.length) {
    lw.chainedArrays.add(variable);
    const shared = sharedRows(lw, variable);
    if (shared !== null) {
      for (let k = 0; k < indices.length - last; k++) {
        subscripts[k] = { kind: 'non-affine', text: subscripts[k]!.text, reason: 'rows may be one object' };
        why[k] = shared;
      }
    }
  }
  return { kind: 'element', variable, subscripts, why, text: lw.text(whole), range: whole.range };
}

/** Why the rows of `name` may be one object (null when they are distinct, or assumed so for parameters). */
function sharedRows(lw: ScopeLowerer, name: string, depth = 0): string | null {
  const o = lw.values.origin(name);
  switch (o.kind) {
    case 'fresh':
      if (o.rows === 'shared') return `the rows of \`${name}\` may be one object (${o.why} repeats the same row)`;
      if (o.rows === 'unknown') return `the rows of \`${name}\` may be one object (${o.why}: Loupe cannot tell whether they are distinct)`;
      return null;
    case 'parameter':
    case 'global':
      return null;
    case 'view':
      for (const r of o.of) {
        const why = depth > 8 ? 'a chain of views' : sharedRows(lw, lw.canonicalArray(r), depth + 1);
        if (why !== null) return why;
      }
      return null;
    case 'unknown':
      return `the rows of \`${name}\` may be one object: ${o.why}`;
    default:
      return assertNever(o, 'array origin');
  }
}

export function addElement(lw: ScopeLowerer, t: PreparedTarget & { kind: 'element' }, mode: 'read' | 'write'): AccessId {
  return addAccess(lw, t.variable, 'array', mode, t.subscripts, t.text, t.range, t.why);
}

export function addAccess(
  lw: ScopeLowerer,
  variable: string,
  target: 'array' | 'scalar',
  mode: 'read' | 'write',
  subscripts: readonly Subscript[],
  text: string,
  range: SourceRange,
  why: readonly (string | null)[],
): AccessId {
  const cur = lw.cur;
  assert(cur !== null, 'access recorded outside a statement');
  const id = lw.program.accesses.length;
  lw.program.accesses.push({ id, stmt: cur.id, variable, target, mode, subscripts, text, range, order: cur.accesses.length });
  cur.accesses.push(id);
  lw.scopeAccesses.push(id);
  if (target === 'array') lw.ranks.set(variable, Math.max(lw.ranks.get(variable) ?? 0, subscripts.length));
  if (subscripts.some((s) => s.kind === 'non-affine') && lw.inLoop()) lw.nonAffine.push({ access: id, why });
  return id;
}
