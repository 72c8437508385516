/**
 * What a call means: imports (`import numpy as np`, `from math import sqrt`), which callees are pure
 * (cannot write memory Loupe tracks), which allocate a fresh array, and which return a view of an existing
 * array (an alias). Everything not listed is an unknown call: it may write its arguments or globals, and
 * a loop containing one cannot be proved parallel.
 */
import { sliceSource } from '../parse/source.js';
import type { Expr, Module, Stmt } from '../parse/syntax.js';
import { nestedBodies } from './walk.js';

/** Local name → qualified name: `np` → `numpy`, `sqrt` → `math.sqrt`. */
export type ImportTable = ReadonlyMap<string, string>;

/**
 * Python scopes imports per function; Loupe reads them file-wide (one table), which only matters when two
 * functions bind the same alias to different modules — rare enough to accept. Snippets often omit their
 * imports, so the conventional `np`, `numpy` and `math` are understood without one.
 */
export function collectImports(module: Module): ImportTable {
  const table = new Map<string, string>([
    ['np', 'numpy'],
    ['numpy', 'numpy'],
    ['math', 'math'],
  ]);
  // Iterative: statement nesting depth is the user's, the JS stack is not.
  const stack: Stmt[] = [...module.body];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.kind !== 'import') {
      for (const inner of nestedBodies(s)) stack.push(...inner);
      continue;
    }
    for (const n of s.names) {
      if (n.module === '' || n.alias === '') continue;
      if (n.name === null) {
        // `import numpy.linalg` binds `numpy`; `import numpy.linalg as la` binds `la` to the submodule.
        const first = n.module.split('.')[0]!;
        table.set(n.alias, n.alias === first ? first : n.module);
      } else if (n.name !== '*') {
        table.set(n.alias, `${n.module}.${n.name}`);
      }
    }
  }
  return table;
}

/** Builtins that write nothing (`print` is left out on purpose: output order is an effect). */
// prettier-ignore
const BUILTINS_PURE: ReadonlySet<string> = new Set([
  'min', 'max', 'abs', 'float', 'int', 'range', 'len', 'round', 'pow', 'bool', 'divmod',
  'enumerate', 'zip', 'reversed', 'sum', 'any', 'all', 'isinstance',
]);

/** NumPy functions that compute elementwise (or scalar) values and write nothing. */
// prettier-ignore
const NUMPY_PURE: ReadonlySet<string> = new Set([
  'sqrt', 'cbrt', 'square', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p', 'logaddexp',
  'sin', 'cos', 'tan', 'arcsin', 'arccos', 'arctan', 'arctan2', 'sinh', 'cosh', 'tanh', 'arcsinh', 'arccosh', 'arctanh',
  'hypot', 'deg2rad', 'rad2deg', 'degrees', 'radians',
  'abs', 'absolute', 'fabs', 'sign', 'floor', 'ceil', 'trunc', 'rint', 'round',
  'minimum', 'maximum', 'fmin', 'fmax', 'clip', 'where',
  'power', 'float_power', 'mod', 'fmod', 'remainder', 'floor_divide', 'true_divide', 'divide',
  'add', 'subtract', 'multiply', 'negative', 'positive', 'reciprocal', 'copysign',
  'isnan', 'isinf', 'isfinite', 'erf',
  'float64', 'float32', 'int64', 'int32', 'int8', 'int16', 'uint8', 'bool_', 'intp',
]);

/** Fresh arrays: distinct from every other array, so no aliasing question arises. */
// prettier-ignore
const NUMPY_ALLOC: ReadonlySet<string> = new Set([
  'zeros', 'empty', 'ones', 'full', 'zeros_like', 'empty_like', 'ones_like', 'full_like',
  'array', 'copy', 'arange', 'linspace', 'eye', 'identity',
]);

/** Functions and methods whose result shares memory with their first operand. */
const NUMPY_VIEW: ReadonlySet<string> = new Set([
  'asarray',
  'reshape',
  'ravel',
  'transpose',
  'squeeze',
  'swapaxes',
  'atleast_1d',
  'atleast_2d',
]);
const VIEW_METHODS: ReadonlySet<string> = new Set(['reshape', 'view', 'ravel', 'transpose', 'swapaxes', 'squeeze']);
const VIEW_ATTRS: ReadonlySet<string> = new Set(['T', 'real', 'imag']);

export interface Callee {
  /** `numpy.sqrt`, `math.exp`, `min`; null for user functions and method calls. */
  readonly qualified: string | null;
  /** As written, for messages: `np.sqrt`, `foo`, `a.fill`. */
  readonly display: string;
  /** `x.f(…)` where `x` is not a module: a method call on a value. */
  readonly isMethod: boolean;
}

export function resolveCallee(callee: Expr, imports: ImportTable, source: string): Callee {
  const display = sliceSource(source, callee.range);
  if (callee.kind === 'name') {
    const q = imports.get(callee.id) ?? (BUILTINS_PURE.has(callee.id) ? callee.id : null);
    return { qualified: q, display, isMethod: false };
  }
  if (callee.kind === 'attribute') {
    const path: string[] = [];
    let cur: Expr = callee;
    while (cur.kind === 'attribute') {
      path.unshift(cur.attr);
      cur = cur.object;
    }
    if (cur.kind === 'name') {
      const module = imports.get(cur.id);
      if (module !== undefined) return { qualified: `${module}.${path.join('.')}`, display, isMethod: false };
    }
    return { qualified: null, display, isMethod: true };
  }
  return { qualified: null, display, isMethod: false };
}

export type CallKind = 'pure' | 'allocation' | 'unknown';

export function classifyCallee(c: Callee): CallKind {
  const q = c.qualified;
  if (q === null) return 'unknown';
  if (BUILTINS_PURE.has(q)) return 'pure';
  // Every function of `math` is pure (scalars in, scalar out).
  if (/^c?math\.[A-Za-z_]\w*$/.test(q)) return 'pure';
  const np = /^numpy\.([A-Za-z_]\w*)$/.exec(q);
  if (np) {
    if (NUMPY_PURE.has(np[1]!)) return 'pure';
    if (NUMPY_ALLOC.has(np[1]!)) return 'allocation';
  }
  return 'unknown';
}

/** The name code generation uses: `np.sqrt`, `math.exp`, `min`; the text as written for anything else. */
export function canonicalName(c: Callee): string {
  const q = c.qualified;
  if (q === null) return c.display;
  if (q.startsWith('numpy.')) return `np.${q.slice('numpy.'.length)}`;
  return q;
}

export function isRangeCallee(callee: Expr, imports: ImportTable): boolean {
  if (callee.kind === 'name') {
    const q = imports.get(callee.id);
    // Numba's `prange` iterates exactly like `range`.
    if (q !== undefined) return q === 'numba.prange';
    return callee.id === 'range' || callee.id === 'prange';
  }
  if (callee.kind === 'attribute' && callee.attr === 'prange' && callee.object.kind === 'name') {
    return imports.get(callee.object.id) === 'numba';
  }
  return false;
}

/**
 * The array an expression is a view of (`a`, `a[1:]`, `a[i]`, `a.T`, `a.reshape(…)`, `np.asarray(a)`),
 * or null when it is not an array expression rooted at a name (calls, arithmetic, fresh allocations).
 */
export function viewRoot(expr: Expr, imports: ImportTable, source: string): string | null {
  switch (expr.kind) {
    case 'name':
      return imports.has(expr.id) ? null : expr.id;
    case 'subscript':
      return viewRoot(expr.value, imports, source);
    case 'attribute':
      return VIEW_ATTRS.has(expr.attr) ? viewRoot(expr.object, imports, source) : null;
    case 'call': {
      const c = resolveCallee(expr.callee, imports, source);
      if (c.isMethod && expr.callee.kind === 'attribute' && VIEW_METHODS.has(expr.callee.attr)) {
        return viewRoot(expr.callee.object, imports, source);
      }
      const np = c.qualified === null ? null : /^numpy\.([A-Za-z_]\w*)$/.exec(c.qualified);
      const first = expr.args[0];
      if (np && first) {
        if (NUMPY_VIEW.has(np[1]!)) return viewRoot(first, imports, source);
        // `np.array(a, copy=False)` shares memory; plain `np.array(a)` copies.
        const copyFalse = expr.keywords.some((k) => k.name === 'copy' && k.value.kind === 'bool' && !k.value.value);
        if (np[1] === 'array' && copyFalse) return viewRoot(first, imports, source);
      }
      return null;
    }
    default:
      return null;
  }
}

/** `np.zeros(…)`, `np.empty_like(a)`, `a.copy()`, …: a fresh array. */
export function isAllocation(expr: Expr, imports: ImportTable, source: string): boolean {
  if (expr.kind !== 'call') return false;
  const c = resolveCallee(expr.callee, imports, source);
  if (c.isMethod && expr.callee.kind === 'attribute' && expr.callee.attr === 'copy') return true;
  if (classifyCallee(c) !== 'allocation') return false;
  return !(c.qualified === 'numpy.array' && expr.keywords.some((k) => k.name === 'copy' && k.value.kind === 'bool' && !k.value.value));
}
