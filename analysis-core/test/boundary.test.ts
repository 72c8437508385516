/**
 * The architecture rule of DESIGN.md §1: analysis-core/src is host-free. Only the parse adapter may import
 * tree-sitter; nothing may import Node, DOM, React, Express, Monaco or D3. (ESLint enforces the same; this
 * test keeps it true even if lint is skipped, and also catches `require` and dynamic `import()`.)
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const srcRoot = join(__dirname, '..', 'src');
const ADAPTER = 'parse/treeSitterAdapter.ts';
const FORBIDDEN = [
  /^node:/,
  /^(fs|path|os|child_process|worker_threads|url|crypto)$/,
  /^react(-dom)?(\/|$)/,
  /^express/,
  /^monaco-editor/,
  /^d3(-|$)/,
  /^koffi/,
  /^better-sqlite3/,
];
const TREE_SITTER = /^(web-tree-sitter|tree-sitter-python)/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

function importsOf(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(
    /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm,
  )) {
    out.push((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  }
  return out;
}

describe('analysis-core/src boundary', () => {
  const all = files(srcRoot);
  it('finds the sources', () => expect(all.length).toBeGreaterThan(3));
  for (const file of all) {
    const rel = relative(srcRoot, file).replace(/\\/g, '/');
    it(`${rel} imports no host modules`, () => {
      const bad = importsOf(readFileSync(file, 'utf8')).filter(
        (m) => FORBIDDEN.some((r) => r.test(m)) || (rel !== ADAPTER && TREE_SITTER.test(m)),
      );
      expect(bad).toEqual([]);
    });
  }
  it('the rule bites: the checker recognises forbidden imports', () => {
    expect(importsOf("import { x } from 'node:fs';\nconst y = await import('react');")).toEqual(['node:fs', 'react']);
  });
});
