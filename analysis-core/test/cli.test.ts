/** The `loupe analyze` contract that tools outside the project rely on (issue #3's JSON shape, exit codes). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
  const p = join(dir, 'k.py');
  writeFileSync(p, text);
  return p;
}

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    args,
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

const SHIFT = 'def f(a, n):\n    for i in range(n):\n        a[i + 1] = a[i] + 1\n';

describe('loupe analyze', () => {
  it('prints the JSON contract: loops, dependences with witness, diagnostics', async () => {
    const { code, out } = await run(['analyze', file(SHIFT), '--bind', 'n=10', '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.loops).toHaveLength(1);
    expect(r.loops[0]).toMatchObject({ line: 2, var: 'i', verdict: 'sequential', stage: 'static' });
    expect(r.loops[0].explanation).toMatch(/iteration i=0 writes a\[1\] \(line 3\) and iteration i=1 reads a\[1\] \(line 3\)/);
    const flow = r.dependences.find((d: { kind: string }) => d.kind === 'flow');
    expect(flow).toMatchObject({
      source: { line: 3, text: 'a[i + 1]' },
      sink: { line: 3, text: 'a[i]' },
      direction: ['<'],
      distance: [1],
      loopLine: 2,
      decidedBy: 'strong-siv',
      witness: { source: { i: 0 }, sink: { i: 1 } },
    });
    expect(Array.isArray(r.diagnostics)).toBe(true);
  });

  it('staging: a symbolic offset is unknown until bound, then decided', async () => {
    const src = file('def f(a, n, k):\n    for i in range(n):\n        a[i + k] = a[i] * 2\n');
    const s = JSON.parse((await run(['analyze', src, '--json'])).out);
    expect(s.loops[0]).toMatchObject({ verdict: 'unknown', stage: 'static' });
    expect(s.loops[0].explanation).toMatch(/k/);
    const zero = JSON.parse((await run(['analyze', src, '--bind', 'k=0', '--bind', 'n=100', '--json'])).out);
    expect(zero.loops[0]).toMatchObject({ verdict: 'parallel', stage: 'runtime' });
    const one = JSON.parse((await run(['analyze', src, '--bind', 'k=1', '--bind', 'n=100', '--json'])).out);
    expect(one.loops[0]).toMatchObject({ verdict: 'sequential', stage: 'runtime' });
  });

  it('every for loop appears once, even ones Loupe cannot analyse', async () => {
    const { out } = await run(['analyze', file('for x in xs:\n    pass\nfor i in range(3):\n    while True:\n        break\n'), '--json']);
    const r = JSON.parse(out);
    expect(r.loops.map((l: { line: number }) => l.line)).toEqual([1, 3]);
    expect(r.loops.every((l: { verdict: string }) => l.verdict === 'unknown')).toBe(true);
  });

  it('exit 0 on broken Python, with diagnostics carrying line and column', async () => {
    const { code, out } = await run(['analyze', file('for i in range(n:\n  a[i] = \n'), '--json']);
    expect(code).toBe(0);
    const r = JSON.parse(out);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(typeof r.diagnostics[0].line).toBe('number');
    expect(typeof r.diagnostics[0].column).toBe('number');
  });

  it('readable report without --json', async () => {
    const { code, out } = await run(['analyze', file(SHIFT)]);
    expect(code).toBe(0);
    expect(out).toMatch(/sequential/);
  });

  it('exit 2 on usage errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['analyze'])).code).toBe(2);
    expect((await run(['analyze', 'a.py', '--bogus'])).code).toBe(2);
    expect((await run(['analyze', file(SHIFT), '--bind', 'n=float99[3]'])).code).toBe(2);
    expect((await run(['analyze', file(SHIFT), '--bind'])).code).toBe(2);
  });

  it('exit 1 when the file cannot be read', async () => {
    expect((await run(['analyze', '/nonexistent/x.py'])).code).toBe(1);
  });
});
