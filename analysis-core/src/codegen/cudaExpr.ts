/**
 * `ValueExpr` → CUDA C++ expression text, with Python's semantics kept where C's differ:
 * - `/` is true division (ints give a double), `//` floors and `%` takes the divisor's sign (helpers
 *   `loupe_floordiv`, `loupe_mod`, `loupe_fmod`), `**` is `pow` (or an exact integer power);
 * - arithmetic happens in NumPy's result type (types.ts): operands that C would convert differently are
 *   cast, and literals are written in the result type (`0.5f` in float32 arithmetic);
 * - `math.*` functions compute in double (as CPython does); `np.*` ufuncs keep float32 in float32.
 * Anything else (an opaque expression, an unknown function) is refused with a reason (unsupported.ts).
 */
import type { AccessId, ValueExpr } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import { cType, isFloat, promote, T_BOOL, T_PYFLOAT, T_PYINT, type VType } from './types.js';
import { unsupported } from './unsupported.js';
import type { HelperName } from './helpers.js';

export interface CExprEnv {
  /** What Python ints become in C (`int` when every bound value fits, else `long long`). */
  readonly indexType: string;
  /** An element or scalar access as a C expression (an lvalue), with its value type. */
  access(id: AccessId): { readonly text: string; readonly type: VType };
  symbol(name: string): { readonly text: string; readonly type: VType };
  loopvar(name: string): string;
  /** Records that a helper function must be emitted before the kernels. */
  helper(name: HelperName): void;
}

export interface CExpr {
  readonly text: string;
  readonly type: VType;
  /** C precedence of the top operator (higher binds tighter): 16 primary, 15 unary, 13 mul, 12 add, … 3 ternary. */
  readonly prec: number;
}

const PRIMARY = 16;
const UNARY = 15;

/** Constants some snippets use as attributes (`math.pi`): known values, not user code. */
const NAMED_CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['math.pi', Math.PI],
  ['np.pi', Math.PI],
  ['numpy.pi', Math.PI],
  ['math.e', Math.E],
  ['np.e', Math.E],
  ['numpy.e', Math.E],
  ['math.inf', Infinity],
  ['np.inf', Infinity],
  ['numpy.inf', Infinity],
]);

export function namedConstant(text: string): number | null {
  return NAMED_CONSTANTS.get(text.replace(/\s+/g, '')) ?? null;
}

/** A floating literal in C: always with a point or exponent, `f`-suffixed for float. */
export function floatLiteral(value: number, kind: 'f32' | 'f64'): string {
  if (value === Infinity) return kind === 'f32' ? 'LOUPE_INF_F' : 'LOUPE_INF';
  if (value === -Infinity) return kind === 'f32' ? '(-LOUPE_INF_F)' : '(-LOUPE_INF)';
  if (Number.isNaN(value)) return kind === 'f32' ? 'NAN' : '((double)NAN)';
  let s = String(value);
  if (!/[.eE]/.test(s)) s += '.0';
  return kind === 'f32' ? `${s}f` : s;
}

export function intLiteral(value: number): string {
  return Math.abs(value) > 2147483647 ? `${value}LL` : String(value);
}

const paren = (e: CExpr, min: number): string => (e.prec < min ? `(${e.text})` : e.text);

/** `e` converted to type `to`: literals rewritten in `to`, other values cast only where C would not already convert to `to`. */
function coerce(e: CExpr, src: ValueExpr, to: VType, env: CExprEnv, otherIsTarget: boolean): CExpr {
  const from = cType(e.type, env.indexType);
  const want = cType(to, env.indexType);
  if (from === want) return e;
  if (src.kind === 'const' && isFloat(to))
    return { text: floatLiteral(src.value, to.kind === 'f32' ? 'f32' : 'f64'), type: to, prec: PRIMARY };
  if (src.kind === 'const' && !isFloat(to) && !isFloat(e.type)) return { ...e, type: to };
  // An integer operand beside an operand that already has the result type converts implicitly and exactly.
  if (otherIsTarget && !isFloat(e.type) && isFloat(to)) return e;
  if (otherIsTarget && !isFloat(e.type) && !isFloat(to) && want === 'long long') return e;
  return { text: `(${want})${paren(e, UNARY)}`, type: to, prec: UNARY };
}

export function typeOfC(e: ValueExpr, env: CExprEnv): VType {
  return emitC(e, env).type;
}

export function emitC(e: ValueExpr, env: CExprEnv): CExpr {
  switch (e.kind) {
    case 'const':
      if (e.isInt) return { text: intLiteral(e.value), type: T_PYINT, prec: e.value < 0 ? UNARY : PRIMARY };
      return { text: floatLiteral(e.value, 'f64'), type: T_PYFLOAT, prec: e.value < 0 ? UNARY : PRIMARY };
    case 'ref': {
      const a = env.access(e.access);
      return { text: a.text, type: a.type, prec: PRIMARY };
    }
    case 'loopvar':
      return { text: env.loopvar(e.name), type: T_PYINT, prec: PRIMARY };
    case 'symbol': {
      const s = env.symbol(e.name);
      return { text: s.text, type: s.type, prec: /^[-(]/.test(s.text) ? UNARY : PRIMARY };
    }
    case 'unary':
      return unary(e, env);
    case 'binary':
      return binary(e, env);
    case 'compare': {
      const l = emitC(e.left, env);
      const r = emitC(e.right, env);
      const t = promote(l.type, r.type);
      const prec = e.op === '==' || e.op === '!=' ? 9 : 10;
      const lt = coerce(l, e.left, t, env, r.type.kind === t.kind);
      const rt = coerce(r, e.right, t, env, l.type.kind === t.kind);
      return { text: `${paren(lt, prec + 1)} ${e.op} ${paren(rt, prec + 1)}`, type: T_BOOL, prec };
    }
    case 'select': {
      const test = emitC(e.test, env);
      const a = emitC(e.then, env);
      const b = emitC(e.orelse, env);
      const t = promote(a.type, b.type);
      const at = coerce(a, e.then, t, env, false);
      const bt = coerce(b, e.orelse, t, env, false);
      return { text: `${paren(test, 4)} ? ${paren(at, 4)} : ${paren(bt, 3)}`, type: t, prec: 3 };
    }
    case 'call':
      return call(e, env);
    case 'opaque': {
      const c = namedConstant(e.text);
      if (c !== null) return { text: floatLiteral(c, 'f64'), type: T_PYFLOAT, prec: PRIMARY };
      return unsupported(`\`${e.text}\` cannot be translated to CUDA`);
    }
    default:
      return assertNever(e, 'value expression');
  }
}

function unary(e: Extract<ValueExpr, { kind: 'unary' }>, env: CExprEnv): CExpr {
  const x = emitC(e.operand, env);
  switch (e.op) {
    case '+':
      return x;
    case '-':
      // `- -x` would read as the decrement operator.
      return { text: `-${x.text.startsWith('-') ? `(${x.text})` : paren(x, UNARY)}`, type: x.type, prec: UNARY };
    case '~':
      if (isFloat(x.type)) unsupported('`~` on a floating-point value');
      return { text: `~${paren(x, UNARY)}`, type: x.type, prec: UNARY };
    case 'not':
      return { text: `!${paren(x, UNARY)}`, type: T_BOOL, prec: UNARY };
    default:
      return assertNever(e.op, 'unary operator');
  }
}

const C_PREC: Readonly<Record<string, number>> = {
  '*': 13,
  '/': 13,
  '+': 12,
  '-': 12,
  '<<': 11,
  '>>': 11,
  '&': 8,
  '^': 7,
  '|': 6,
  '&&': 5,
  '||': 4,
};

function binary(e: Extract<ValueExpr, { kind: 'binary' }>, env: CExprEnv): CExpr {
  const l = emitC(e.left, env);
  const r = emitC(e.right, env);
  const both = promote(l.type, r.type);
  const operands = (t: VType): [CExpr, CExpr] => [
    coerce(l, e.left, t, env, r.type.kind === t.kind),
    coerce(r, e.right, t, env, l.type.kind === t.kind),
  ];
  const infix = (op: string, t: VType, a: CExpr, b: CExpr): CExpr => {
    const p = C_PREC[op]!;
    return { text: `${paren(a, p)} ${op} ${paren(b, p + 1)}`, type: t, prec: p };
  };
  switch (e.op) {
    case '+':
    case '-':
    case '*': {
      const [a, b] = operands(both);
      return infix(e.op, both, a, b);
    }
    case '/': {
      // True division: an integer quotient is a float (weak only when both operands are Python ints).
      const t: VType = isFloat(both) ? both : { kind: 'f64', weak: both.weak };
      const [a, b] = operands(t);
      // Both integral: C would divide as integers unless one side is converted.
      const a2 = isFloat(a.type) || isFloat(b.type) ? a : { text: `(double)${paren(a, UNARY)}`, type: t, prec: UNARY };
      return infix('/', t, a2, b);
    }
    case '//': {
      const [a, b] = operands(both);
      if (isFloat(both))
        return { text: `${both.kind === 'f32' ? 'floorf' : 'floor'}(${paren(a, 13)} / ${paren(b, 14)})`, type: both, prec: PRIMARY };
      env.helper('floordiv');
      return intHelper(`loupe_floordiv(${a.text}, ${b.text})`, both, env);
    }
    case '%': {
      const [a, b] = operands(both);
      if (isFloat(both)) {
        env.helper(both.kind === 'f32' ? 'fmodf' : 'fmod');
        return { text: `${both.kind === 'f32' ? 'loupe_fmodf' : 'loupe_fmod'}(${a.text}, ${b.text})`, type: both, prec: PRIMARY };
      }
      env.helper('mod');
      return intHelper(`loupe_mod(${a.text}, ${b.text})`, both, env);
    }
    case '**': {
      if (!isFloat(both) && e.right.kind === 'const' && e.right.isInt && e.right.value >= 0) {
        env.helper('ipow');
        return { text: `(${cType(both, env.indexType)})loupe_ipow(${l.text}, ${e.right.value})`, type: both, prec: UNARY };
      }
      // A negative or non-constant integer exponent: Python gives a float for negative exponents.
      const t: VType = isFloat(both) ? both : { kind: 'f64', weak: both.weak };
      const [a, b] = operands(t);
      return { text: `${t.kind === 'f32' ? 'powf' : 'pow'}(${a.text}, ${b.text})`, type: t, prec: PRIMARY };
    }
    case '&':
    case '|':
    case '^':
    case '<<':
    case '>>': {
      if (isFloat(both)) unsupported(`\`${e.op}\` on floating-point values`);
      const [a, b] = operands(both);
      return infix(e.op, both, a, b);
    }
    case 'and':
      return infix('&&', T_BOOL, l, r);
    case 'or':
      return infix('||', T_BOOL, l, r);
    default:
      return assertNever(e.op, 'binary operator');
  }
}

/** The integer helpers compute in long long; narrower results are cast back so overloads (`min`, `max`) see one type. */
function intHelper(call: string, t: VType, env: CExprEnv): CExpr {
  const c = cType(t, env.indexType);
  return c === 'long long' ? { text: call, type: t, prec: PRIMARY } : { text: `(${c})${call}`, type: t, prec: UNARY };
}

/** Python's name → C function for double (the float variant adds `f`). */
const FLOAT_FNS: ReadonlyMap<string, string> = new Map([
  ['sqrt', 'sqrt'],
  ['exp', 'exp'],
  ['log', 'log'],
  ['log10', 'log10'],
  ['log2', 'log2'],
  ['log1p', 'log1p'],
  ['expm1', 'expm1'],
  ['sin', 'sin'],
  ['cos', 'cos'],
  ['tan', 'tan'],
  ['tanh', 'tanh'],
  ['sinh', 'sinh'],
  ['cosh', 'cosh'],
  ['asin', 'asin'],
  ['arcsin', 'asin'],
  ['acos', 'acos'],
  ['arccos', 'acos'],
  ['atan', 'atan'],
  ['arctan', 'atan'],
  ['erf', 'erf'],
  ['erfc', 'erfc'],
  ['cbrt', 'cbrt'],
  ['fabs', 'fabs'],
  ['floor', 'floor'],
  ['ceil', 'ceil'],
  ['trunc', 'trunc'],
  ['rint', 'rint'],
]);

const FLOAT_FNS2: ReadonlyMap<string, string> = new Map([
  ['pow', 'pow'],
  ['power', 'pow'],
  ['atan2', 'atan2'],
  ['arctan2', 'atan2'],
  ['hypot', 'hypot'],
  ['copysign', 'copysign'],
  ['fmod', 'fmod'],
]);

function call(e: Extract<ValueExpr, { kind: 'call' }>, env: CExprEnv): CExpr {
  if (e.user === true) unsupported(`\`${e.fn}\` is not a function Loupe knows (a user's own function, or a shadowed builtin)`);
  const args = e.args.map((a) => emitC(a, env));
  const m = /^(math|np)\.(\w+)$/.exec(e.fn);
  const module = m ? m[1]! : null;
  const base = m ? m[2]! : e.fn;
  const arity = (n: number): void => {
    if (args.length !== n) unsupported(`\`${e.fn}\` with ${args.length} arguments`);
  };
  /** math.* computes in double; np.* keeps a float argument's type and makes ints float64. */
  const floatType = (t: VType): VType => (module === 'math' ? T_PYFLOAT : isFloat(t) ? t : { kind: 'f64', weak: t.weak });
  const fnName = (c: string, t: VType): string => (t.kind === 'f32' ? `${c}f` : c);
  const asType = (i: number, t: VType): string => coerce(args[i]!, e.args[i]!, t, env, false).text;

  // Integer results: math.floor/ceil/trunc, int(), round() with one argument.
  if (
    (module === 'math' && (base === 'floor' || base === 'ceil' || base === 'trunc')) ||
    e.fn === 'int' ||
    (e.fn === 'round' && args.length === 1)
  ) {
    arity(1);
    const a = args[0]!;
    if (!isFloat(a.type)) return { ...a, type: T_PYINT };
    const f = e.fn === 'int' || base === 'trunc' ? '' : e.fn === 'round' ? 'rint' : base;
    const it = cType(T_PYINT, env.indexType);
    return {
      text: f === '' ? `(${it})${paren(a, UNARY)}` : `(${it})${f}(${asType(0, { kind: 'f64', weak: true })})`,
      type: T_PYINT,
      prec: UNARY,
    };
  }
  if (e.fn === 'float') {
    arity(1);
    return { text: `(double)${paren(args[0]!, UNARY)}`, type: T_PYFLOAT, prec: UNARY };
  }
  const casts: Readonly<Record<string, VType>> = {
    'np.float64': { kind: 'f64', weak: false },
    'np.float32': { kind: 'f32', weak: false },
    'np.int64': { kind: 'i64', weak: false },
    'np.int32': { kind: 'i32', weak: false },
  };
  const castTo = casts[e.fn];
  if (castTo) {
    arity(1);
    return { text: `(${cType(castTo, env.indexType)})${paren(args[0]!, UNARY)}`, type: castTo, prec: UNARY };
  }
  if (e.fn === 'abs' || e.fn === 'np.abs' || e.fn === 'np.absolute' || base === 'fabs') {
    arity(1);
    const a = args[0]!;
    if (!isFloat(a.type) && base !== 'fabs') {
      const c = cType(a.type, env.indexType);
      return { text: `${c === 'long long' ? 'llabs' : 'abs'}(${a.text})`, type: a.type, prec: PRIMARY };
    }
    const t = floatType(a.type);
    return { text: `${fnName('fabs', t)}(${asType(0, t)})`, type: t, prec: PRIMARY };
  }
  const isMin = e.fn === 'min' || e.fn === 'np.minimum' || e.fn === 'np.fmin';
  const isMax = e.fn === 'max' || e.fn === 'np.maximum' || e.fn === 'np.fmax';
  if (isMin || isMax) {
    if (args.length < 2) unsupported(`\`${e.fn}\` of a sequence`);
    const t = args.map((a) => a.type).reduce(promote);
    const f = isFloat(t) ? fnName(isMin ? 'fmin' : 'fmax', t) : isMin ? 'min' : 'max';
    let acc = asType(0, t);
    for (let i = 1; i < args.length; i++) acc = `${f}(${acc}, ${asType(i, t)})`;
    return { text: acc, type: t, prec: PRIMARY };
  }
  if (module !== null || e.fn === 'pow') {
    const one = FLOAT_FNS.get(base);
    if (one !== undefined && e.fn !== 'pow') {
      arity(1);
      const t = floatType(args[0]!.type);
      return { text: `${fnName(one, t)}(${asType(0, t)})`, type: t, prec: PRIMARY };
    }
    const two = FLOAT_FNS2.get(base);
    if (two !== undefined) {
      arity(2);
      const t = floatType(promote(args[0]!.type, args[1]!.type));
      return { text: `${fnName(two, t)}(${asType(0, t)}, ${asType(1, t)})`, type: t, prec: PRIMARY };
    }
  }
  return unsupported(`\`${e.fn}(…)\` has no CUDA translation in Loupe`);
}
