/**
 * The generated CUDA is valid CUDA: every benchmark's translation unit, and every teaching example's that
 * uses something the benchmarks do not (block reductions, compare-and-swap atomics, one-thread kernels,
 * Python-semantics helpers), compiles with `nvcc -ptx -arch=sm_90` and defines every kernel it declares.
 * (The server's tests compile every kernel with NVRTC; nvcc costs about a second per file.)
 * Skipped with a printed reason when nvcc is absent.
 */
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { generate } from '../../src/codegen/generate.js';
import { loadExamples } from '../helpers/examples.js';
import { parser } from '../helpers/parser.js';
import { nvccMissing, tempDir } from './harness.js';
import { SEMANTICS, SNIPPETS } from './snippets.js';
import { bindingsFromComment } from '../../src/bindings.js';

const run = promisify(execFile);
const examples = loadExamples();

describe('nvcc -ptx -arch=sm_90 accepts the generated CUDA', () => {
  it('every benchmark, and the teaching examples with other constructs', { timeout: 900_000 }, async () => {
    const skip = await nvccMissing();
    if (skip) {
      console.warn(`SKIPPED nvcc compilation: ${skip}`);
      return;
    }
    const p = await parser();
    const dir = tempDir('nvcc');
    const failures: string[] = [];
    let compiled = 0;
    // Constructs a translation unit may use; a teaching example is compiled when it adds one the others lack.
    const FEATURES: readonly RegExp[] = [
      /__syncthreads\(\)/,
      /loupe_atomic_\w+/,
      /atomicAdd\(/,
      /_serial\(/,
      /loupe_(floordiv|mod|fmod|ipow)\(/,
      /- \d* ?\*? ?\(int\)\(blockIdx/,
      /_cell\b/,
    ];
    const covered = new Set<number>();
    const all = examples
      .map((ex) => ({ ex, r: generate(analyzeParsed(p.parse(ex.source), ex.source, ex.bindings), ex.bindings) }))
      .filter((x) => x.r.kernels.length > 0)
      .sort((a, b) => (a.ex.group === b.ex.group ? 0 : a.ex.group === 'benchmarks' ? -1 : 1));
    const queue = all.filter((x) => {
      const adds = FEATURES.map((f, k) => (f.test(x.r.cuda) && !covered.has(k) ? k : -1)).filter((k) => k >= 0);
      adds.forEach((k) => covered.add(k));
      return x.ex.group === 'benchmarks' || adds.length > 0;
    });
    for (const [name, source] of [['semantics', SEMANTICS] as const, ...Object.entries(SNIPPETS)]) {
      const b = bindingsFromComment(source)!.bindings;
      const ex = { group: 'teaching' as const, name, source, bindings: b, path: '', expect: null, expectStatic: null };
      queue.push({ ex, r: generate(analyzeParsed(p.parse(source), source, b), b) });
    }
    const worker = async (): Promise<void> => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
        const { ex, r } = item;
        const cu = join(dir, `${ex.group}_${ex.name}.cu`);
        const ptx = cu.replace(/\.cu$/, '.ptx');
        writeFileSync(cu, r.cuda);
        try {
          await run('nvcc', ['-ptx', '-arch=sm_90', '-o', ptx, cu], { timeout: 300_000 });
          const text = readFileSync(ptx, 'utf8');
          for (const k of r.kernels) if (!text.includes(`.entry ${k.name}(`)) failures.push(`${ex.name}: no .entry ${k.name}`);
          compiled++;
        } catch (e) {
          failures.push(`${ex.group}/${ex.name}: ${(e as { stderr?: string }).stderr ?? String(e)}`);
        }
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    console.log(`nvcc -ptx -arch=sm_90: ${compiled} translation units compiled`);
    expect(failures).toEqual([]);
    expect(compiled).toBeGreaterThanOrEqual(12);
  });
});
