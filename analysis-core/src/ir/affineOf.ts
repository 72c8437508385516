/**
 * Syntax expression → exact affine expression, or the reason it is not one.
 *
 * Affine here means `c0 + Σ ck·xk` with integer ck over loop variables and integer symbols (including
 * array extents `a.shape[d]` / `len(a)`). Arithmetic is bigint throughout: the dependence tests multiply
 * and take gcds of these coefficients, and a silently rounded coefficient would become a wrong proof.
 *
 * What a name means (loop variable, symbol, forward-substituted temporary, scalar that changes inside the
 * loop, …) is not decided here: the caller's `AffineEnv` resolves names, so this module stays a pure
 * function of the expression and can be reused for subscripts, loop bounds and temporaries alike.
 */
import { add, constant, isConstant, negate, scale, sub, type Affine } from '../affine/affine.js';
import { floorDiv, mod } from '../affine/intmath.js';
import { sliceSource, type SourceRange } from '../parse/source.js';
import type { Expr } from '../parse/syntax.js';
import { assertNever } from '../util/assert.js';

/**
 * Why an expression is not affine, by family — the caller maps it to a subscript reason and obstacle kind:
 * - `indirect`: the value is read from an array (`idx[i]`), i.e. an indirect subscript;
 * - `scalar`: a scalar whose value changes inside the loop nest (or is otherwise not a fixed symbol);
 * - `non-affine`: anything else (products of variables, `//`, `%`, calls, floats, …).
 */
export type FailureCause = 'non-affine' | 'indirect' | 'scalar';

export interface AffineFailure {
  readonly cause: FailureCause;
  /** The offending sub-expression as written, e.g. `i*j`. */
  readonly text: string;
  /** A sentence for the user, e.g. "`i*j` multiplies two variables". */
  readonly message: string;
  readonly range: SourceRange;
}

export type AffineResult = { readonly ok: true; readonly expr: Affine } | { readonly ok: false; readonly failure: AffineFailure };

export type NameResolution =
  { readonly kind: 'affine'; readonly expr: Affine } | { readonly kind: 'fail'; readonly cause: FailureCause; readonly message: string };

export interface AffineEnv {
  readonly source: string;
  /** What a bare name stands for at this point of the program. */
  resolveName(name: string, range: SourceRange): NameResolution;
  /** The symbol for extent `dim` of `array` (the caller canonicalises aliases and records the symbol). */
  extent(array: string, dim: number): Affine;
}

/** Exponents beyond this are not folded: `2**100000` would be a legal but absurd bigint to build. */
const MAX_FOLDED_EXPONENT = 256n;

function fail(env: AffineEnv, cause: FailureCause, e: Expr, message: string): AffineResult {
  return { ok: false, failure: { cause, text: sliceSource(env.source, e.range), message, range: e.range } };
}

export function affineOf(expr: Expr, env: AffineEnv): AffineResult {
  // Module-level helpers rather than per-call closures: this runs for every subscript and bound.
  switch (expr.kind) {
    case 'int':
      return { ok: true, expr: constant(expr.value) };
    case 'name': {
      const r = env.resolveName(expr.id, expr.range);
      return r.kind === 'affine' ? { ok: true, expr: r.expr } : fail(env, r.cause, expr, r.message);
    }
    case 'unary': {
      if (expr.op === '~' || expr.op === 'not')
        return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` uses \`${expr.op}\`, which is not affine`);
      const inner = affineOf(expr.operand, env);
      if (!inner.ok || expr.op === '+') return inner;
      return { ok: true, expr: negate(inner.expr) };
    }
    case 'binary': {
      // Left before right, so the reported reason is the first problem in reading order.
      const l = affineOf(expr.left, env);
      if (!l.ok) return l;
      const r = affineOf(expr.right, env);
      if (!r.ok) return r;
      const op = expr.op;
      switch (op) {
        case '+':
          return { ok: true, expr: add(l.expr, r.expr) };
        case '-':
          return { ok: true, expr: sub(l.expr, r.expr) };
        case '*':
          if (isConstant(l.expr)) return { ok: true, expr: scale(r.expr, l.expr.constant) };
          if (isConstant(r.expr)) return { ok: true, expr: scale(l.expr, r.expr.constant) };
          return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` multiplies two variables`);
        case '//':
        case '%': {
          // Folding constants is exact (Python floor semantics); with a variable it is not affine.
          if (isConstant(l.expr) && isConstant(r.expr) && r.expr.constant !== 0n) {
            const a = l.expr.constant;
            const b = r.expr.constant;
            return { ok: true, expr: constant(expr.op === '//' ? floorDiv(a, b) : mod(a, b)) };
          }
          return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` uses \`${expr.op}\`, which is not affine`);
        }
        case '**':
          if (isConstant(l.expr) && isConstant(r.expr) && r.expr.constant >= 0n && r.expr.constant <= MAX_FOLDED_EXPONENT) {
            return { ok: true, expr: constant(l.expr.constant ** r.expr.constant) };
          }
          return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is a power, which is not affine`);
        case '/':
          return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` uses \`/\`, which gives a float`);
        case '@':
        case '&':
        case '|':
        case '^':
        case '<<':
        case '>>':
          return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` uses \`${op}\`, which is not affine`);
        default:
          return assertNever(op, 'binary operator');
      }
    }
    case 'call': {
      // `len(a)` is the extent of a's first dimension.
      if (
        expr.callee.kind === 'name' &&
        expr.callee.id === 'len' &&
        expr.args.length === 1 &&
        expr.keywords.length === 0 &&
        !expr.hasStarArgs &&
        expr.args[0]!.kind === 'name'
      ) {
        return { ok: true, expr: env.extent(expr.args[0]!.id, 0) };
      }
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is a function call`);
    }
    case 'subscript': {
      const dim = shapeIndex(expr);
      if (dim !== null) {
        if (dim.dim === null)
          return fail(
            env,
            'non-affine',
            expr,
            `\`${sliceSource(env.source, expr.range)}\`: only constant, non-negative dimensions of \`.shape\` are understood`,
          );
        return { ok: true, expr: env.extent(dim.array, dim.dim) };
      }
      return fail(env, 'indirect', expr, `\`${sliceSource(env.source, expr.range)}\` is read from an array`);
    }
    case 'attribute':
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is an attribute`);
    case 'float':
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is a float`);
    case 'bool':
    case 'none':
    case 'string':
    case 'compare':
    case 'boolop':
    case 'tuple':
    case 'list':
    case 'conditional':
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is not an integer expression Loupe understands`);
    case 'slice':
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` is a slice`);
    case 'unsupported-expr':
      return fail(env, 'non-affine', expr, `\`${sliceSource(env.source, expr.range)}\` (${expr.what}) is not supported`);
    default:
      return assertNever(expr, 'expression kind');
  }
}

/**
 * `a.shape[d]` → `{ array: 'a', dim: d }` (dim null when d is not a non-negative integer literal);
 * null when `expr` is not a `.shape` subscript at all.
 */
export function shapeIndex(expr: Expr): { readonly array: string; readonly dim: number | null } | null {
  if (expr.kind !== 'subscript' || expr.indices.length !== 1) return null;
  const base = expr.value;
  if (base.kind !== 'attribute' || base.attr !== 'shape' || base.object.kind !== 'name') return null;
  const index = expr.indices[0]!;
  // Negative dimensions count from the rank, which the text does not always tell: left non-affine.
  const dim = index.kind === 'int' && index.value >= 0n && index.value < 64n ? Number(index.value) : null;
  return { array: base.object.id, dim };
}
