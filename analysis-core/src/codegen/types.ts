/**
 * Value types for code generation, modelled on NumPy 2's promotion rules (NEP 50) so that the CUDA
 * arithmetic happens in the same precision as the Python baseline: array elements are "strong" (their
 * dtype wins), Python ints and floats — literals, loop variables, scalar arguments — are "weak" (they adopt
 * the other operand's type). The one place this matters numerically is float32: `0.5 * a[i]` with a
 * float32 `a` is a float32 multiply in NumPy, so the CUDA must not silently widen it to double.
 */
import type { Dtype } from '../bindings.js';
import { assertNever } from '../util/assert.js';

export type NumKind = 'bool' | 'i32' | 'i64' | 'f32' | 'f64';

export interface VType {
  readonly kind: NumKind;
  /** A Python scalar (literal, int loop variable, float argument): adopts the other operand's precision. */
  readonly weak: boolean;
}

export const T_BOOL: VType = { kind: 'bool', weak: true };
export const T_PYINT: VType = { kind: 'i64', weak: true };
export const T_PYFLOAT: VType = { kind: 'f64', weak: true };

export const isFloat = (t: VType): boolean => t.kind === 'f32' || t.kind === 'f64';
export const isIntegral = (t: VType): boolean => !isFloat(t);

export function dtypeType(d: Dtype): VType {
  switch (d) {
    case 'float64':
      return { kind: 'f64', weak: false };
    case 'float32':
      return { kind: 'f32', weak: false };
    case 'int64':
      return { kind: 'i64', weak: false };
    case 'int32':
      return { kind: 'i32', weak: false };
    default:
      return assertNever(d, 'dtype');
  }
}

export function typeDtype(t: VType): Dtype {
  switch (t.kind) {
    case 'f64':
      return 'float64';
    case 'f32':
      return 'float32';
    case 'i32':
      return 'int32';
    case 'i64':
    case 'bool':
      return 'int64';
    default:
      return assertNever(t.kind, 'numeric kind');
  }
}

/** Binary-operator promotion (NEP 50, simplified to the four dtypes Loupe binds). */
export function promote(a: VType, b: VType): VType {
  const weak = a.weak && b.weak;
  if (a.kind === 'bool') return b.kind === 'bool' ? { kind: 'i64', weak: true } : b;
  if (b.kind === 'bool') return a;
  if (isFloat(a) && isFloat(b)) {
    if (a.weak !== b.weak) return a.weak ? b : a; // the strong float's precision wins
    return { kind: a.kind === 'f64' || b.kind === 'f64' ? 'f64' : 'f32', weak };
  }
  if (isFloat(a) || isFloat(b)) {
    const [f, i] = isFloat(a) ? [a, b] : [b, a];
    // A weak int adopts the float's type; a strong int with a float32 goes to float64 (NumPy's table).
    if (i.weak || f.kind === 'f64') return { kind: f.kind, weak: f.weak && i.weak };
    return { kind: 'f64', weak: false };
  }
  // Both integral.
  if (a.weak !== b.weak) return a.weak ? b : a;
  return { kind: a.kind === 'i64' || b.kind === 'i64' ? 'i64' : 'i32', weak };
}

/** The C type of a value type. `indexType` is what Python ints become (int when every bound value fits). */
export function cType(t: VType, indexType: string): string {
  if (t.kind === 'i64' && t.weak) return indexType;
  switch (t.kind) {
    case 'bool':
      return 'bool';
    case 'i32':
      return 'int';
    case 'i64':
      return 'long long';
    case 'f32':
      return 'float';
    case 'f64':
      return 'double';
    default:
      return assertNever(t.kind, 'numeric kind');
  }
}

export function dtypeCType(d: Dtype): string {
  return cType(dtypeType(d), 'long long');
}
