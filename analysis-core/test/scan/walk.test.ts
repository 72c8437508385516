import { mkdtemp, mkdir, rm, writeFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walk } from '../../cli/scan/walk.js';

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'loupe-walk-'));
  const files = [
    'a.py',
    'b.ipynb',
    'notes.txt',
    'sub/c.PY',
    'sub/deeper/d.py',
    '.hidden/e.py',
    'node_modules/f.py',
    '.venv/lib/g.py',
    '__pycache__/h.py',
    'sub/.ipynb_checkpoints/b-checkpoint.ipynb',
  ];
  for (const f of files) {
    await mkdir(join(root, f, '..'), { recursive: true });
    await writeFile(join(root, f), 'x = 1\n');
  }
  await symlink(join(root, 'sub'), join(root, 'loop-link')); // a directory link: not followed
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('walk', () => {
  it('finds .py and .ipynb files recursively, sorted, skipping hidden dirs, node_modules, venvs and caches', async () => {
    const r = await walk([root]);
    expect(r.files.map((f) => f.slice(root.length + 1))).toEqual(['a.py', 'b.ipynb', 'sub/c.PY', 'sub/deeper/d.py']);
    expect(r.missing).toEqual([]);
  });

  it('scans a file named explicitly whatever its extension, once, and reports missing paths', async () => {
    const r = await walk([join(root, 'notes.txt'), join(root, 'a.py'), root, join(root, 'nope')]);
    expect(r.files.filter((f) => f.endsWith('a.py'))).toHaveLength(1);
    expect(r.files).toContain(join(root, 'notes.txt'));
    expect(r.missing).toEqual([join(root, 'nope')]);
  });
});
