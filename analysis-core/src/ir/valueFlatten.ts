/**
 * Flattening of associative value expressions, shared by update-shape recognition (ir/shapes.ts) and the
 * code generator's reduction rewriting (codegen/updates.ts), which must agree on what counts as a term.
 */
import type { ValueExpr } from './ir.js';

/** `a - (b - c) + -d` → [a +, b −, c +, d −]: the terms of a sum with their signs. */
export function flattenSum(v: ValueExpr, positive: boolean, out: { v: ValueExpr; positive: boolean }[]): void {
  if (v.kind === 'binary' && (v.op === '+' || v.op === '-')) {
    flattenSum(v.left, positive, out);
    flattenSum(v.right, v.op === '+' ? positive : !positive, out);
  } else if (v.kind === 'unary' && (v.op === '-' || v.op === '+')) {
    flattenSum(v.operand, v.op === '+' ? positive : !positive, out);
  } else {
    out.push({ v, positive });
  }
}

/** `a * (b * c)` → [a, b, c] for one associative operator. */
export function flattenSame(v: ValueExpr, op: string, out: ValueExpr[]): void {
  if (v.kind === 'binary' && v.op === op) {
    flattenSame(v.left, op, out);
    flattenSame(v.right, op, out);
  } else {
    out.push(v);
  }
}
