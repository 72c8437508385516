/**
 * Tests of the executing oracle itself (tracer.py): hand-written programs whose verdict under CPython's
 * semantics is known, each the smallest instance of one rule of its memory model or classification.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { pythonVersion, runPrograms, type PyResult } from './run.js';

const PYTHON = pythonVersion();
if (!PYTHON) console.warn('tracer.py tests SKIPPED: no CPython 3.9+ as python3 on PATH');

/** Program, then the expected verdict of each `for` line (1-based) in order. */
const CASES: Record<string, [string, Record<number, string>]> = {
  'shared rows: one row object repeated': [
    'n = 4\ng = [[0.0] * 3] * n\nfor i in range(n):\n    for j in range(3):\n        g[i][j] = i + j\n',
    { 3: 'sequential', 4: 'parallel' },
  ],
  'distinct rows from a comprehension': [
    'n = 4\ng = [[0.0] * 3 for _ in range(n)]\nfor i in range(n):\n    for j in range(3):\n        g[i][j] = i + j\n',
    { 3: 'parallel', 4: 'parallel' },
  ],
  't += [i] concatenates in order': ['t = []\nfor i in range(5):\n    t += [i]\n', { 2: 'sequential' }],
  'append is ordered too': ['t = []\nfor i in range(5):\n    t.append(i)\n', { 2: 'sequential' }],
  "s = s + 'x' on a string": ["s = ''\nfor i in range(4):\n    s = s + 'x'\nprint(s)\n", { 2: 'sequential' }],
  's += a[i] with s = 0.0': [
    'import numpy as np\na = np.ones(5)\ns = 0.0\nfor i in range(5):\n    s += a[i]\nprint(s)\n',
    { 4: 'reduction' },
  ],
  'x = x + a - b spine and builtin max': [
    's = 0\nm = 0\nfor i in range(4):\n    s = s + i - 1\n    m = max(m, i)\nprint(s, m)\n',
    { 3: 'reduction' },
  ],
  'conditional pos live-out, last iteration does not write': [
    'def f(x, t):\n    pos = -1\n    for i in range(len(x)):\n        if x[i] > t:\n            pos = i\n    return pos\nf([3, 1, 4, 1, 0], 2)\n',
    { 3: 'sequential' },
  ],
  'conditional pos live-out, last iteration writes': [
    'def f(x, t):\n    pos = -1\n    for i in range(len(x)):\n        if x[i] > t:\n            pos = i\n    return pos\nf([3, 1, 4, 1, 5], 2)\n',
    { 3: 'privatizable' },
  ],
  'conditional pos never read afterwards': [
    'def f(x, t):\n    pos = -1\n    for i in range(len(x)):\n        if x[i] > t:\n            pos = i\nf([3, 1, 4, 1, 0], 2)\n',
    { 3: 'privatizable' },
  ],
  'a module-level name outlives the program: conditional pos at top level': [
    'x = [3, 1, 4, 1, 0]\npos = -1\nfor i in range(5):\n    if x[i] > 2:\n        pos = i\n',
    { 3: 'sequential' },
  ],
  'a global written conditionally in a function': [
    'pos = -1\ndef f(x):\n    global pos\n    for i in range(len(x)):\n        if x[i] > 2:\n            pos = i\nf([3, 1, 4, 1, 0])\n',
    { 4: 'sequential' },
  ],
  'a nonlocal written conditionally, read by the enclosing function': [
    'def f(x):\n    pos = -1\n    def g():\n        nonlocal pos\n        for i in range(len(x)):\n            if x[i] > 2:\n                pos = i\n    g()\n    return pos\nf([3, 1, 4, 1, 0])\n',
    { 5: 'sequential' },
  ],
  'unconditional temp': [
    'import numpy as np\ndef f(a, b):\n    for i in range(len(a)):\n        t = a[i] * 2.0\n        b[i] = t + t * t\n    return t\nf(np.ones(4), np.zeros(4))\n',
    { 3: 'privatizable' },
  ],
  'inner loop with zero trips at the last outer iteration': [
    'def k(a, b, n):\n    last = 0.0\n    for i in range(n):\n        for j in range(n - 1 - i):\n            last = a[j]\n        b[i] = a[i]\n    return last\nk([1.0] * 5, [0.0] * 5, 5)\n',
    { 3: 'sequential', 4: 'privatizable' },
  ],
  'user max with a side effect is no reduction': [
    'calls = [0]\ndef max(x, y):\n    calls[0] = calls[0] * 2 + 1\n    return x if x > y else y\ndef f(a):\n    m = a[0]\n    for i in range(len(a)):\n        m = max(m, a[i])\n    return m\nf([1.0, 2.0, 3.0])\n',
    { 7: 'sequential' },
  ],
  'pure user max is no builtin either': [
    'def max(x, y):\n    return x if x > y else y\nm = 0\nfor i in range(4):\n    m = max(m, i)\nprint(m)\n',
    { 4: 'sequential' },
  ],
  'a view shares its base: b = a[1:]': [
    'import numpy as np\na = np.zeros(6)\nb = a[1:]\nfor i in range(5):\n    b[i] = a[i] * 0.5\n',
    { 4: 'sequential' },
  ],
  'transpose view, same elements': [
    'import numpy as np\na = np.zeros((3, 4))\nb = a.T\nfor i in range(4):\n    for j in range(3):\n        b[i, j] = a[j][i] + 1\n',
    { 4: 'parallel', 5: 'parallel' },
  ],
  'p, q = x, x is one array': [
    'import numpy as np\nx = np.zeros(5)\np, q = x, x\nfor i in range(4):\n    p[i] = q[i + 1]\n',
    { 4: 'sequential' },
  ],
  'swap of two buffers keeps them distinct': [
    'import numpy as np\nu = np.zeros(6)\nv = np.zeros(6)\nfor t in range(3):\n    for i in range(1, 5):\n        v[i] = u[i - 1] + u[i + 1]\n    u, v = v, u\n',
    { 4: 'sequential', 5: 'parallel' },
  ],
  'element reduction in the inner loop': [
    'import numpy as np\na = np.ones((3, 4))\nr = np.zeros(3)\nfor i in range(3):\n    for j in range(4):\n        r[i] += a[i, j]\n',
    { 4: 'parallel', 5: 'reduction' },
  ],
  'negative index wraps to the last element': [
    'import numpy as np\na = np.zeros(4)\nfor i in range(4):\n    a[i] = a[i - 1] + 1\n',
    { 3: 'sequential' },
  ],
  'global accumulator through a function': [
    'def f():\n    global s\n    for i in range(4):\n        s += i\ns = 0\nf()\n',
    { 3: 'reduction' },
  ],
  'per-iteration alias name': [
    'g = [[0.0] * 3 for _ in range(3)]\nfor i in range(3):\n    row = g[i]\n    row[0] = i\n',
    { 2: 'parallel' },
  ],
};

(PYTHON ? describe : describe.skip)('tracer.py (the executing oracle)', () => {
  const names = Object.keys(CASES);
  let results: PyResult[] = [];
  beforeAll(async () => {
    results = await runPrograms([
      ...names.map((name) => ({ id: name, source: CASES[name]![0] })),
      { id: 'syntax', source: 'for i in range(3:\n    pass\n' },
      { id: 'raises', source: 'x = [1]\nfor i in range(3):\n    x[i] = 1\n' },
      { id: 'endless', source: 'while True:\n    pass\n' },
    ]);
  }, 60_000);

  it.each(names)('%s', (name) => {
    const r = results.find((x) => x.id === name)!;
    expect(r.error ?? r.syntaxError).toBeUndefined();
    const got = Object.fromEntries(r.loops!.map((l) => [l.line, l.verdict]));
    expect(got, JSON.stringify(r.loops, null, 1)).toEqual(CASES[name]![1]);
  });

  it('reports syntax errors, exceptions and runaway programs instead of verdicts', () => {
    expect(results.find((x) => x.id === 'syntax')!.syntaxError).toMatch(/^line 1: /);
    expect(results.find((x) => x.id === 'raises')!.error).toMatch(/^IndexError/);
    expect(results.find((x) => x.id === 'endless')!.truncated).toBe(true);
  });
});
