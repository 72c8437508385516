/**
 * Python wraps negative indices (`a[-1]` is the last element), so subscripts with different integer values
 * can name the same element. A loop whose subscripts may go negative is never called parallel on the
 * integer comparison alone; subscripts provably non-negative keep their exact verdicts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeSource, parseBindings, NO_BINDINGS, type PythonParser, type Report } from '../src/index.js';
import { nodeParser } from '../node/parser.js';

let parser: PythonParser;
beforeAll(async () => {
  parser = await nodeParser();
});

function loopOf(body: string, header = 'for i in range(n):', bind: Record<string, string> = {}): Report['loops'][number] {
  const source = `def f(a, b, n, k):\n    ${header}\n        ${body}\n`;
  const bindings = Object.keys(bind).length ? parseBindings(Object.entries(bind)).bindings : NO_BINDINGS;
  return analyzeSource(parser, source, bindings).loops[0]!;
}

describe('negative indices wrap in Python', () => {
  it.each([
    // i = 0 writes a[0]; i = n − 1 reads a[-n], which is a[0] again.
    ['a[i] = a[-1 - i]'],
    // a[-i] is a[E − i] for an array of E elements: another iteration's element when E < 2n − 1.
    ['a[-i] = b[i]'],
    // i = 0 writes a[-1], the last element, which i = n − 1 writes too.
    ['a[i - 1] = b[i]'],
  ])('`%s` is not parallel, and says why', (body) => {
    const loop = loopOf(body);
    expect(loop.verdict).not.toBe('parallel');
    expect(loop.explanation).toContain('Python wraps negative indices');
  });

  it('an offset that may be negative stays undecided until bound; bound non-negative, the loop is parallel', () => {
    expect(loopOf('a[i + k] = b[i]').verdict).toBe('unknown');
    expect(loopOf('a[i + k] = b[i]', 'for i in range(n):', { n: '10', k: '1' }).verdict).toBe('parallel');
    expect(loopOf('a[i + k] = b[i]', 'for i in range(n):', { n: '10', k: '-1' }).verdict).not.toBe('parallel');
  });

  it('subscripts the bounds keep non-negative keep their exact verdicts', () => {
    expect(loopOf('a[i - 1] = b[i]', 'for i in range(1, n):').verdict).toBe('parallel');
    expect(loopOf('a[n - 1 - i] = b[i]').verdict).toBe('parallel');
    const seq = loopOf('a[i] = a[i - 1] + 1');
    // Proven by the integer comparison (i = 0 writes a[0], i = 1 reads it), whatever the wrap adds.
    expect(seq.verdict).toBe('sequential');
  });
});
