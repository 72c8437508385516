import { describe, expect, it } from 'vitest';
import type { Program } from '../../src/ir/ir.js';
import { lowerProgram } from '../../src/ir/lower.js';
import { parser } from '../helpers/parser.js';

const KERNEL = `import numpy as np
import math

def kernel(A, B, C, idx, n, m, alpha):
    """A 50-line mix of everything lowering handles."""
    s = 0.0
    tmp = np.zeros(n)
    v = A[1:]
    for i in range(1, n - 1):
        k = 2 * i + 1
        t = 0.0
        for j in range(i, m, 2):
            t += A[i, j] * B[j][i]
            if A[i, j] > alpha:
                C[i, j] = math.sqrt(A[i, j])
            elif A[i, j] < -alpha:
                continue
            else:
                C[i, j] = min(C[i, j], B[i, idx[j]])
        tmp[i] = t if t > 0 else -t
        s = s + tmp[i]
        A[k, 0] = A[k - 1, 0] * 0.5
        while t > 1.0:
            t /= 2
        for x in range(len(A) - i):
            B[x, i] = B[x, i] + v[x]
    for i in range(n - 1, -1, -1):
        for j in range(m):
            A[i, j] = A[i, j // 2] + C[i * j, 0]
        if s > 100:
            break
    for p, q in enumerate(idx):
        tmp[q] += p
    for i in range(n):
        foo(A[i])
        A[i, :] = 0
        B[i][i] += np.exp(-A[i, i] ** 2)
    total = 0
    for i in range(n):
        for j in range(n):
            for k2 in range(n):
                C[i, j] += A[i, k2] * B[k2, j]
        total += C[i, i]
    return s, total

def other(a, n):
    for i in range(n):
        a[i] = a[i - 1] + 1
`;

/** Deterministic PRNG (mulberry32): fuzz runs are reproducible. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const TOKENS = [
  'for ', 'in ', 'range(', ')', '(', '[', ']', ':', ',', ' ', '\n', '    ', 'i', 'j', 'a', 'n', '=', '+=', '+', '-', '*', '//', '%',
  '1', '0', '-1', 'if ', 'else', 'elif ', 'while ', 'break', 'continue', 'return ', 'def ', 'f', 'np.', 'len(', '.shape', 'lambda ',
  'yield ', 'x, y', '...', '"s"', '#c', '\t', 'import numpy as np\n', ':=', '**', 'not ', 'and ', '@', 'with ', 'try:', 'except:',
];

/** Checks the table invariants that every consumer relies on. */
function checkInvariants(p: Program): void {
  p.loops.forEach((l, id) => expect(l.id).toBe(id));
  p.statements.forEach((s, id) => expect(s.id).toBe(id));
  p.accesses.forEach((a, id) => {
    expect(a.id).toBe(id);
    expect(p.statements[a.stmt]!.accesses).toContain(id);
  });
  for (let k = 1; k < p.loops.length; k++) expect(p.loops[k]!.range.startOffset).toBeGreaterThanOrEqual(p.loops[k - 1]!.range.startOffset);
  const keys = p.diagnostics.map((d) => `${d.code}@${d.range.startOffset}:${d.range.endOffset}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(p.diagnostics.every((d) => d.severity === 'info' || d.severity === 'warning')).toBe(true);
}

describe('lowerProgram: robustness', () => {
  it('lowers a real kernel with consistent tables', async () => {
    const { module } = (await parser()).parse(KERNEL);
    const p = lowerProgram(module, KERNEL);
    checkInvariants(p);
    expect(p.loops).toHaveLength(11);
    expect(p.scopes.map((s) => s.name)).toEqual(['<module>', 'kernel', 'other']);
    expect(p.loops.find((l) => l.scope === 'other')!.obstacles).toEqual([]);
  });

  it('never throws on truncated prefixes of a real kernel', async () => {
    const ps = await parser();
    for (let cut = 0; cut <= KERNEL.length; cut += 3) {
      const src = KERNEL.slice(0, cut);
      const p = lowerProgram(ps.parse(src).module, src);
      checkInvariants(p);
    }
  });

  it('never throws on random token soup', async () => {
    const ps = await parser();
    const next = rng(1234);
    for (let n = 0; n < 400; n++) {
      const len = 1 + Math.floor(next() * 60);
      let src = '';
      for (let k = 0; k < len; k++) src += TOKENS[Math.floor(next() * TOKENS.length)]!;
      const p = lowerProgram(ps.parse(src).module, src);
      checkInvariants(p);
    }
  });

  it('never throws on random characters', async () => {
    const ps = await parser();
    const next = rng(99);
    const alphabet = 'fori nrange()[]:=+-*/%\n    ,.0123456789abijkn#"\'\\{}@!<>&|^~';
    for (let n = 0; n < 200; n++) {
      let src = '';
      const len = Math.floor(next() * 120);
      for (let k = 0; k < len; k++) src += alphabet[Math.floor(next() * alphabet.length)]!;
      expect(() => lowerProgram(ps.parse(src).module, src)).not.toThrow();
    }
  });

  it('handles deep nesting of loops and expressions', async () => {
    const ps = await parser();
    const depth = 60;
    let src = '';
    for (let d = 0; d < depth; d++) src += `${'  '.repeat(d)}for i${d} in range(n):\n`;
    src += `${'  '.repeat(depth)}a[${'('.repeat(150)}i0${')'.repeat(150)}] = ${'-'.repeat(300)}1\n`;
    const p = lowerProgram(ps.parse(src).module, src);
    expect(p.loops).toHaveLength(depth);
    expect(p.loops[depth - 1]!.outer).toHaveLength(depth - 1);
    checkInvariants(p);
  });

  it('lowers a 50-line kernel in well under a millisecond', async () => {
    const { module } = (await parser()).parse(KERNEL);
    // Steady state, as in the editor's Worker after a few keystrokes: V8 needs ~1000 runs to optimise.
    for (let k = 0; k < 1000; k++) lowerProgram(module, KERNEL);
    let best = Infinity;
    for (let batch = 0; batch < 5; batch++) {
      const t0 = performance.now();
      for (let k = 0; k < 200; k++) lowerProgram(module, KERNEL);
      best = Math.min(best, (performance.now() - t0) / 200);
    }
    expect(best).toBeLessThan(1);
  });
});
