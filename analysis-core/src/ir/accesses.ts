/**
 * Array element accesses: flattening `a[i][j]` / `a[i, j]` / `a[(i, j)]` into one access with one
 * subscript per dimension, and turning each index into a `Subscript` — affine when `affineOf` succeeds,
 * otherwise non-affine with a reason the dependence phase and the explanations can quote:
 * `slice`, `indirect subscript`, `scalar-in-subscript`, or `non-affine subscript <text>`.
 */
import { equals } from '../affine/affine.js';
import { sliceSource } from '../parse/source.js';
import type { Expr, SubscriptExpr } from '../parse/syntax.js';
import { affineOf, type AffineEnv } from './affineOf.js';
import type { Obstacle, Subscript } from './ir.js';
import { assertNever } from '../util/assert.js';

/** `a[i][j]` → base `a`, indices [i, j]; a tuple index `a[(i, j)]` counts as two dimensions. */
export function flattenSubscript(expr: SubscriptExpr): { readonly base: Expr; readonly indices: readonly Expr[] } {
  const levels: (readonly Expr[])[] = [];
  let cur: Expr = expr;
  while (cur.kind === 'subscript') {
    levels.unshift(cur.indices);
    cur = cur.value;
  }
  const indices: Expr[] = [];
  for (const level of levels) {
    for (const ix of level) {
      if (ix.kind === 'tuple') indices.push(...ix.elements);
      else indices.push(ix);
    }
  }
  return { base: cur, indices };
}

export const REASON_SLICE = 'slice';
export const REASON_INDIRECT = 'indirect subscript';
export const REASON_SCALAR = 'scalar-in-subscript';

/** A subscript plus, when it is not affine, the sentence explaining why (for obstacles and diagnostics). */
export interface LoweredSubscript {
  readonly subscript: Subscript;
  readonly why: string | null;
}

export function lowerSubscript(index: Expr, env: AffineEnv): LoweredSubscript {
  const text = sliceSource(env.source, index.range);
  if (index.kind === 'slice') {
    return { subscript: { kind: 'non-affine', text, reason: REASON_SLICE }, why: `\`${text}\` is a slice (a range of elements)` };
  }
  const r = affineOf(index, env);
  if (r.ok) return { subscript: { kind: 'affine', expr: r.expr, text }, why: null };
  const f = r.failure;
  switch (f.cause) {
    case 'indirect':
      return { subscript: { kind: 'non-affine', text, reason: REASON_INDIRECT }, why: f.message };
    case 'scalar':
      return { subscript: { kind: 'non-affine', text, reason: REASON_SCALAR }, why: f.message };
    case 'non-affine':
      return { subscript: { kind: 'non-affine', text, reason: `non-affine subscript ${f.text}` }, why: f.message };
    default:
      return assertNever(f.cause, 'affine failure cause');
  }
}

/** The obstacle kind a non-affine subscript causes. */
export function obstacleKindOf(s: Extract<Subscript, { kind: 'non-affine' }>): Obstacle['kind'] {
  if (s.reason === REASON_SLICE) return 'slice';
  if (s.reason === REASON_INDIRECT) return 'indirect-subscript';
  if (s.reason === REASON_SCALAR) return 'scalar-in-subscript';
  return 'non-affine-subscript';
}

/** Same element in every evaluation: equal affine expressions, or identical text when not affine. */
export function sameSubscripts(a: readonly Subscript[], b: readonly Subscript[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, k) => {
    const y = b[k]!;
    if (x.kind === 'affine' && y.kind === 'affine') return equals(x.expr, y.expr);
    return x.kind === y.kind && x.text.replace(/\s+/g, '') === y.text.replace(/\s+/g, '');
  });
}
