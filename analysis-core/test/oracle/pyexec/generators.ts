/**
 * Small Python programs for the Python-semantics property test: each class is a way real Python makes two
 * names one location (or one name many), or makes an update something other than a reduction, with the
 * harmless variants next to the traps so both verdicts occur. Every program runs without raising (in-bounds
 * indices, sizes 3–9) and, when it is a function, is called once at the end with distinct, freshly allocated
 * arguments (Loupe assumes distinct parameter arrays), except where passing a module global is the point.
 */
import fc from 'fast-check';

export type PyClass = 'lastValue' | 'rows' | 'alias' | 'concat' | 'shadow' | 'syntax' | 'escape';
export const PY_CLASSES: readonly PyClass[] = ['lastValue', 'rows', 'alias', 'concat', 'shadow', 'syntax', 'escape'];

export interface GeneratedProgram {
  readonly source: string;
  readonly class: PyClass;
}

/** A program before it is laid out as top-level code or as `def f(...)` plus a call. */
interface Parts {
  /** Module-level lines before everything (imports, globals, helper definitions). */
  readonly prelude?: readonly string[];
  /** Parameters with the fresh value each gets (top level: assigned in order). */
  readonly params: readonly (readonly [string, string])[];
  /** The code around the loop, at indentation 0. */
  readonly body: readonly string[];
  /** An expression read after the loop (`return` in a function, `result = ...` at top level). */
  readonly result?: string;
  /** Only as a function (it relies on parameter or global scoping). */
  readonly functionOnly?: boolean;
}

function render(top: boolean, p: Parts): string {
  const lines = ['import numpy as np', ...(p.prelude ?? [])];
  if (top && !p.functionOnly) {
    lines.push(...p.params.map(([name, value]) => `${name} = ${value}`), ...p.body);
    if (p.result) lines.push(`result = ${p.result}`);
  } else {
    lines.push('', '', `def f(${p.params.map(([name]) => name).join(', ')}):`, ...p.body.map((l) => `    ${l}`));
    if (p.result) lines.push(`    return ${p.result}`);
    lines.push('', '', `f(${p.params.map(([, value]) => value).join(', ')})`);
  }
  return `${lines.join('\n')}\n`;
}

const size = fc.integer({ min: 3, max: 9 });
const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n });
const floatList = (xs: readonly number[]) => `[${xs.map((x) => x.toFixed(1)).join(', ')}]`;
const pick = <const T extends string | number | boolean>(...xs: T[]) => fc.constantFrom(...xs);

function program(cls: PyClass, parts: fc.Arbitrary<Parts>): fc.Arbitrary<GeneratedProgram> {
  return fc.tuple(fc.boolean(), parts).map(([top, p]) => ({ source: render(top, p), class: cls }));
}

// 1. The last value of a name written in some iterations only: conditionally, or inside an inner loop
//    whose trip count may be zero; next to unconditional writes (genuinely privatizable).
const conditionalLast = size.chain((n) =>
  fc
    .record({
      x: digits(n),
      t: fc.integer({ min: 0, max: 9 }),
      init: pick('-1', '0', '0.0'),
      cmp: pick('>', '<', '>=', '=='),
      value: pick('i', 'x[i]', '2 * i'),
      guard: pick('none', 'if', 'if-else', 'if-then-read'),
      used: fc.boolean(),
      extra: fc.boolean(),
    })
    .map((r): Parts => ({
      params: [
        ['x', `np.array(${floatList(r.x)})`],
        ['y', `np.zeros(${n})`],
      ],
      body: [
        `pos = ${r.init}`,
        `for i in range(${n}):`,
        ...(r.extra ? ['    y[i] = x[i] * 2.0'] : []),
        ...(r.guard === 'none' ? [`    pos = ${r.value}`] : [`    if x[i] ${r.cmp} ${r.t}.0:`, `        pos = ${r.value}`]),
        ...(r.guard === 'if-else' ? ['    else:', '        pos = -2'] : r.guard === 'if-then-read' ? ['    y[i] = pos'] : []),
      ],
      result: r.used ? 'pos' : undefined,
    })),
);

const innerLast = size.chain((n) =>
  fc
    .record({
      trip: pick('i', 'n - 1 - i', 'i % 2', '(i + 1) % 2', 'n - i', '1', '2'),
      readInside: fc.boolean(),
      used: fc.boolean(),
    })
    .map((r): Parts => ({
      params: [
        ['a', `np.arange(${n}) * 1.5`],
        ['b', `np.zeros(${n})`],
        ['n', String(n)],
      ],
      body: [
        'last = 0.0',
        'for i in range(n):',
        `    for j in range(${r.trip}):`,
        '        last = a[j]',
        r.readInside ? '    b[i] = last + a[i]' : '    b[i] = 2.0 * a[i]',
      ],
      result: r.used ? 'last' : undefined,
    })),
);

const temp = size.chain((n) =>
  fc.record({ c: fc.integer({ min: 1, max: 5 }), use: pick('t + t * t', 't - 1.0', '0.5 * t'), used: fc.boolean() }).map((r): Parts => ({
    params: [
      ['a', `np.arange(${n}) * 1.0`],
      ['b', `np.zeros(${n})`],
    ],
    body: [`for i in range(${n}):`, `    t = a[i] * ${r.c}.0`, `    b[i] = ${r.use}`],
    result: r.used ? 't' : undefined,
  })),
);

export const lastValueArb = program('lastValue', fc.oneof(conditionalLast, innerLast, temp));

// 2. Lists of rows: one row object repeated (every g[i] is the same row) or a fresh row per element.
const rowBuilders = [
  { shared: true, build: (n: number, m: number) => [`g = [[0.0] * ${m}] * ${n}`] },
  { shared: true, build: (n: number, m: number) => [`row = [0.0] * ${m}`, `g = [row] * ${n}`] },
  { shared: true, build: (n: number, m: number) => [`row = [0.0] * ${m}`, `g = [row for _ in range(${n})]`] },
  { shared: true, build: (n: number, m: number) => [`row = np.zeros(${m})`, `g = [row] * ${n}`] },
  { shared: false, build: (n: number, m: number) => [`g = [[0.0] * ${m} for _ in range(${n})]`] },
  { shared: false, build: (n: number, m: number) => [`g = [np.zeros(${m}) for _ in range(${n})]`] },
  { shared: false, build: (n: number, m: number) => [`g = [[0.0 for _ in range(${m})] for _ in range(${n})]`] },
  { shared: false, build: (n: number, m: number) => [`g = np.zeros((${n}, ${m}))`] },
];

export const rowsArb = program(
  'rows',
  fc
    .record({
      n: size,
      m: size,
      builder: fc.integer({ min: 0, max: rowBuilders.length - 1 }),
      pattern: pick('write', 'inplace', 'augment', 'previous', 'rowsum'),
      swapped: fc.boolean(),
    })
    .map((r): Parts => {
      const setup = rowBuilders[r.builder]!.build(r.n, r.m);
      const first = r.pattern === 'previous' ? `range(1, ${r.n})` : `range(${r.n})`;
      const stmt = {
        write: 'g[i][j] = i * 10.0 + j',
        inplace: 'g[i][j] = g[i][j] * 2.0 + i',
        augment: 'g[i][j] += i + 1.0',
        previous: 'g[i][j] = g[i - 1][j] + 1.0',
        rowsum: 'g[i][j] = i + j * 0.5',
      }[r.pattern];
      const nest = r.swapped
        ? [`for j in range(${r.m}):`, `    for i in ${first}:`, `        ${stmt}`]
        : [`for i in ${first}:`, `    for j in range(${r.m}):`, `        ${stmt}`];
      const sums = r.pattern === 'rowsum' ? [`for i in range(${r.n}):`, `    for j in range(${r.m}):`, '        out[i] += g[i][j]'] : [];
      return { params: [['out', `np.zeros(${r.n})`]], body: [...setup, ...nest, ...sums], result: 'out' };
    }),
);

// 3. Aliasing through tuples, swaps, conditional expressions, helper results and module globals.
const shifted = (k: number, n: number) => (k > 0 ? `range(${n} - ${k})` : k < 0 ? `range(${-k}, ${n})` : `range(${n})`);
const offset = (k: number) => (k > 0 ? ` + ${k}` : k < 0 ? ` - ${-k}` : '');

const tupleAlias = fc.record({ n: size, same: fc.boolean(), k: fc.integer({ min: -1, max: 1 }) }).map((r): Parts => ({
  params: [
    ['x', `np.zeros(${r.n})`],
    ['y', `np.ones(${r.n})`],
  ],
  body: [r.same ? 'p, q = x, x' : 'p, q = x, y', `for i in ${shifted(r.k, r.n)}:`, `    p[i] = q[i${offset(r.k)}] + 1.0`],
}));

const swap = fc
  .record({ n: size, steps: fc.integer({ min: 2, max: 4 }), rebind: pick('u, v = v, u', 'u = v', 'v, u = u, v') })
  .map((r): Parts => ({
    params: [['out', 'np.zeros(1)']],
    body: [
      `u = np.zeros(${r.n})`,
      `v = np.ones(${r.n})`,
      `for t in range(${r.steps}):`,
      `    for i in range(1, ${r.n - 1}):`,
      '        v[i] = 0.5 * (u[i - 1] + u[i + 1])',
      `    ${r.rebind}`,
    ],
    result: 'u',
  }));

const conditional = fc.record({ n: size, flag: fc.boolean(), k: fc.integer({ min: 0, max: 1 }) }).map((r): Parts => ({
  params: [
    ['a', `np.arange(${r.n}) * 1.0`],
    ['flag', r.flag ? 'True' : 'False'],
  ],
  body: [`c = np.zeros(${r.n})`, 'b = a if flag else c', `for i in ${shifted(1, r.n)}:`, `    b[i] = a[i${offset(r.k)}] * 2.0`],
}));

const helper = fc
  .record({ n: size, ret: pick('x', 'x[1:]', 'x.copy()', 'np.zeros(len(x))', 'x[::1]'), k: fc.integer({ min: 0, max: 1 }) })
  .map((r): Parts => ({
    prelude: ['', '', 'def helper(x):', `    return ${r.ret}`],
    params: [['a', `np.arange(${r.n}) * 1.0`]],
    body: ['b = helper(a)', `for i in ${shifted(1, r.n)}:`, `    b[i] = a[i${offset(r.k)}] * 2.0`],
  }));

const globalParam = fc.record({ n: size, passGlobal: fc.boolean(), k: fc.integer({ min: 0, max: 1 }) }).map((r): Parts => ({
  prelude: [`g = np.zeros(${r.n})`],
  params: [['a', r.passGlobal ? 'g' : `np.zeros(${r.n})`]],
  body: [`for i in ${shifted(1, r.n)}:`, `    a[i] = g[i${offset(r.k)}] + 1.0`],
  functionOnly: true,
}));

// `a[:]` copies a list but is a view of an array; `a[::-1]`, `.reshape` are views too.
const views = fc
  .record({
    n: size,
    list: fc.boolean(),
    make: pick('a[:]', 'a[::-1]', 'a[1:]', 'a.copy()', 'a.reshape(-1)', 'list(a)', 'a'),
    k: fc.integer({ min: 0, max: 1 }),
  })
  .map((r): Parts => ({
    params: [['a', r.list ? `[0.5] * ${r.n}` : `np.ones(${r.n})`]],
    body: [
      `b = ${r.list && r.make.startsWith('a.') ? 'a[:]' : r.make}`,
      `for i in ${shifted(1, r.n)}:`,
      `    b[i] = a[i${offset(r.k)}] * 2.0`,
    ],
  }));

export const aliasArb = program('alias', fc.oneof(tupleAlias, swap, conditional, helper, globalParam, views));

// 4. `+` that is concatenation (lists, strings, tuples) next to genuine numeric sums.
const accumulators: readonly (readonly [string, string])[] = [
  ['[]', 't += [a[i]]'],
  ['[]', 't = t + [a[i]]'],
  ['[]', 't.append(a[i])'],
  ['[0.0]', 't += (a[i],)'],
  ["''", "t = t + 'x'"],
  ["''", 't += str(i)'],
  ['()', 't += (a[i],)'],
  ['()', 't = t + (i,)'],
  ['0.0', 't += a[i]'],
  ['0.0', 't = t + a[i]'],
  ['0.0', 't = a[i] + t'],
  ['0', 't -= i'],
  ['1.0', 't *= a[i]'],
  ['a[0]', 't = max(t, a[i])'],
  ['0', 't += 1'],
  ['[]', 't.extend([a[i]])'],
  ['[]', 't.insert(0, a[i])'],
  ['0.0', 't = t + a[i] * a[i]'],
  ["''", 't = t + str(a[i])'],
];

export const concatArb = program(
  'concat',
  fc
    .record({
      n: size,
      acc: fc.integer({ min: 0, max: accumulators.length - 1 }),
      extra: fc.boolean(),
      used: fc.boolean(),
    })
    .map((r): Parts => {
      const [init, update] = accumulators[r.acc]!;
      return {
        params: [
          ['a', `np.arange(${r.n}) * 0.5 + 1.0`],
          ['b', `np.zeros(${r.n})`],
        ],
        body: [`t = ${init}`, `for i in range(${r.n}):`, `    ${update}`, ...(r.extra ? ['    b[i] = a[i] * 2.0'] : [])],
        result: r.used ? 't' : undefined,
      };
    }),
);

// 5. Names that are not what they look like: user min/max/abs/range with side effects, a rebound or
//    renamed numpy, parameters called abs/max.
const effects = ['calls[0] = calls[0] * 2 + 1', 'calls.append(x)', 'calls[0] = x', 'calls[0] += 1', 'pass'];

const userReduction = fc
  .record({ n: size, which: pick('max', 'min'), effect: fc.integer({ min: 0, max: effects.length - 1 }) })
  .map((r): Parts => ({
    prelude: [
      'calls = [0]',
      '',
      '',
      `def ${r.which}(x, y):`,
      `    ${effects[r.effect]}`,
      `    return x if x ${r.which === 'max' ? '>' : '<'} y else y`,
    ],
    params: [['a', `np.arange(${r.n}) * 1.0`]],
    body: ['m = a[0]', `for i in range(1, ${r.n}):`, `    m = ${r.which}(m, a[i])`],
    result: 'm',
  }));

const userAbs = fc.record({ n: size, effect: fc.integer({ min: 0, max: effects.length - 1 }) }).map((r): Parts => ({
  prelude: ['calls = [0]', '', '', 'def abs(x):', `    ${effects[r.effect]}`, '    return x if x >= 0 else -x'],
  params: [
    ['a', `np.arange(${r.n}) * 1.0 - 2.0`],
    ['b', `np.zeros(${r.n})`],
  ],
  body: [`for i in range(${r.n}):`, '    b[i] = abs(a[i])'],
}));

const numpyRebound = fc
  .record({ n: size, how: pick('class', 'attribute', 'module', 'xp-alias', 'xp-fresh', 'xp-view') })
  .map((r): Parts => {
    const fake = {
      class: [
        'import numpy',
        `shared = numpy.zeros(${r.n})`,
        '',
        '',
        'class np:',
        '    @staticmethod',
        '    def zeros(k):',
        '        return shared',
      ],
      attribute: [`shared = np.zeros(${r.n})`, 'np.zeros = lambda k: shared'],
      module: ['import numpy', 'np = numpy'],
      'xp-alias': ['import numpy as xp'],
      'xp-fresh': ['import numpy as xp'],
      'xp-view': ['import numpy as xp'],
    }[r.how];
    const make = {
      class: ['a = np.zeros(n)', 'b = np.zeros(n)'],
      attribute: ['a = np.zeros(n)', 'b = np.zeros(n)'],
      module: ['a = np.zeros(n)', 'b = np.zeros(n)'],
      'xp-alias': ['a = xp.zeros(n)', 'b = a'],
      'xp-fresh': ['a = xp.zeros(n)', 'b = xp.zeros(n)'],
      'xp-view': ['a = xp.zeros(n + 1)', 'b = a[1:]'],
    }[r.how];
    return {
      prelude: fake,
      params: [['n', String(r.n)]],
      body: [...make, 'for i in range(n - 1):', '    b[i] = a[i + 1] + 1.0'],
    };
  });

const builtinParam = fc.record({ n: size, which: pick('abs', 'max'), user: fc.boolean() }).map((r): Parts => {
  const user =
    r.which === 'abs'
      ? ['def logged(x):', '    calls.append(x)', '    return -x if x < 0 else x']
      : ['def logged(x, y):', '    calls.append(x)', '    return x if x > y else y'];
  return {
    prelude: ['calls = []', '', '', ...user],
    params: [
      ['a', `np.arange(${r.n}) * 1.0 - 2.0`],
      ['b', `np.zeros(${r.n})`],
      [r.which, r.user ? 'logged' : r.which],
    ],
    body:
      r.which === 'abs'
        ? [`for i in range(${r.n}):`, '    b[i] = abs(a[i])']
        : ['m = a[0]', `for i in range(1, ${r.n}):`, '    m = max(m, a[i])'],
    result: r.which === 'max' ? 'm' : undefined,
    functionOnly: true,
  };
});

const userRange = fc
  .record({ n: size, ret: pick('[0] * args[-1]', 'list(builtins.range(*args))[::-1]', 'list(builtins.range(*args)) + [0]') })
  .map((r): Parts => ({
    prelude: ['import builtins', '', '', 'def range(*args):', `    return ${r.ret}`],
    params: [['a', `np.ones(${r.n})`]],
    body: [`for i in range(${r.n}):`, '    a[i] = a[i] * 2.0 + 1.0'],
  }));

export const shadowArb = program('shadow', fc.oneof(userReduction, userAbs, numpyRebound, builtinParam, userRange));

// 6. A valid program with its loop header or first body line broken so that CPython rejects the file.
type Break = 'drop-paren' | 'drop-colon' | 'stray-colon' | 'trailing-op' | 'drop-bracket';

function breakLine(line: string, how: Break): string {
  const colon = line.endsWith(':');
  switch (how) {
    case 'drop-paren': {
      const k = line.lastIndexOf(')');
      return k >= 0 ? line.slice(0, k) + line.slice(k + 1) : `${line} +`;
    }
    case 'drop-bracket': {
      const k = line.indexOf(']');
      return k >= 0 ? line.slice(0, k) + line.slice(k + 1) : `${line} +`;
    }
    case 'drop-colon':
      return colon ? line.slice(0, -1) : `${line}:`;
    case 'stray-colon':
      return `${line}:`;
    case 'trailing-op':
      return `${line} +`;
  }
}

export const syntaxArb: fc.Arbitrary<GeneratedProgram> = fc
  .record({
    base: fc.oneof(lastValueArb, rowsArb, concatArb),
    loop: fc.nat(),
    body: fc.boolean(),
    how: pick<Break>('drop-paren', 'drop-colon', 'stray-colon', 'trailing-op', 'drop-bracket'),
  })
  .map((r) => {
    const lines = r.base.source.split('\n');
    const fors = lines.flatMap((l, k) => (/^\s*for\b/.test(l) ? [k] : []));
    const at = fors[r.loop % fors.length]! + (r.body ? 1 : 0);
    lines[at] = breakLine(lines[at]!, r.how);
    return { source: lines.join('\n'), class: 'syntax' as const };
  });

// 7. Names that outlive the loop with no read of them in the loop's function: `global` and `nonlocal`
//    names (the caller or the enclosing function sees them), written conditionally or on every iteration.
//    (Module-level names are class 1 at top level: the tracer reads the module namespace at the end.)
export const escapeArb = size.chain((n) =>
  fc
    .record({
      x: digits(n),
      t: fc.integer({ min: 0, max: 9 }),
      how: pick('global', 'nonlocal'),
      guard: fc.boolean(),
      value: pick('i', 'x[i]', '2 * i'),
      extra: fc.boolean(),
      readBack: fc.boolean(),
    })
    .map((r): GeneratedProgram => {
      const loop = [
        `for i in range(${n}):`,
        ...(r.extra ? ['    y[i] = x[i] * 2.0'] : []),
        ...(r.guard ? [`    if x[i] > ${r.t}.0:`, `        pos = ${r.value}`] : [`    pos = ${r.value}`]),
      ];
      const indent = (k: number) => (l: string) => `${' '.repeat(k)}${l}`;
      const body =
        r.how === 'global'
          ? ['pos = -1', '', '', 'def f(x, y):', '    global pos', ...loop.map(indent(4)), '', '', `f(${arrays(r.x, n)})`]
          : [
              'def f(x, y):',
              '    pos = -1',
              '',
              '    def inner():',
              '        nonlocal pos',
              ...loop.map(indent(8)),
              '',
              '    inner()',
              ...(r.readBack ? ['    return pos'] : []),
              '',
              '',
              `f(${arrays(r.x, n)})`,
            ];
      return { source: `${['import numpy as np', '', ...body].join('\n')}\n`, class: 'escape' };
    }),
);
const arrays = (x: readonly number[], n: number) => `np.array(${floatList(x)}), np.zeros(${n})`;

export const ARBITRARIES: Readonly<Record<PyClass, fc.Arbitrary<GeneratedProgram>>> = {
  lastValue: lastValueArb,
  rows: rowsArb,
  alias: aliasArb,
  concat: concatArb,
  shadow: shadowArb,
  syntax: syntaxArb,
  escape: escapeArb,
};
