import { existsSync, readdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../cli/scan/csv.js';
import { DEFAULT_ENGINE_URL } from '../../cli/scan/engine.js';
import { runScan } from '../../cli/scan/runScan.js';
import { bundledWorkerEntry } from '../../cli/scan/workerBundle.js';
import type { Summary } from '../../cli/scan/summary.js';
import type { FileResult } from '../../cli/scan/types.js';
import { notebook, runCli, tempTree } from './helpers.js';

let root = '';

beforeAll(async () => {
  root = await tempTree({
    'a.py': 'for i in range(10):\n    a[i] = i\nfor x in xs:\n    print(x, "quote \\" and, comma")\n',
    'nb.ipynb': notebook(
      '%matplotlib inline\nimport numpy as np',
      '# markdown-free\nfor i in range(3):\n    for j in range(4):\n        b[i, j] = 0',
    ),
    'broken.ipynb': '{"cells": [',
    'junk.py': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]),
  });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loupe scan', () => {
  it('prints a summary table with counts, verdicts and the top reasons', async () => {
    const r = await runCli([root, '--jobs', '2']); // two workers: results still come out in path order
    expect(r.code).toBe(0);
    expect(r.err).toBe(''); // not a TTY: no progress bar
    expect(r.out).toContain('4 files (2 notebooks, 2 .py)');
    expect(r.out).toContain('skipped: 1 binary, 1 invalid-notebook');
    expect(r.out).toMatch(/loops +4\n/);
    expect(r.out).toMatch(/for … in range +3 +75\.0%/);
    expect(r.out).toMatch(/nest depth: +1: 2 {3}2: 1/);
    expect(r.out).toMatch(/1 +obstacle: not-range +e\.g\. .*a\.py:3/);
    expect(r.out).toContain('crashes: 0');
  });

  it('--json: the summary plus per-file details, loop lines per cell', async () => {
    const r = await runCli([root, '--json', '-j', '1']);
    const json = JSON.parse(r.out) as { version: string; summary: Summary; files: FileResult[] };
    expect(Object.keys(json)).toEqual(['version', 'summary', 'files']);
    expect(json.files.map((f) => [f.path.slice(root.length + 1), f.status])).toEqual([
      ['a.py', 'ok'],
      ['broken.ipynb', 'skipped'],
      ['junk.py', 'skipped'],
      ['nb.ipynb', 'ok'],
    ]);
    const nb = json.files[3]!;
    expect(nb).toMatchObject({ kind: 'ipynb', cells: 2, codeCells: 2, notes: [{ code: 'line-magic', count: 1 }] });
    expect(nb.loops.map((l) => [l.cell, l.line, l.var, l.depth])).toEqual([
      [2, 2, 'i', 0],
      [2, 3, 'j', 1],
    ]);
    expect(json.summary.verdicts).toEqual({ parallel: 3, reduction: 0, privatizable: 0, sequential: 0, unknown: 1, 'not analysed': 0 });
    expect(json.summary.notebooks).toBe(2);
  });

  it('--csv: a header and one row per loop, quoted where needed', async () => {
    const r = await runCli([root, '--csv', '-j', '1']);
    const rows = r.out.trimEnd().split('\n');
    expect(rows[0]).toBe(CSV_COLUMNS.join(','));
    expect(rows).toHaveLength(1 + 4);
    const x = rows.find((row) => row.includes(',x,'))!;
    expect(x).toContain(',py,,3,0,x,xs,false,0,unknown,static,true,true,obstacle: not-range,');
    const nbRow = rows.find((row) => row.includes('nb.ipynb') && row.includes(',j,'))!;
    expect(nbRow).toContain(',ipynb,2,3,4,j,range(4),true,1,parallel,');
  });

  it('--html writes a self-contained page with inline SVG charts', async () => {
    const file = join(root, 'report.html');
    const r = await runCli([join(root, 'a.py'), '--html', file, '-j', '1']);
    expect(r.code).toBe(0);
    const html = await readFile(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link)\b|src=|href="http/);
  });

  it('draws a progress bar on a TTY only', async () => {
    const r = await runCli([join(root, 'a.py'), '-j', '1'], { tty: true });
    expect(r.err).toMatch(/^\r\[#+\] 1\/1/);
    expect(r.err.endsWith('\r\x1b[K')).toBe(true);
  });

  it('rejects bad usage with exit 2 and reports missing paths', async () => {
    expect((await runCli([])).code).toBe(2);
    expect((await runCli([root, '--jobs', '0'])).code).toBe(2);
    expect((await runCli([root, '--json', '--csv'])).code).toBe(2);
    expect((await runCli([root, '--frobnicate'])).err).toContain("unknown option '--frobnicate'");
    const missing = await runCli([join(root, 'nope.py')]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('cannot read');
  });
});

describe('loupe scan with the real analysis', () => {
  it('reports the pipeline verdicts and why loops are not parallel', async () => {
    const dir = await tempTree({
      'k.py':
        'def f(a, b, n):\n    for i in range(1, n):\n        a[i] = a[i - 1] + b[i]\n    for i in range(n):\n        a[i] = 2 * b[i]\n    for x in b:\n        print(x)\n',
    });
    try {
      const r = await runCli([dir, '--json', '-j', '1'], { engineUrl: DEFAULT_ENGINE_URL });
      const { files } = JSON.parse(r.out) as { files: FileResult[] };
      const loops = files[0]!.loops;
      expect(loops.map((l) => [l.line, l.verdict, l.affine])).toEqual([
        [2, 'sequential', true],
        [4, 'parallel', true],
        [6, 'unknown', false],
      ]);
      expect(loops[0]!.reasons.some((x) => x.startsWith('proven flow dependence'))).toBe(true);
      expect(loops[2]!.reasons).toContain('obstacle: not-range');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives the same results from the bundled workers as from the TypeScript sources (tsx), and leaves no bundle behind', async () => {
    // The bundle is really built here (esbuild is a dependency): a silent fallback would compare tsx with tsx.
    const entry = await bundledWorkerEntry(DEFAULT_ENGINE_URL);
    entry.dispose();
    expect(entry.url.pathname.endsWith('/worker.js')).toBe(true);
    const examples = fileURLToPath(new URL('../../examples/', import.meta.url));
    const bundled = await runScan([examples], { jobs: 2 });
    const before = process.env.LOUPE_SCAN_TSX;
    process.env.LOUPE_SCAN_TSX = '1';
    let tsx: Awaited<ReturnType<typeof runScan>>;
    try {
      tsx = await runScan([examples], { jobs: 2 });
    } finally {
      if (before === undefined) delete process.env.LOUPE_SCAN_TSX;
      else process.env.LOUPE_SCAN_TSX = before;
    }
    const strip = (files: readonly FileResult[]) => files.map((f) => ({ ...f, ms: 0, parseMs: 0 }));
    expect(bundled.summary.loops).toBeGreaterThan(50);
    expect(bundled.summary.crashes).toEqual([]);
    expect(strip(bundled.files)).toEqual(strip(tsx.files));
    const cache = fileURLToPath(new URL('../../node_modules/.cache/loupe-scan/', import.meta.url));
    const mine = existsSync(cache) ? readdirSync(cache).filter((n) => n.startsWith(`${process.pid}-`)) : [];
    expect(mine).toEqual([]);
  }, 60_000);
});

describe('loupe scan: crashes and hangs', () => {
  it('records an analysis crash per file and a hung or dying worker as a crash, and scans on', async () => {
    const dir = await tempTree({
      'a_ok.py': 'for i in range(3):\n    pass\n',
      'b_crash.py': 'for i in range(3):\n    pass\nCRASH_ME = 1\n',
      'c_hang.py': '# HANG_ME\nfor i in range(3):\n    pass\n',
      'd_exit.py': '# EXIT_ME\n',
      'e_ok.ipynb': notebook('for i in range(3):\n    pass'),
      'f_crash.ipynb': notebook('x = 1', 'for i in range(2):\n    y = i\nCRASH_ME = 2'),
    });
    try {
      const r = await runCli([dir, '--json', '--jobs', '2', '--timeout-ms', '3000']);
      expect(r.code).toBe(1);
      const { summary, files } = JSON.parse(r.out) as { summary: Summary; files: FileResult[] };
      expect(files.map((f) => [f.path.slice(dir.length + 1), f.status, f.crash?.phase ?? null])).toEqual([
        ['a_ok.py', 'ok', null],
        ['b_crash.py', 'crash', 'analysis'],
        ['c_hang.py', 'crash', 'timeout'],
        ['d_exit.py', 'crash', 'worker'],
        ['e_ok.ipynb', 'ok', null],
        ['f_crash.ipynb', 'crash', 'analysis'],
      ]);
      expect(files[1]!.crash!.message).toBe('TypeError: fake analysis crash');
      // The statement that throws, found by re-analysing top-level statements alone.
      expect(files[1]!.crash!.where).toBe('line 3');
      expect(files[5]!.crash!.where).toBe('cell 2:3');
      // Loops of crashed and hung files still count, from the outline, without a verdict.
      expect(files[1]!.loops).toHaveLength(1);
      expect(files[2]!.loops).toHaveLength(1);
      expect(files[2]!.ms).toBeGreaterThanOrEqual(3000);
      expect(summary.verdicts['not analysed']).toBe(3);
      // The hung file is among the slow ones (on a loaded machine a cold worker's first file can be too).
      expect(summary.timing.slow.map((x) => x.path.slice(dir.length + 1))).toContain('c_hang.py');
      expect(summary.crashes).toHaveLength(4);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('scans the file queued behind a hung one on the replacement worker', async () => {
    // One worker holds two files: the one after the hang is already in its queue when it is given up.
    const dir = await tempTree({
      'a_hang.py': '# HANG_ME\nfor i in range(3):\n    pass\n',
      'b_ok.py': 'for i in range(3):\n    pass\n',
      'c_exit.py': '# EXIT_ME\n',
      'd_ok.py': 'for j in range(2):\n    pass\n',
      'e_uncloneable.py': '# UNCLONEABLE_ME\nfor k in range(2):\n    pass\n',
      'f_ok.py': 'for j in range(2):\n    pass\n',
    });
    try {
      const r = await runCli([dir, '--json', '--jobs', '1', '--timeout-ms', '1500']);
      const { files } = JSON.parse(r.out) as { files: FileResult[] };
      expect(files.map((f) => [f.path.slice(dir.length + 1), f.status, f.crash?.phase ?? null, f.loops.length])).toEqual([
        ['a_hang.py', 'crash', 'timeout', 1],
        ['b_ok.py', 'ok', null, 1],
        ['c_exit.py', 'crash', 'worker', 0],
        ['d_ok.py', 'ok', null, 1],
        // Its result cannot be posted: the worker dies with the error rather than stalling its queue.
        ['e_uncloneable.py', 'crash', 'worker', 1],
        ['f_ok.py', 'ok', null, 1],
      ]);
      expect(files[4]!.crash!.message).toMatch(/could not be cloned/);
      // The queued file's time is its own, not the time it waited behind the hang.
      expect(files[1]!.ms).toBeLessThan(1500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);

  it('gives the same results with one worker and with several', async () => {
    const one = JSON.parse((await runCli([root, '--json', '--jobs', '1'])).out) as { summary: Summary; files: FileResult[] };
    const three = JSON.parse((await runCli([root, '--json', '--jobs', '3'])).out) as { summary: Summary; files: FileResult[] };
    const strip = (x: { files: FileResult[] }) => x.files.map((f) => ({ ...f, ms: 0, parseMs: 0 }));
    expect(strip(three)).toEqual(strip(one));
  });
});
