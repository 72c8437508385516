/** The example corpus (benchmarks + teaching cases) and its hand-written expectations. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bindingsFromComment, NO_BINDINGS, type Bindings } from '../../src/bindings.js';

const here = dirname(fileURLToPath(import.meta.url));
export const examplesRoot = join(here, '..', '..', 'examples');
export const goldenRoot = join(here, '..', 'golden');

export interface Example {
  readonly group: 'benchmarks' | 'teaching';
  readonly name: string;
  readonly path: string;
  readonly source: string;
  readonly bindings: Bindings;
  /** `# expect: 3=parallel, 4=sequential` — verdicts under the `# loupe:` bindings, by `for` line. */
  readonly expect: ReadonlyMap<number, string> | null;
  /** `# expect-static: …` — verdicts with no bindings at all. */
  readonly expectStatic: ReadonlyMap<number, string> | null;
}

function parseExpect(source: string, tag: string): Map<number, string> | null {
  const m = new RegExp(`^\\s*#\\s*${tag}:\\s*(.*)$`, 'm').exec(source);
  if (!m) return null;
  const out = new Map<number, string>();
  for (const part of m[1]!.split(',')) {
    const [line, verdict] = part.split('=').map((s) => s.trim());
    if (line && verdict) out.set(Number(line), verdict);
  }
  return out;
}

export function loadExamples(): Example[] {
  const out: Example[] = [];
  for (const group of ['benchmarks', 'teaching'] as const) {
    let names: string[];
    try {
      names = readdirSync(join(examplesRoot, group))
        .filter((n) => n.endsWith('.py'))
        .sort();
    } catch {
      continue;
    }
    for (const file of names) {
      const path = join(examplesRoot, group, file);
      const source = readFileSync(path, 'utf8');
      const comment = bindingsFromComment(source);
      out.push({
        group,
        name: file.replace(/\.py$/, ''),
        path,
        source,
        bindings: comment?.bindings ?? NO_BINDINGS,
        expect: parseExpect(source, 'expect'),
        expectStatic: parseExpect(source, 'expect-static'),
      });
    }
  }
  return out;
}
