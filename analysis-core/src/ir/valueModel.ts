/**
 * The value model: per scope, what each name may refer to, computed once from all of the scope's bindings
 * (`scopes.ts`) before lowering, and read by lowering (aliases, list rows), verdicts (numeric reductions)
 * and explanations. Python names are references: `b = a` makes one array with two names, `[[0.0] * m] * n`
 * is n references to one row, `t += [x]` concatenates. The textbook model (distinct arrays of numbers)
 * holds only where this module can show it; everything else is said with a reason.
 *
 * Rules (docs/ARCHITECTURE.md, "Python as it is"):
 * - A name's value is the join over every binding of it in the scope: one unknown binding makes it unknown.
 * - Fresh objects: NumPy allocations and elementwise NumPy results, list displays, repetitions and
 *   comprehensions. A list's rows are distinct only when each row is a fresh object per element
 *   (`[[0.0] * m for _ in range(n)]`, `[np.zeros(m) for _ in range(n)]`, `[[0.0] * m, [0.0] * m]`) and no
 *   row is replaced or handed to code Loupe does not see; `[row] * n`, `[[0.0] * m] * n`,
 *   `[row for _ in range(n)]` and `[a, a]` repeat one object.
 * - Views and aliases: `b = a`, `a[1:]`, `a.T`, `np.asarray(a)`, `a if c else d` (either), `u, v = v, u`
 *   (a permutation: no new alias).
 * - Unknown origin: results of user or unknown functions and methods (`helper(a)` may return `a`),
 *   attributes (`self.u`), tuple unpacking from a call, `:=`. Such an array may be any other array.
 * - Globals: in a function, a name it never binds is the module's; it may be the very object passed as a
 *   parameter (`f(g)`).
 * - Numbers: literals, arithmetic on numbers, element reads of numeric arrays, range loop counters, pure
 *   math results, and names every binding of which is one of those. Parameters and globals are numbers only
 *   when a binding (staging) says so.
 */
import { sliceSource } from '../parse/source.js';
import type { Expr } from '../parse/syntax.js';
import { classifyCallee, isAllocation, isRangeCallee, resolveCallee, viewRoot, type ImportTable } from './calls.js';
import type { ScopeFacts } from './scopes.js';

/** How the rows (first-level elements) of a container relate. */
export type Rows = 'none' | 'distinct' | 'shared' | 'unknown';

export type ArrayOrigin =
  /** Allocated in this scope: distinct from every other array. `rows` for lists; `numeric` elements. */
  | { readonly kind: 'fresh'; readonly container: 'ndarray' | 'list'; readonly rows: Rows; readonly numeric: boolean; readonly why: string }
  | { readonly kind: 'parameter' }
  | { readonly kind: 'global' }
  /** Shares memory with these names (`b = a`, `a[1:]`, `a if c else d`). */
  | { readonly kind: 'view'; readonly of: readonly string[]; readonly why: string }
  | { readonly kind: 'unknown'; readonly why: string };

export type ScalarType = { readonly kind: 'number'; readonly float: boolean } | { readonly kind: 'not-number'; readonly why: string };

export interface ValueModel {
  origin(name: string): ArrayOrigin;
  /** Whether the name is known to hold a number in every binding of the scope; why not otherwise. */
  scalarType(name: string): ScalarType;
}

const NUMPY_FRESH_RESULT =
  /^numpy\.(dot|matmul|outer|inner|cross|kron|sum|prod|mean|cumsum|cumprod|diff|concatenate|stack|vstack|hstack|tile|repeat|sort|argsort|exp|log|sqrt|abs|sin|cos|tanh|random\.\w+)$/;

/** `a if c else d` may be either: each branch is a possible value (`b = a if c else d` may alias both). */
export function branches(e: Expr): Expr[] {
  return e.kind === 'conditional' ? [...branches(e.body), ...branches(e.orelse)] : [e];
}

/** The answer while a name's origin is being computed (`a = a[1:]` asks for itself): unknown. */
const PROVISIONAL: ArrayOrigin = { kind: 'unknown', why: 'the name is defined in terms of itself' };

/** Builds the model of one scope. `globalNames`: names some function declares `global` or `nonlocal`. */
export function buildValueModel(
  facts: ScopeFacts,
  params: readonly string[],
  imports: ImportTable,
  source: string,
  isFunction: boolean,
  globalNames: ReadonlySet<string>,
): ValueModel {
  const origins = new Map<string, ArrayOrigin>();
  const types = new Map<string, ScalarType>();
  const text = (e: Expr): string => sliceSource(source, e.range);

  const viewRoots = (e: Expr): string[] | null => {
    const r = viewRoot(e, imports, source);
    return r === null ? null : [r];
  };

  /** Names some binding of the scope makes a view of (those may have their rows replaced through the view). */
  const viewed = new Set<string>();
  for (const list of facts.bindings.values())
    for (const b of list)
      if (b.kind === 'value' && b.value !== null) for (const v of branches(b.value)) for (const r of viewRoots(v) ?? []) viewed.add(r);

  const rowsOfElement = (e: Expr): Rows | 'number' => {
    const k = freshKind(e);
    if (k === 'number') return 'number';
    return k === null ? 'shared' : 'distinct';
  };

  /** What a freshly evaluated expression is: a number, a new container (with its rows), or null (not fresh). */
  function freshKind(e: Expr): 'number' | { container: 'ndarray' | 'list'; rows: Rows; numeric: boolean } | null {
    if (isNumeric(e, new Set())) return 'number';
    switch (e.kind) {
      case 'attribute':
        // `a.shape`, `a.strides`: a fresh tuple of ints, never an alias of an array's data.
        if (e.attr === 'shape' || e.attr === 'strides') return { container: 'list', rows: 'none', numeric: true };
        break;
      case 'tuple':
      case 'list': {
        if (e.elements.length === 0) return { container: 'list', rows: e.kind === 'tuple' ? 'none' : 'unknown', numeric: false };
        const rows = e.elements.map(rowsOfElement);
        if (rows.every((r) => r === 'number')) return { container: 'list', rows: 'none', numeric: true };
        // Each element display is evaluated afresh; names (`[a, a]`, `[a, b]`) may be one object.
        if (rows.every((r) => r === 'distinct')) return { container: 'list', rows: 'distinct', numeric: rowsNumeric(e.elements) };
        return { container: 'list', rows: 'shared', numeric: false };
      }
      case 'binary': {
        // `[x] * n` / `n * [x]`: n references to the same x.
        const list = e.left.kind === 'list' ? e.left : e.right.kind === 'list' ? e.right : null;
        if (e.op === '*' && list !== null) {
          const inner = freshKind(list);
          if (inner === null || inner === 'number') return null;
          return inner.rows === 'none' ? inner : { container: 'list', rows: 'shared', numeric: false };
        }
        // Any other operator makes a new object (`-2 * nu * (p / q) + 4`, `a + b`); concatenated lists share
        // their operands' rows.
        const listy = (x: Expr): boolean => {
          if (x.kind === 'list' || (x.kind === 'unsupported-expr' && x.element !== undefined)) return true;
          if (x.kind !== 'name' || numericity(x, new Set()) !== 'no') return false;
          const o = originOf(x.id);
          // `w = w * f`: the name's own earlier value, whose other bindings decide it.
          return (o.kind === 'unknown' && o !== PROVISIONAL) || (o.kind === 'fresh' && o.container === 'list');
        };
        const rows: Rows = listy(e.left) || listy(e.right) ? 'unknown' : 'none';
        const text = (x: Expr): boolean => x.kind === 'string';
        return { container: rows === 'none' ? 'ndarray' : 'list', rows, numeric: rows === 'none' && !text(e.left) && !text(e.right) };
      }
      case 'unary':
        return e.op === 'not' ? 'number' : { container: 'ndarray', rows: 'none', numeric: true };
      case 'unsupported-expr': {
        if (e.element === undefined) return null;
        const r = rowsOfElement(e.element);
        if (r === 'number') return { container: 'list', rows: 'none', numeric: true };
        return { container: 'list', rows: r, numeric: r === 'distinct' && rowsNumeric([e.element]) };
      }
      case 'call': {
        const c = resolveCallee(e.callee, imports, source);
        if (isAllocation(e, imports, source)) {
          const objectDtype = e.keywords.some((k) => k.name === 'dtype' && !/float|int|complex|bool/.test(text(k.value)));
          return { container: 'ndarray', rows: 'none', numeric: !objectDtype };
        }
        if (
          c.qualified !== null &&
          (classifyCallee(c) === 'pure' || NUMPY_FRESH_RESULT.test(c.qualified)) &&
          c.qualified.startsWith('numpy.')
        )
          return { container: 'ndarray', rows: 'none', numeric: true };
        // `list(range(n))`: a flat list of ints.
        const first = e.args[0];
        if (
          e.callee.kind === 'name' &&
          e.callee.id === 'list' &&
          imports.builtins.has('len') &&
          first?.kind === 'call' &&
          isRangeCallee(first.callee, imports)
        )
          return { container: 'list', rows: 'none', numeric: true };
        return null;
      }
      default:
        break;
    }
    return null;
  }

  /** `x, y = np.meshgrid(…)` and friends: NumPy functions returning a tuple of new arrays. */
  function unpacksFresh(e: Expr): boolean {
    if (e.kind !== 'call' || e.keywords.some((k) => k.name === 'copy' || k.name === 'sparse' || k.name === 'out')) return false;
    const c = resolveCallee(e.callee, imports, source);
    return (
      c.qualified !== null &&
      /^numpy\.(meshgrid|histogram|histogram2d|unique|gradient|linalg\.(eig|eigh|svd|qr|slogdet|lstsq))$/.test(c.qualified)
    );
  }

  function rowsNumeric(rows: readonly Expr[]): boolean {
    return rows.every((r) => {
      const k = freshKind(r);
      return k !== null && k !== 'number' && k.numeric;
    });
  }

  /** An expression whose value is a number (or a NumPy array of numbers) whenever it evaluates. */
  function isNumeric(e: Expr, visiting: Set<string>): boolean {
    return numericity(e, visiting) === 'yes';
  }

  /**
   * `yes`: a number whenever it evaluates (or it raises). `maybe`: a name Loupe knows nothing about (a
   * parameter, a global): a number in arithmetic with a number, except where Python gives other types a
   * meaning (`'ab' * 3`, `'%d' % n`). `no`: anything else (lists, strings, calls Loupe does not know).
   */
  function numericity(e: Expr, visiting: Set<string>): 'yes' | 'maybe' | 'no' {
    switch (e.kind) {
      case 'int':
      case 'float':
      case 'bool':
        return 'yes';
      case 'unary':
        return numericity(e.operand, visiting) === 'no' ? 'no' : e.op === 'not' ? 'yes' : numericity(e.operand, visiting);
      case 'binary': {
        if (e.op === '@') return 'no';
        const l = numericity(e.left, visiting);
        const r = numericity(e.right, visiting);
        if (l === 'no' || r === 'no') return 'no';
        if (l === 'yes' && r === 'yes') return 'yes';
        if (l === 'maybe' && r === 'maybe') return 'maybe';
        // A number with an unknown: `+ - / // **` raise unless the unknown is a number; `*` repeats
        // sequences and `str % x` formats.
        if (e.op === '*' || e.op === '<<' || e.op === '>>' || e.op === '&' || e.op === '|' || e.op === '^') return 'maybe';
        if (e.op === '%') return l === 'yes' ? 'yes' : 'maybe';
        return 'yes';
      }
      case 'compare':
        return e.ops.every((op) => op !== 'in' && op !== 'not in') && e.operands.every((o) => numericity(o, visiting) !== 'no')
          ? 'yes'
          : 'no';
      case 'conditional': {
        const a = numericity(e.body, visiting);
        const b = numericity(e.orelse, visiting);
        return a === 'no' || b === 'no' ? 'no' : a === 'yes' && b === 'yes' ? 'yes' : 'maybe';
      }
      case 'name': {
        if (nameIsNumber(e.id, visiting)) return 'yes';
        const bound = (facts.bindings.get(e.id) ?? []).length > 0 || (facts.loopIters.get(e.id) ?? []).length > 0;
        return bound || globalNames.has(e.id) || imports.has(e.id) ? 'no' : 'maybe';
      }
      case 'subscript': {
        let base: Expr = e;
        while (base.kind === 'subscript') base = base.value;
        if (base.kind !== 'name') return 'no';
        // Elements of arrays Loupe did not see allocated are taken as numbers (Loupe's model: NumPy arrays);
        // an update whose operand is visibly not a number is rejected where the reduction is checked.
        const o = originOf(base.id);
        return o.kind === 'fresh' && !o.numeric ? 'no' : 'yes';
      }
      case 'attribute': {
        const c = resolveCallee(e, imports, source);
        if (!c.isMethod && c.qualified !== null && /^(math|numpy)\.(pi|e|inf|nan|tau|newaxis)$/.test(c.qualified)) return 'yes';
        return e.attr === 'size' || e.attr === 'ndim' ? 'yes' : 'no';
      }
      case 'call': {
        const c = resolveCallee(e.callee, imports, source);
        if (c.qualified === null || classifyCallee(c) !== 'pure') return 'no';
        if (c.qualified === 'float' || c.qualified === 'int' || c.qualified === 'len' || c.qualified === 'bool') return 'yes';
        if (/^(c?math|numpy)\./.test(c.qualified)) return 'yes';
        // `min`, `max`, `abs`, `round`, `pow`: numbers in, a number out; lists or strings in, not.
        if (!['min', 'max', 'abs', 'round', 'pow'].includes(c.qualified)) return 'no';
        const args = e.args.map((a) => numericity(a, visiting));
        return args.includes('no')
          ? 'no'
          : args.includes('yes') &&
              (c.qualified === 'abs' || c.qualified === 'round' || c.qualified === 'pow' || args.every((a) => a === 'yes'))
            ? 'yes'
            : 'maybe';
      }
      default:
        return 'no';
    }
  }

  /**
   * Every binding of the name gives a number: values that are numbers, or unknowns (`x = c0`, a parameter)
   * that the loop then updates with a number by `+ - / // **` (`number op unknown` raises unless the unknown
   * is a number too); `n, m = a.shape` unpacks ints.
   */
  function nameIsNumber(name: string, visiting: Set<string>): boolean {
    if (visiting.has(name)) return true; // a cycle (`s = s + 1`) adds nothing a non-cyclic binding did not say
    if (params.includes(name) || globalNames.has(name)) return false;
    const bindings = facts.bindings.get(name) ?? [];
    const iters = facts.loopIters.get(name) ?? [];
    if (bindings.length === 0 && iters.length === 0) return false;
    visiting.add(name);
    try {
      // Loop counters of `range` loops are ints; any other iterable may yield anything.
      if (!iters.every((it) => it.kind === 'call' && isRangeCallee(it.callee, imports))) return false;
      let sure = iters.length > 0;
      for (const b of bindings) {
        if (b.value === null || b.kind === 'unknown' || b.kind === 'permutation') return false;
        if (b.kind === 'unpack') {
          if (!(b.value.kind === 'attribute' && (b.value.attr === 'shape' || b.value.attr === 'strides'))) return false;
          sure = true;
          continue;
        }
        const n = numericity(b.value, visiting);
        if (n === 'no') return false;
        if (n === 'yes' && (b.kind === 'value' || ['+', '-', '/', '//', '**'].includes(b.op ?? ''))) sure = true;
      }
      return sure;
    } finally {
      visiting.delete(name);
    }
  }

  function originOf(name: string): ArrayOrigin {
    const cached = origins.get(name);
    if (cached !== undefined) return cached;
    // Provisional answer for cycles (`a = a[1:]`): unknown until shown otherwise.
    origins.set(name, PROVISIONAL);
    const o = computeOrigin(name);
    origins.set(name, o);
    return o;
  }

  /**
   * `u, v = v, u` exchanges objects within a group of names: each may hold any member's own object, and the
   * members stay distinct from each other. So a member's origin is the join of the group's own origins.
   */
  function computeOrigin(name: string): ArrayOrigin {
    const own = ownOrigin(name);
    const partners = new Set<string>();
    const stack = [name];
    while (stack.length > 0) {
      const n = stack.pop()!;
      for (const b of facts.bindings.get(n) ?? [])
        if (b.kind === 'permutation' && b.value?.kind === 'name' && b.value.id !== name && !partners.has(b.value.id)) {
          partners.add(b.value.id);
          stack.push(b.value.id);
        }
    }
    let o = own;
    for (const p of partners) {
      const other = ownOrigin(p);
      if (o.kind === 'fresh' && other.kind === 'fresh') o = joinFresh(o, other, o.why);
      else if ((o.kind === 'parameter' || o.kind === 'fresh') && (other.kind === 'parameter' || other.kind === 'fresh'))
        o = { kind: 'parameter' };
      else if (o.kind !== 'unknown')
        o = { kind: 'unknown', why: `\`${name}\` exchanges its object with \`${p}\`, whose array Loupe cannot follow` };
    }
    return o;
  }

  function ownOrigin(name: string): ArrayOrigin {
    const bindings = facts.bindings.get(name) ?? [];
    if (globalNames.has(name))
      return { kind: 'unknown', why: `\`${name}\` is declared \`global\` or \`nonlocal\` in a function, which may re-bind it` };
    if (params.includes(name)) {
      // Re-bound only to fresh objects (`T = Tn.copy()`): still distinct from the other parameters.
      const fresh = (b: (typeof bindings)[number]): boolean =>
        b.kind === 'permutation' ||
        b.kind === 'update' ||
        (b.kind === 'value' && b.value !== null && branches(b.value).every((v) => viewRoots(v) === null && freshKind(v) !== null));
      if (bindings.every(fresh)) return { kind: 'parameter' };
      return { kind: 'unknown', why: `parameter \`${name}\` is re-bound in the function` };
    }
    if (bindings.length === 0) {
      if ((facts.loopIters.get(name) ?? []).length > 0) return { kind: 'unknown', why: `\`${name}\` is the variable of a \`for\` loop` };
      // A snippet's free names are its inputs: bound by the user or a run, like parameters.
      return isFunction ? { kind: 'global' } : { kind: 'parameter' };
    }
    let fresh: (ArrayOrigin & { kind: 'fresh' }) | null = null;
    const views = new Set<string>();
    let viewWhy = '';
    for (const b of bindings) {
      if (b.kind === 'update') continue; // `a += 1` updates in place (ndarray) or is flagged where it matters
      if (b.kind === 'unpack' && b.value !== null && unpacksFresh(b.value)) {
        const why = `\`${sliceSource(source, b.range)}\``;
        const k = { container: 'ndarray' as const, rows: 'none' as const, numeric: true };
        fresh = fresh === null ? { kind: 'fresh', ...k, why } : joinFresh(fresh, k, why);
        continue;
      }
      if (b.kind === 'unknown' || b.kind === 'unpack' || b.value === null)
        return { kind: 'unknown', why: `\`${name}\` is bound by \`${sliceSource(source, b.range)}\`, which Loupe does not follow` };
      if (b.kind === 'permutation') continue; // joined below
      for (const v of branches(b.value)) {
        const roots = viewRoots(v);
        if (roots !== null) {
          for (const r of roots) views.add(r);
          viewWhy = `\`${sliceSource(source, b.range)}\``;
          continue;
        }
        const k = freshKind(v);
        if (k === 'number') continue;
        if (k === null)
          return { kind: 'unknown', why: `\`${name}\` comes from \`${text(v)}\`, which may return an existing array (or a view of one)` };
        const rows: Rows =
          k.rows === 'distinct' && (facts.escapes.has(name) || viewed.has(name) || rowsReplaced(name)) ? 'unknown' : k.rows;
        const why = `\`${sliceSource(source, b.range)}\``;
        fresh =
          fresh === null ? { kind: 'fresh', container: k.container, rows, numeric: k.numeric, why } : joinFresh(fresh, { ...k, rows }, why);
      }
    }
    if (views.size > 0) return { kind: 'view', of: [...views].filter((v) => v !== name), why: viewWhy || 'a parallel assignment' };
    return fresh ?? { kind: 'unknown', why: `\`${name}\` is not bound to an array Loupe can follow` };
  }

  function joinFresh(
    a: ArrayOrigin & { kind: 'fresh' },
    b: { container: 'ndarray' | 'list'; rows: Rows; numeric: boolean },
    why: string,
  ): ArrayOrigin & { kind: 'fresh' } {
    const rows: Rows = a.rows === b.rows ? a.rows : a.rows === 'shared' || b.rows === 'shared' ? 'shared' : 'unknown';
    return {
      kind: 'fresh',
      container: a.container === b.container ? a.container : 'list',
      rows,
      numeric: a.numeric && b.numeric,
      why: a.rows === rows ? a.why : why,
    };
  }

  function rowsReplaced(name: string): boolean {
    const depth = facts.readDepths.get(name) ?? 0;
    for (const d of facts.storeDepths.get(name) ?? []) if (d < depth) return true;
    return false;
  }

  return {
    origin: originOf,
    scalarType(name) {
      const cached = types.get(name);
      if (cached !== undefined) return cached;
      let t: ScalarType;
      if (nameIsNumber(name, new Set())) {
        const float = !(facts.bindings.get(name) ?? []).every(
          (b) => b.kind === 'update' || (b.value !== null && (b.value.kind === 'int' || b.value.kind === 'bool')),
        );
        t = { kind: 'number', float };
      } else {
        const first =
          (facts.bindings.get(name) ?? []).find(
            (b) => b.kind === 'unknown' || (b.kind === 'value' && b.value !== null && !isNumeric(b.value, new Set([name]))),
          ) ?? (facts.bindings.get(name) ?? []).find((b) => b.kind !== 'update');
        const why =
          params.includes(name) || first === undefined
            ? `\`${name}\` is not assigned a number in this ${isFunction ? 'function' : 'file'} (bind it to a number to decide)`
            : `\`${name}\` is not known to hold a number (\`${sliceSource(source, first.range)}\`)`;
        t = { kind: 'not-number', why };
      }
      types.set(name, t);
      return t;
    },
  };
}
