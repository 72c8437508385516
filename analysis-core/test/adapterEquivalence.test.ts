/**
 * The tree-sitter adapter reads each node's type and end once and derives positions from offsets, where it
 * used to ask tree-sitter's Node API every time (src/parse/referenceConverter.ts keeps that conversion).
 * Both must give the very same syntax and diagnostics, ranges and their key order included: on the
 * examples, on inputs chosen to break an offset-based shortcut (astral characters, CRLF, lone '\r', errors,
 * missing nodes, nesting past the depth limit) and, where it is present, on every file of the shared corpus.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../cli/scan/corpusPaths.js';
import { sourceFromBytes } from '../cli/scan/source.js';
import { walk } from '../cli/scan/walk.js';
import type { ParseResult } from '../src/parse/syntax.js';
import { createReferenceParser, type PythonParser } from '../src/parse/treeSitterAdapter.js';
import { examplesRoot } from './helpers/examples.js';
import { parser } from './helpers/parser.js';

const require = createRequire(import.meta.url);
const wasm = require('../wasm-paths.cjs') as { runtimeWasm: string; languageWasm: string };

let fast: PythonParser;
let reference: PythonParser;

beforeAll(async () => {
  fast = await parser();
  reference = await createReferenceParser(wasm);
});

/** `parseMs` is a timing; everything else is compared. JSON keeps key order, which `toStrictEqual` ignores. */
function serialise(r: ParseResult): string {
  return JSON.stringify([r.module, r.diagnostics], (_key, v: unknown) => {
    if (typeof v === 'bigint') return `bigint:${v}`;
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return `number:${Object.is(v, -0) ? '-0' : v}`;
    return v;
  });
}

function expectSame(source: string): ParseResult {
  const got = fast.parse(source);
  const want = reference.parse(source);
  expect({ module: got.module, diagnostics: got.diagnostics }).toStrictEqual({ module: want.module, diagnostics: want.diagnostics });
  expect(serialise(got)).toBe(serialise(want));
  return got;
}

const deep = (n: number, open: string, inner: string, close: string) => open.repeat(n) + inner + close.repeat(n);
const nestedIfs = (n: number) =>
  Array.from({ length: n }, (_, i) => `${'    '.repeat(i)}if x${i}:\n`).join('') + `${'    '.repeat(n)}y = 1\n`;

/** [name, source, diagnostic codes the result must include (so the input exercises what it claims)]. */
const SNIPPETS: readonly (readonly [string, string, readonly string[]])[] = [
  ['empty text', '', []],
  ['blank lines only', '\n\n   \n', []],
  ['no final newline', 'for i in range(n):\n    a[i] = 0', []],
  ['missing nodes', 'for i in :\n  pass\nfor in r:\n  a[i] = 1\na[]\nfor i in range(10)\n    x = 1\n', ['syntax-missing']],
  ['unclosed parenthesis', 'x = (1 + 2\ny = 3\n', []],
  ['syntax errors', 'def f(:\n  pass\na = = 1\n@@@\nx = [1, 2,, 3]\nif x:\npass\nx = 1 +\nfoo(\n', ['syntax-error']],
  ['python 2 statements', 'print "hello"\nexec "code"\nx = 0777\ny = 10L\nr = a <> b\n', []],
  ['unclosed string', 'x = "abc\ny = 1\n', []],
  ['more errors than the diagnostic cap', '@\n'.repeat(80), ['syntax-error']],
  [
    'unicode identifiers and astral strings',
    'π = 3.14\nλ = [π * i for i in range(3)]\ns = "😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ∑"  # 𝔠𝔬𝔪𝔪𝔢𝔫𝔱 😀\nfor 变量 in range(10):\n    a[变量] = "😀" + s; b = a[变量 + 1]\n𝔘 = 1\nf"{😀!r}" ; x = "é" + 𝔘\n',
    [],
  ],
  ['astral characters before an error', 's = "😀😀😀"\nx = (1 +\nfor i in 😀:\n    a[i] = 1\n', ['syntax-error']],
  ['lone surrogates and NUL', 'x = "\uD800"\ny = "\uDC00\uD83D" + z\nw = "a\u0000b"\nfor i in range(n):\n    a[i] = 1\n', []],
  ['byte order mark', '\uFEFFx = 1\nfor i in range(n):\n    a[i] = x\n', []],
  ['CRLF line endings', 'import numpy as np\r\nfor i in range(n):\r\n    a[i] = b[i] + 1\r\n    if a[i] > 0:\r\n        c[i] = 2\r\n', []],
  ['lone carriage returns', 'x = 1\ry = 2\r\nfor i in range(n):\r    a[i] = 0\n', []],
  ['tabs', 'for i in range(n):\n\tfor j in range(m):\n\t\ta[i][j] = b[j]\t# tab\n', []],
  [
    'decorators',
    '@decorator\n@mod.deco(1, x=2)\ndef f(a, b=1, *args, c: int = 2, d=3, /, **kw):\n    return a\n@cls_deco\nclass C:\n    @property\n    def p(self): pass\n@a.b[1]\nasync def g(): await h()\n',
    [],
  ],
  ['elif chains', 'if a:\n  x = 1\nelif b:\n  x = 2\nelif c:\n  x = 3\nelse:\n  x = 4\nif d: pass\nelif e: pass\n', []],
  [
    'comparison chains',
    'r = a < b <= c\nr = x not in y\nr = x is not None\nr = a == b != c > d >= e\nr = p in q is r\nr = not a and b or c\nr = a if b else c\n',
    [],
  ],
  ['slices', 'a[1:2]; a[:]; a[::2]; a[1:]; a[:-1]; a[::-1]; a[i, 1:n:2, ...]; a[lo:hi, :]; a[f(x):g(y):h]\n', []],
  ['lambda', 'f = lambda x, y=1: x + y\ng = sorted(v, key=lambda t: t[1])\nh = lambda: 0\n', []],
  ['walrus', 'if (n := len(a)) > 10:\n    print(n)\nwhile (chunk := f.read(10)):\n    pass\nz = [y for x in d if (y := x * 2)]\n', []],
  [
    'match statements',
    'match command.split():\n    case [action]:\n        x = 1\n    case [action, obj] if obj:\n        for i in range(3):\n            y[i] = obj\n    case Point(x=0, y=0) | {"k": v}:\n        pass\n    case _:\n        match v:\n            case 1: z = 2\n',
    [],
  ],
  [
    'statements of every kind',
    'import a.b.c as d, e\nfrom . import x\nfrom ..pkg import (y as z, w)\nfrom m import *\ntry:\n  a = 1\nexcept (A, B) as e:\n  b = 2\nexcept* C:\n  c = 3\nelse:\n  d = 4\nfinally:\n  e = 5\nwith open(f) as g, h:\n  x = 1\nasync def f():\n  async for x in y:\n    await z\n  async with a as b:\n    pass\n  yield 1\nglobal q\ndel a[0]\nassert x, "m"\nraise E from e\nfor i in r:\n  break\nelse:\n  continue\nwhile i:\n  pass\nelse:\n  i = 0\nclass K(B, metaclass=M):\n  x: int\n  y: int = 3\n',
    [],
  ],
  [
    'assignments and literals',
    'a += 1; b -= 2; c *= 3; d /= 4; e //= 5; f %= 6; g **= 7; h @= m; i &= 1; j |= 1; k ^= 1; l <<= 1; m >>= 1\na = b = c = 0\na, b = b, a\n(a, b), c = x\n[a, b] = y\n*a, b = c\nn = 0x1F + 0o17 + 0b101 + 1_000 + 017 + 00 + 1j + 1.5j + 1e10 + 1_0.5_0 + .5 + 5.\ns = "a" "b" f"{x!r:>{w}}" b"\\x00" r"\\d"\nt = (1,)\nu = [*a, *b]\nv = {1: 2, **d}\nw = f(*a, **k, x=1)\nx = sum(x for x in y)\ny = ~-+x\n',
    [],
  ],
  [
    'comments inside expressions',
    'x = (a  # c\n     + b)\nf(a,  # c1\n  b)\ny = [1,  # c2\n     2]\nz = a[1:  # c3\n      2]\nx = 1 + \\\n    2\n',
    [],
  ],
  ['nested parentheses past the depth limit', `x = ${deep(300, '(', 'x', ')')}\n`, ['too-deep']],
  ['unary chain past the depth limit', `x = ${'-'.repeat(400)}1\n`, ['too-deep']],
  ['binary chain past the depth limit', `y = ${Array.from({ length: 400 }, (_, i) => `a${i}`).join(' + ')}\n`, ['too-deep']],
  [
    'nested lists and calls past the depth limit',
    `z = ${deep(250, '[', '', ']')}\nw = ${deep(250, 'f(', '', ')')}\nv = ${deep(250, 'a[', 'i', ']')}\n`,
    ['too-deep'],
  ],
  [
    'syntax errors and depth warnings under one cap',
    `${'@\n'.repeat(30)}${`x = ${deep(220, '(', '1', ')')}\n`.repeat(30)}`,
    ['syntax-error', 'too-deep'],
  ],
  ['deeply nested blocks', nestedIfs(60), []],
];

describe('fast tree-sitter conversion equals the Node-API reference', () => {
  it.each(SNIPPETS.map(([name, source, codes]) => ({ name, source, codes })))('$name', ({ source, codes }) => {
    const result = expectSame(source);
    const seen = new Set(result.diagnostics.map((d) => d.code));
    for (const code of codes) expect(seen).toContain(code);
  });

  const examples = (readdirSync(examplesRoot, { recursive: true }) as string[]).filter((p) => p.endsWith('.py')).sort();
  it('finds the examples', () => expect(examples.length).toBeGreaterThan(50));
  it.each(examples)('examples/%s', (path) => {
    expectSame(readFileSync(join(examplesRoot, path), 'utf8'));
  });
});

const dir = corpusDir();
const present = existsSync(dir);
if (!present) console.log(`adapter equivalence on the corpus skipped: no corpus at ${dir} (set LOUPE_CORPUS to point at one)`);

describe.skipIf(!present)('fast tree-sitter conversion equals the Node-API reference on the corpus', () => {
  it('every readable file', async () => {
    const { files } = await walk([dir]);
    expect(files.length).toBeGreaterThan(0);
    const different: string[] = [];
    for (const path of files) {
      const read = sourceFromBytes(path, readFileSync(path));
      if (!read.ok) continue;
      const source = read.unit.source;
      if (serialise(fast.parse(source)) !== serialise(reference.parse(source))) different.push(path);
    }
    expect(different).toEqual([]);
  }, 300_000);
});
