/**
 * Device helper functions, emitted once per translation unit and only when used: Python's floor division
 * and modulo (C truncates toward zero; Python floors, so `-7 // 2 == -4` and `-7 % 2 == 1`), an exact
 * integer power, and the atomic combines the reductions need beyond the native `atomicAdd`
 * (compare-and-swap loops, valid for every type and operator).
 */
import type { Dtype } from '../bindings.js';
import { assertNever } from '../util/assert.js';
import type { ReductionOp } from '../transforms/reduction.js';
import { dtypeCType } from './types.js';

export type HelperName = 'floordiv' | 'mod' | 'fmod' | 'fmodf' | 'ipow' | `atomic_${AtomicOpName}_${Dtype}`;
export type AtomicOpName = 'mul' | 'min' | 'max' | 'and' | 'or' | 'xor' | 'add';

const FIXED: Readonly<Record<'floordiv' | 'mod' | 'fmod' | 'fmodf' | 'ipow', string>> = {
  floordiv: `// Python's a // b on integers: rounds toward minus infinity (C's / truncates toward zero).
__device__ __forceinline__ long long loupe_floordiv(long long a, long long b) {
    long long q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q -= 1;
    return q;
}`,
  mod: `// Python's a % b on integers: the result takes the divisor's sign (C's % takes the dividend's).
__device__ __forceinline__ long long loupe_mod(long long a, long long b) {
    long long r = a % b;
    if (r != 0 && ((r < 0) != (b < 0))) r += b;
    return r;
}`,
  fmod: `// Python's a % b on floats: the result takes the divisor's sign.
__device__ __forceinline__ double loupe_fmod(double a, double b) {
    double r = fmod(a, b);
    if (r != 0.0 && ((r < 0.0) != (b < 0.0))) r += b;
    return r;
}`,
  fmodf: `// Python's a % b on float32 values: the result takes the divisor's sign.
__device__ __forceinline__ float loupe_fmodf(float a, float b) {
    float r = fmodf(a, b);
    if (r != 0.0f && ((r < 0.0f) != (b < 0.0f))) r += b;
    return r;
}`,
  ipow: `// Python's a ** n for a non-negative integer n: exact integer power (pow would round through double).
__device__ __forceinline__ long long loupe_ipow(long long a, long long n) {
    long long r = 1;
    while (n > 0) {
        if (n & 1) r *= a;
        a *= a;
        n >>= 1;
    }
    return r;
}`,
};

export const atomicOpName = (op: ReductionOp): AtomicOpName => {
  switch (op) {
    case '+':
    case '-':
      return 'add';
    case '*':
      return 'mul';
    case 'min':
      return 'min';
    case 'max':
      return 'max';
    case '&':
      return 'and';
    case '|':
      return 'or';
    case '^':
      return 'xor';
    default:
      return assertNever(op, 'reduction operator');
  }
};

/** `a ⊕ b` in C for a reduction operator (also the shared-memory tree's combine). */
export function combineExpr(op: AtomicOpName, dtype: Dtype, a: string, b: string): string {
  const float = dtype === 'float64' || dtype === 'float32';
  const f = dtype === 'float32' ? 'f' : '';
  switch (op) {
    case 'add':
      return `${a} + ${b}`;
    case 'mul':
      return `${a} * ${b}`;
    case 'min':
      return float ? `fmin${f}(${a}, ${b})` : `(${b} < ${a} ? ${b} : ${a})`;
    case 'max':
      return float ? `fmax${f}(${a}, ${b})` : `(${b} > ${a} ? ${b} : ${a})`;
    case 'and':
      return `${a} & ${b}`;
    case 'or':
      return `${a} | ${b}`;
    case 'xor':
      return `${a} ^ ${b}`;
    default:
      return assertNever(op, 'atomic operator');
  }
}

/** The reduction's identity: what a thread's partial starts from. */
export function identityLiteral(op: AtomicOpName, dtype: Dtype): string {
  const float = dtype === 'float64' || dtype === 'float32';
  const f = dtype === 'float32' ? 'f' : '';
  switch (op) {
    case 'add':
    case 'or':
    case 'xor':
      return float ? `0.0${f}` : '0';
    case 'mul':
      return float ? `1.0${f}` : '1';
    case 'and':
      return '-1'; // all bits set
    case 'min':
      return float ? (f ? 'LOUPE_INF_F' : 'LOUPE_INF') : dtype === 'int32' ? '2147483647' : '9223372036854775807LL';
    case 'max':
      return float ? (f ? '(-LOUPE_INF_F)' : '(-LOUPE_INF)') : dtype === 'int32' ? '(-2147483647 - 1)' : '(-9223372036854775807LL - 1)';
    default:
      return assertNever(op, 'atomic operator');
  }
}

/** The call that atomically folds `value` into `*ptr`. Native atomicAdd where CUDA has one (sm_60+ for double). */
export function atomicCall(op: AtomicOpName, dtype: Dtype, ptr: string, value: string, use: (h: HelperName) => void): string {
  if (op === 'add' && (dtype === 'float64' || dtype === 'float32' || dtype === 'int32')) return `atomicAdd(${ptr}, ${value})`;
  use(`atomic_${op}_${dtype}`);
  return `loupe_atomic_${op}_${dtype}(${ptr}, ${value})`;
}

/** A compare-and-swap loop: reinterpret the element as an integer word, retry until no other thread intervened. */
function atomicHelper(op: AtomicOpName, dtype: Dtype): string {
  const t = dtypeCType(dtype);
  const word = dtype === 'float64' || dtype === 'int64' ? 'unsigned long long' : 'unsigned int';
  const toWord = (x: string): string => {
    switch (dtype) {
      case 'float64':
        return `(unsigned long long)__double_as_longlong(${x})`;
      case 'float32':
        return `__float_as_uint(${x})`;
      case 'int64':
        return `(unsigned long long)(${x})`;
      case 'int32':
        return `(unsigned int)(${x})`;
      default:
        return assertNever(dtype, 'dtype');
    }
  };
  const fromWord = (x: string): string => {
    switch (dtype) {
      case 'float64':
        return `__longlong_as_double((long long)${x})`;
      case 'float32':
        return `__uint_as_float(${x})`;
      case 'int64':
        return `(long long)(${x})`;
      case 'int32':
        return `(int)(${x})`;
      default:
        return assertNever(dtype, 'dtype');
    }
  };
  return `// *p = *p ${op} v, atomically (compare-and-swap loop).
__device__ __forceinline__ void loupe_atomic_${op}_${dtype}(${t}* p, ${t} v) {
    ${word}* w = (${word}*)p;
    ${word} old = *w;
    ${word} assumed;
    do {
        assumed = old;
        ${t} cur = ${fromWord('assumed')};
        old = atomicCAS(w, assumed, ${toWord(combineExpr(op, dtype, 'cur', 'v'))});
    } while (assumed != old);
}`;
}

export function helperSource(name: HelperName): string {
  const m = /^atomic_(\w+?)_(float64|float32|int64|int32)$/.exec(name);
  if (m) return atomicHelper(m[1] as AtomicOpName, m[2] as Dtype);
  return FIXED[name as keyof typeof FIXED];
}

/** Emission order: fixed helpers first, then atomics, each once. */
export function helpersSource(used: ReadonlySet<HelperName>): string {
  return [...used]
    .sort()
    .map((h) => helperSource(h))
    .join('\n\n');
}
