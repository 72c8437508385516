/**
 * Syntax expression → `ValueExpr`, the arithmetic that code generation and the oracle's interpreter
 * evaluate. Walking an expression is also how its reads are found: names and element reads are handed to
 * the caller's `ValueCx`, which records accesses in the order Python evaluates them (left to right, a
 * subscript's indices before the element itself, a conditional's test before its branches).
 *
 * Anything that is not plain arithmetic becomes `opaque` with its text; whatever may hide a memory effect
 * (unknown calls, comprehensions, whole-array uses) is reported to the caller, which turns it into an
 * obstacle when it sits inside a loop.
 */
import { sliceSource } from '../parse/source.js';
import type { CallExpr, CompareOp, Expr, NameExpr, SubscriptExpr } from '../parse/syntax.js';
import { assertNever } from '../util/assert.js';
import { shapeIndex } from './affineOf.js';
import { canonicalName, classifyCallee, resolveCallee, type Callee, type ImportTable } from './calls.js';
import type { ValueExpr } from './ir.js';

export interface ValueCx {
  readonly source: string;
  readonly imports: ImportTable;
  /**
   * A name read as a value. `wholeArrayOk`: a bare array name here is not an element-wise use Loupe must
   * flag (an argument of an allocation like `np.zeros_like(a)`, or of a call already reported unknown).
   */
  name(e: NameExpr, wholeArrayOk: boolean): ValueExpr;
  /** An element read `a[i]` / `a[i][j]`: the callee records index reads, then the access. */
  subscript(e: SubscriptExpr): ValueExpr;
  /** `a.shape[d]` or `len(a)`. */
  extent(array: string, dim: number): ValueExpr;
  /** A call that may write memory Loupe cannot see. */
  unknownCall(e: CallExpr, callee: Callee): void;
  /** An expression Loupe does not model (comprehension, lambda, walrus, `yield`, …). */
  unsupported(e: Expr, message: string): void;
}

const opaque = (text: string): ValueExpr => ({ kind: 'opaque', text });

/** Attributes that describe an array without reading its elements. */
const METADATA_ATTRS: ReadonlySet<string> = new Set(['shape', 'ndim', 'size', 'dtype']);

type ValueBinaryOp = Extract<ValueExpr, { kind: 'binary' }>['op'];
type ValueCompareOp = Extract<ValueExpr, { kind: 'compare' }>['op'];

const COMPARE_OPS: ReadonlySet<CompareOp> = new Set<CompareOp>(['<', '<=', '>', '>=', '==', '!=']);

export function lowerValue(expr: Expr, cx: ValueCx): ValueExpr {
  // No per-call closures here: this is the hottest function of lowering.
  switch (expr.kind) {
    case 'int': {
      const n = Number(expr.value);
      // Beyond 2^53 a JS number would round: keep the exact text instead.
      return Number.isSafeInteger(n) ? { kind: 'const', value: n, isInt: true } : opaque(sliceSource(cx.source, expr.range));
    }
    case 'float':
      return { kind: 'const', value: expr.value, isInt: false };
    case 'bool':
      return { kind: 'const', value: expr.value ? 1 : 0, isInt: true };
    case 'none':
    case 'string':
      return opaque(sliceSource(cx.source, expr.range));
    case 'name':
      return cx.name(expr, false);
    case 'binary': {
      const left = lowerValue(expr.left, cx);
      const right = lowerValue(expr.right, cx);
      if (expr.op === '@') return opaque(sliceSource(cx.source, expr.range));
      return { kind: 'binary', op: expr.op satisfies ValueBinaryOp, left, right };
    }
    case 'unary': {
      const operand = lowerValue(expr.operand, cx);
      return { kind: 'unary', op: expr.op, operand };
    }
    case 'boolop': {
      const parts = expr.operands.map((e) => lowerValue(e, cx));
      return foldLeft(parts, expr.op) ?? opaque(sliceSource(cx.source, expr.range));
    }
    case 'compare': {
      // `a < b < c` is `a < b and b < c` (b evaluated once; as a value expression it is shared).
      const operands = expr.operands.map((e) => lowerValue(e, cx));
      if (!expr.ops.every((op) => COMPARE_OPS.has(op))) return opaque(sliceSource(cx.source, expr.range));
      const parts: ValueExpr[] = [];
      expr.ops.forEach((op, i) => {
        const left = operands[i];
        const right = operands[i + 1];
        if (left && right) parts.push({ kind: 'compare', op: op as ValueCompareOp, left, right });
      });
      return foldLeft(parts, 'and') ?? opaque(sliceSource(cx.source, expr.range));
    }
    case 'conditional': {
      // Python evaluates the test first, then one branch: reads keep that order.
      const test = lowerValue(expr.test, cx);
      const then = lowerValue(expr.body, cx);
      const orelse = lowerValue(expr.orelse, cx);
      return { kind: 'select', test, then, orelse };
    }
    case 'call':
      return lowerCall(expr, cx);
    case 'attribute': {
      if (expr.object.kind === 'name' && METADATA_ATTRS.has(expr.attr)) return opaque(sliceSource(cx.source, expr.range));
      // A module constant (`np.pi`, `xp.inf` after `import numpy as xp`): spelled canonically for codegen.
      const member = resolveCallee(expr, cx.imports, cx.source);
      if (!member.isMethod && member.qualified !== null) return opaque(canonicalName(member));
      // `a.T` and friends read the whole array; `o.x` reads something Loupe does not track.
      lowerValue(expr.object, cx);
      return opaque(sliceSource(cx.source, expr.range));
    }
    case 'subscript': {
      const shape = shapeIndex(expr);
      if (shape !== null) {
        if (shape.dim !== null) return cx.extent(shape.array, shape.dim);
        // `a.shape[k]` reads metadata only; its index may still read something.
        for (const e of expr.indices) lowerValue(e, cx);
        return opaque(sliceSource(cx.source, expr.range));
      }
      return cx.subscript(expr);
    }
    case 'slice':
      if (expr.lower) lowerValue(expr.lower, cx);
      if (expr.upper) lowerValue(expr.upper, cx);
      if (expr.step) lowerValue(expr.step, cx);
      return opaque(sliceSource(cx.source, expr.range));
    case 'tuple':
    case 'list':
      for (const e of expr.elements) lowerValue(e, cx);
      return opaque(sliceSource(cx.source, expr.range));
    case 'unsupported-expr':
      cx.unsupported(expr, `\`${sliceSource(cx.source, expr.range)}\` (${expr.what}) is not modelled by Loupe`);
      return opaque(sliceSource(cx.source, expr.range));
    default:
      return assertNever(expr, 'expression kind');
  }
}

function foldLeft(parts: readonly ValueExpr[], op: 'and' | 'or'): ValueExpr | null {
  let acc: ValueExpr | null = null;
  for (const p of parts) acc = acc === null ? p : { kind: 'binary', op, left: acc, right: p };
  return acc;
}

function lowerCall(expr: CallExpr, cx: ValueCx): ValueExpr {
  const callee = resolveCallee(expr.callee, cx.imports, cx.source);
  let kind = classifyCallee(callee);
  // `np.add(a, b, out=c)` writes `c`: the `out=` keyword makes any call a writer.
  if (expr.keywords.some((k) => k.name === 'out') || expr.hasStarArgs) kind = 'unknown';

  const first = expr.args[0];
  if (
    kind === 'pure' &&
    callee.qualified === 'len' &&
    expr.args.length === 1 &&
    expr.keywords.length === 0 &&
    first !== undefined &&
    first.kind === 'name'
  ) {
    return cx.extent(first.id, 0);
  }

  if (kind === 'unknown') {
    cx.unknownCall(expr, callee);
    // The receiver of a method call is part of what the unknown call may touch; only a computed receiver
    // (`a[i].fill(0)`, `f(x).g()`) has reads of its own worth recording.
    if (callee.isMethod && expr.callee.kind === 'attribute' && expr.callee.object.kind !== 'name') lowerValue(expr.callee.object, cx);
  }
  const wholeArrayOk = kind !== 'pure';
  const arg = (e: Expr): ValueExpr => (e.kind === 'name' ? cx.name(e, wholeArrayOk) : lowerValue(e, cx));
  const args = expr.args.map(arg);
  for (const k of expr.keywords) arg(k.value);
  if (callee.isMethod || (kind === 'unknown' && expr.callee.kind !== 'name' && expr.callee.kind !== 'attribute')) {
    return opaque(sliceSource(cx.source, expr.range));
  }
  if (callee.qualified === null) return { kind: 'call', fn: canonicalName(callee), args, user: true };
  return { kind: 'call', fn: canonicalName(callee), args };
}
