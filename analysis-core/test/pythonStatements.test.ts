/**
 * Python as it is, class 7: the statements and scopes around a loop that the textbook model has no word for
 * (`global`/`nonlocal`, module-level names, `with`, `exec`/`eval`, `:=`, `try`, `return`/`yield`/`raise`/
 * `del`/`assert`, lambdas and comprehensions, class bodies, decorators). Each case is the smallest program of
 * one rule in docs/ARCHITECTURE.md ("Python as it is"); the verdict must be the one written here, and no
 * case whose truth is sequential may come out parallel, reduction or privatizable.
 */
import { describe, expect, it } from 'vitest';
import { bindingsFromComment } from '../src/bindings.js';
import { analyzeSource, type Report } from '../src/index.js';
import { parser } from './helpers/parser.js';

const analyze = async (source: string): Promise<Report> => analyzeSource(await parser(), source);

/** The verdict and explanation of the loop on `line` (1-based). */
async function loopAt(source: string, line: number): Promise<{ verdict: string; explanation: string }> {
  const r = await analyze(source);
  const l = r.loops.find((x) => x.line === line);
  if (!l) throw new Error(`no loop on line ${line}: ${r.loops.map((x) => x.line).join(', ')}`);
  return l;
}

const CONDITIONAL = (indent: string) => `${indent}for i in range(n):\n${indent}    if x[i] > t:\n${indent}        pos = i\n`;

describe('names that outlive the loop with no read in the file', () => {
  it('a `global` written under `if` has no copy-out: not privatizable', async () => {
    const l = await loopAt(`pos = -1\ndef f(x, t, n):\n    global pos\n${CONDITIONAL('    ')}`, 4);
    expect(l.verdict).not.toMatch(/parallel|privatizable|reduction/);
    expect(l.explanation).toContain('declared `global` or `nonlocal`');
  });

  it('a `nonlocal` written under `if` has no copy-out: not privatizable', async () => {
    const src = `def outer(x, t, n):\n    pos = -1\n    def inner():\n        nonlocal pos\n${CONDITIONAL('        ')}    inner()\n`;
    const l = await loopAt(src, 5);
    expect(l.verdict).not.toMatch(/parallel|privatizable|reduction/);
    expect(l.explanation).toContain('declared `global` or `nonlocal`');
  });

  it('a module-level name stays visible after the loop (next cell, importer, REPL)', async () => {
    const l = await loopAt(`import numpy as np\nx = np.zeros(8)\nt = 0.5\nn = 8\npos = -1\n${CONDITIONAL('')}`, 6);
    expect(l.verdict).not.toMatch(/parallel|privatizable|reduction/);
    expect(l.explanation).toContain('module-level name');
  });

  it('the same loop in a function, with `pos` never read again, stays privatizable', async () => {
    const l = await loopAt(`def f(x, t, n):\n    pos = -1\n${CONDITIONAL('    ')}`, 3);
    expect(l.verdict).toBe('privatizable');
  });

  it('a `global` written on every iteration is privatizable, its last value copied out', async () => {
    const r = await analyze('pos = -1\ndef f(x, y, n):\n    global pos\n    for i in range(n):\n        pos = x[i]\n        y[i] = pos\n');
    expect(r.loops[0]!.verdict).toBe('privatizable');
    expect(r.loops[0]!.explanation).toContain('copied out');
  });
});

describe('copy-out of a name written inside an inner loop', () => {
  const nest = (inner: string) =>
    `import numpy as np\nx = np.zeros((8, 8))\nfor i in range(8):\n    for j in ${inner}:\n        last = x[i, j]\n# loupe: m=3\n`;

  it('an inner loop with constant bounds runs every time: privatizable', async () => {
    const r = await analyze(nest('range(3)'));
    expect(r.loops[0]!.verdict).toBe('privatizable');
  });

  it('an inner loop whose trip count is unknown may not run: not privatizable until it is bound', async () => {
    const src = nest('range(m)');
    const r = await analyze(src);
    expect(r.loops[0]!.verdict).not.toMatch(/parallel|privatizable|reduction/);
    expect(r.loops[0]!.explanation).toContain('inside an inner loop that may not run');
    const bound = analyzeSource(await parser(), src, bindingsFromComment(src)!.bindings);
    expect(bound.loops[0]!.verdict).toBe('privatizable');
  });

  it('a triangular inner loop (`range(i)`) does not run when i = 0', async () => {
    const r = await analyze(nest('range(i)'));
    expect(r.loops[0]!.verdict).not.toMatch(/parallel|privatizable|reduction/);
  });
});

describe('statements inside a loop that Loupe does not model decide nothing', () => {
  const cases: Record<string, string> = {
    'a `with` block (its manager runs every iteration, `__exit__` may swallow an exception)':
      '    for i in range(n):\n        with ctx():\n            a[i] = b[i]\n',
    '`:=` in a subscript': '    for i in range(n):\n        a[(k := i + 1)] = b[k]\n',
    '`:=` in a condition': '    for i in range(n):\n        if (v := b[i]) > 0:\n            a[i] = v\n',
    '`return` part-way': '    for i in range(n):\n        if b[i] < 0:\n            return i\n        a[i] = b[i]\n',
    '`yield`': '    for i in range(n):\n        a[i] = b[i]\n        yield i\n',
    '`raise`': '    for i in range(n):\n        if b[i] < 0:\n            raise ValueError\n        a[i] = b[i]\n',
    '`del` of a name': '    for i in range(n):\n        t = b[i]\n        del t\n        a[i] = 1.0\n',
    '`assert`': '    for i in range(n):\n        assert b[i] > 0\n        a[i] = b[i]\n',
    '`eval`': '    for i in range(n):\n        a[i] = eval("b[i]")\n',
    'a lambda reading the array': '    for i in range(n):\n        fn = lambda x: x + a[i + 1]\n        a[i] = fn(b[i])\n',
    'a generator argument': '    for i in range(n):\n        a[i] = sum(b[j] for j in range(i))\n',
  };
  for (const [what, body] of Object.entries(cases)) {
    it(what, async () => {
      const l = await loopAt(`def f(a, b, n):\n${body}`, 2);
      expect(l.verdict).toBe('unknown');
    });
  }

  it('a `with` around the loop runs once: the loop is still decided', async () => {
    const l = await loopAt(
      'import numpy as np\ndef f(a, b, n):\n    with np.errstate(all="ignore"):\n        for i in range(n):\n            a[i] = b[i]\n',
      4,
    );
    expect(l.verdict).toBe('parallel');
  });

  it('a `try` body may stop part-way: a guarded write is not proven absent', async () => {
    const l = await loopAt(
      'def f(a, b, n):\n    for i in range(n):\n        try:\n            a[i] = b[i] / 2\n        except ZeroDivisionError:\n            a[i + 1] = 0\n',
      2,
    );
    expect(l.verdict).not.toMatch(/parallel|privatizable|reduction/);
  });

  it('`exec` anywhere in the file re-binds any name: every loop is unknown', async () => {
    const r = await analyze('def f(a, b, n):\n    for i in range(n):\n        a[i] = b[i]\nexec("b = a")\n');
    expect(r.loops.map((l) => l.verdict)).toEqual(['unknown']);
  });
});

describe('scopes', () => {
  it('a loop in a class body is analysed like module code', async () => {
    const l = await loopAt('import numpy as np\nclass C:\n    a = np.zeros(10)\n    for i in range(9):\n        a[i + 1] = a[i]\n', 4);
    expect(l.verdict).toBe('sequential');
  });

  it('a decorated function keeps its verdict, with the parameter assumption stated', async () => {
    const l = await loopAt('@decor\ndef d(a, b, n):\n    for i in range(n):\n        a[i] = b[i]\n', 3);
    expect(l.verdict).toBe('parallel');
    expect(l.explanation).toMatch(/assumes the array parameters .* are distinct/);
  });
});
