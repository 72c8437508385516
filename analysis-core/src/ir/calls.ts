/**
 * What a call means: imports (`import numpy as np`, `from math import sqrt`), which callees are pure
 * (cannot write memory Loupe tracks), which allocate a fresh array, and which return a view of an existing
 * array (an alias). Everything not listed is an unknown call: it may write its arguments or globals, and
 * a loop containing one cannot be proved parallel.
 */
import { sliceSource } from '../parse/source.js';
import type { Expr, Module, Stmt } from '../parse/syntax.js';
import { targetNames } from './scopes.js';
import { nestedBodies } from './walk.js';

/**
 * Local name → qualified name (`np` → `numpy`, `sqrt` → `math.sqrt`), plus which builtin names still mean
 * the builtin. A name is only trusted when nothing in the file can rebind it (see `collectImports`).
 */
export interface ImportTable extends ReadonlyMap<string, string> {
  /** Builtin names (`max`, `range`, `len`, …) that no binding in the file shadows. */
  readonly builtins: ReadonlySet<string>;
}

/** Names Loupe gives a meaning without an import: trusted only while the file never binds them itself. */
const IMPLICIT_MODULES: ReadonlyMap<string, string> = new Map([
  ['np', 'numpy'],
  ['numpy', 'numpy'],
  ['math', 'math'],
]);

/** Modules whose `from m import *` cannot shadow a builtin Loupe relies on. */
const STAR_SAFE_MODULES: ReadonlySet<string> = new Set(['math', 'cmath']);

/**
 * Names bound by constructs Loupe's syntax keeps opaque (`class C`, `with … as x`, `except … as x`,
 * `global x`, `del x`, `x := …`, `lambda x: …`, `*x = …`), read from the text with strings and comments
 * blanked. A spurious match only makes Loupe trust fewer names, never more.
 */
const OPAQUE_BINDERS: readonly RegExp[] = [
  /\bclass\s+([A-Za-z_]\w*)/g,
  /\b(?:global|nonlocal|del)[ \t]+([A-Za-z_][\w \t,]*)/g,
  /([A-Za-z_]\w*)\s*:=/g,
  /\blambda\b([^:]*):/g,
  /(?:^|[,([])[ \t]*\*[ \t]*([A-Za-z_]\w*)[ \t]*[,=)\]]/gm,
  /\bcase\b([^:\n]*):/g,
];

/**
 * The file's name table. Python resolves names per scope and at run time; Loupe asks one question per
 * name for the whole file — "can this name mean anything but the module or builtin?" — and trusts it only
 * when the answer is no: the name is never assigned, defined, used as a parameter or loop target, bound
 * by `class`/`with`/`except`/`global`/`:=`/…, imported twice to different things, or exposed to a
 * `from m import *` (other than from `math`) that could rebind it. This is coarser than Python's scopes
 * (a parameter `max` in one function makes `max` untrusted in all of them) and never finer, so it can only
 * turn a verdict into "unknown call", never into a false "pure".
 */
export function collectImports(module: Module, code = ''): ImportTable {
  const bound = new Set<string>();
  const imported = new Map<string, { module: string; offset: number } | null>();
  let lastForeignStar = -1;
  const bind = (names: Iterable<string>): void => {
    for (const n of names) bound.add(n);
  };
  // `np.zeros = …`, `math.sqrt = …`: a monkeypatched module is no longer the module Loupe knows.
  const patched = (t: Expr): void => {
    if (t.kind === 'tuple' || t.kind === 'list') return t.elements.forEach(patched);
    let cur: Expr = t;
    while (cur.kind === 'attribute' || cur.kind === 'subscript') cur = cur.kind === 'attribute' ? cur.object : cur.value;
    if (cur.kind === 'name' && cur !== t) bound.add(cur.id);
  };
  // Iterative: statement nesting depth is the user's, the JS stack is not.
  const stack: Stmt[] = [...module.body];
  while (stack.length > 0) {
    const s = stack.pop()!;
    switch (s.kind) {
      case 'assign':
        for (const t of s.targets) {
          bind(targetNames(t));
          patched(t);
        }
        break;
      case 'augassign':
        bind(targetNames(s.target));
        patched(s.target);
        break;
      case 'for':
        bind(targetNames(s.target));
        break;
      case 'function':
        bind([s.name, ...s.params]);
        break;
      case 'import':
        for (const n of s.names) {
          if (n.module === '' || n.alias === '') continue;
          if (n.name === '*') {
            if (!STAR_SAFE_MODULES.has(n.module)) lastForeignStar = Math.max(lastForeignStar, s.range.startOffset);
            continue;
          }
          // `import numpy.linalg` binds `numpy`; `import numpy.linalg as la` binds `la` to the submodule.
          const first = n.module.split('.')[0]!;
          const target = n.name === null ? (n.alias === first ? first : n.module) : `${n.module}.${n.name}`;
          const prev = imported.get(n.alias);
          if (prev === undefined) imported.set(n.alias, { module: target, offset: s.range.startOffset });
          else if (prev !== null && prev.module !== target) imported.set(n.alias, null);
          else if (prev !== null) imported.set(n.alias, { module: target, offset: Math.max(prev.offset, s.range.startOffset) });
        }
        break;
      default:
        break;
    }
    for (const inner of nestedBodies(s)) stack.push(...inner);
  }
  for (const re of OPAQUE_BINDERS) {
    re.lastIndex = 0;
    for (let m = re.exec(code); m !== null; m = re.exec(code)) bind(m[1]!.match(/[A-Za-z_]\w*/g) ?? []);
  }
  // `with … as x`, `except … as x`, `case … as x`: every `as` outside import statements (read from the syntax).
  for (const line of code.split('\n')) {
    if (/^\s*(?:import|from)\b/.test(line) || !line.includes('as')) continue;
    for (const m of line.matchAll(/\bas\s+([A-Za-z_]\w*)/g)) bound.add(m[1]!);
  }

  const table = new Map<string, string>();
  const star = lastForeignStar >= 0;
  for (const [alias, q] of IMPLICIT_MODULES) if (!bound.has(alias) && !star && !imported.has(alias)) table.set(alias, q);
  for (const [alias, imp] of imported) {
    if (imp === null || bound.has(alias) || imp.offset < lastForeignStar) continue;
    table.set(alias, imp.module);
  }
  const builtins = new Set<string>();
  if (!star && !/\bbuiltins\s*\.\s*\w+\s*=[^=]/.test(code) && !/__builtins__/.test(code)) {
    for (const b of TRUSTED_BUILTINS) if (!bound.has(b) && !imported.has(b)) builtins.add(b);
  }
  return Object.assign(table, { builtins });
}

/**
 * The source with string literals and comments replaced by spaces (newlines kept), so that text searches
 * see only code. Prefixes (`r`, `b`, `f`, …) stay; triple quotes and backslash escapes are honoured.
 */
export function blankStringsAndComments(source: string): string {
  const out = source.split('');
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (c === '#') {
      while (i < n && source[i] !== '\n') out[i++] = ' ';
      continue;
    }
    if (c !== '"' && c !== "'") {
      i++;
      continue;
    }
    const triple = source.startsWith(c.repeat(3), i);
    const close = triple ? c.repeat(3) : c;
    for (let k = 0; k < close.length; k++) out[i++] = ' ';
    while (i < n && !source.startsWith(close, i)) {
      // An unterminated one-line string ends at the line's end (tree-sitter reports the error).
      if (!triple && source[i] === '\n') break;
      if (source[i] === '\\' && i + 1 < n) {
        if (source[i + 1] !== '\n') out[i + 1] = ' ';
        out[i] = ' ';
        i += 2;
        continue;
      }
      if (source[i] !== '\n') out[i] = ' ';
      i++;
    }
    if (i < n && source.startsWith(close, i)) for (let k = 0; k < close.length; k++) out[i++] = ' ';
  }
  return out.join('');
}

/** Builtins that write nothing (`print` is left out on purpose: output order is an effect). */
// prettier-ignore
const BUILTINS_PURE: ReadonlySet<string> = new Set([
  'min', 'max', 'abs', 'float', 'int', 'range', 'len', 'round', 'pow', 'bool', 'divmod',
  'enumerate', 'zip', 'reversed', 'sum', 'any', 'all', 'isinstance',
]);

/** Builtins whose meaning Loupe relies on: pure ones, loop headers, and the dynamic-code builtins it must spot. */
// prettier-ignore
const TRUSTED_BUILTINS: ReadonlySet<string> = new Set([
  ...BUILTINS_PURE, 'prange', 'xrange', 'print', 'exec', 'eval', 'globals', 'locals', 'vars', 'setattr', 'delattr', '__import__',
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
    const q = imports.get(callee.id) ?? (BUILTINS_PURE.has(callee.id) && imports.builtins.has(callee.id) ? callee.id : null);
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
    // Numba's `prange` iterates exactly like `range`; a user's own `range` does not.
    if (q !== undefined) return q === 'numba.prange';
    return (callee.id === 'range' || callee.id === 'prange') && imports.builtins.has(callee.id);
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
