/**
 * User names in generated C: Python identifiers that are C++/CUDA keywords or builtins (`float`, `int`,
 * `new`, `min`, `threadIdx`, …) get a trailing underscore, and Loupe's own names all start with `loupe_`,
 * which user names are kept out of the same way. Python names stay as written (the baselines take the
 * plan's names as keyword arguments).
 */
import { checkIdentifier, unsupported } from './unsupported.js';

const C_RESERVED: ReadonlySet<string> = new Set([
  'alignas', 'alignof', 'asm', 'auto', 'bool', 'break', 'case', 'catch', 'char', 'class', 'const', 'constexpr',
  'const_cast', 'continue', 'decltype', 'default', 'delete', 'do', 'double', 'dynamic_cast', 'else', 'enum',
  'explicit', 'export', 'extern', 'false', 'float', 'for', 'friend', 'goto', 'if', 'inline', 'int', 'long',
  'mutable', 'namespace', 'new', 'noexcept', 'nullptr', 'operator', 'private', 'protected', 'public', 'register',
  'reinterpret_cast', 'return', 'short', 'signed', 'sizeof', 'static', 'static_assert', 'static_cast', 'struct',
  'switch', 'template', 'this', 'throw', 'true', 'try', 'typedef', 'typeid', 'typename', 'union', 'unsigned',
  'using', 'virtual', 'void', 'volatile', 'wchar_t', 'while', 'and', 'or', 'not', 'xor', 'bitand', 'bitor',
  'compl', 'and_eq', 'or_eq', 'xor_eq', 'not_eq', 'main', 'std',
  // CUDA builtins and the math functions the kernels call.
  'threadIdx', 'blockIdx', 'blockDim', 'gridDim', 'warpSize', 'dim3', 'uint3',
  'sqrt', 'exp', 'log', 'sin', 'cos', 'tan', 'tanh', 'fabs', 'floor', 'ceil', 'pow', 'erf', 'fmin', 'fmax',
  'min', 'max', 'abs', 'llabs', 'fmod', 'rint', 'atomicAdd', 'atomicCAS', 'printf', 'NULL', 'INFINITY',
]); // prettier-ignore

export function cName(name: string): string {
  checkIdentifier(name);
  if (C_RESERVED.has(name) || name.startsWith('loupe_') || /__/.test(name)) return `${name}_`;
  return name;
}

/** `A.shape[1]` → `A_shape1` (an extent passed as a kernel argument when no binding fixes it). */
export function extentCName(symbol: string): string | null {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)\.shape\[(\d+)\]$/.exec(symbol);
  return m ? `${cName(m[1]!)}_shape${m[2]!}` : null;
}

/** Python names Loupe's baselines import; a user variable with one of these names would shadow it. */
const PY_RESERVED: ReadonlySet<string> = new Set(['np', 'math', 'numba', 'kernel']);

export function pyName(name: string): string {
  checkIdentifier(name);
  if (PY_RESERVED.has(name) || name.startsWith('loupe_'))
    unsupported(`the name \`${name}\` would shadow a module the generated Python imports`);
  return name;
}
