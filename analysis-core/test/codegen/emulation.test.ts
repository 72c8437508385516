/**
 * End-to-end check of the generated code: for every example with a runnable plan, compile the CPU
 * emulation of its CUDA (same kernel source, shuffled thread order), run it and the regenerated CPython
 * baseline on the same seeded inputs, and compare every output (float64 rtol 1e-9, float32 rtol 1e-4).
 * Needs g++ and the project venv's NumPy; without them the comparisons are skipped with a printed reason.
 */
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { generate } from '../../src/codegen/generate.js';
import type { CodegenResult } from '../../src/codegen/plan.js';
import { loadExamples } from '../helpers/examples.js';
import { parser } from '../helpers/parser.js';
import { emulateAgainstPython, gxxMissing, numpyMissing, smallBindings } from './harness.js';

const examples = loadExamples();
const benchmarks = examples.filter((e) => e.group === 'benchmarks');
const teaching = examples.filter((e) => e.group === 'teaching');

async function generated(source: string, bindings: Parameters<typeof generate>[1]): Promise<CodegenResult> {
  const p = await parser();
  return generate(analyzeParsed(p.parse(source), source, bindings), bindings);
}

/** A plan the emulation can execute end to end: all values bound, every host-only step has a device fallback. */
function runnable(r: CodegenResult): string | null {
  if (r.plan.missing.length > 0) return `missing bindings: ${r.plan.missing.join(', ')}`;
  const stuck = (steps: CodegenResult['plan']['steps']): string | null => {
    for (const s of steps) {
      if (s.kind === 'host-only' && !s.fallback) return s.reason;
      if (s.kind === 'host-loop') {
        const inner = stuck(s.body);
        if (inner) return inner;
      }
    }
    return null;
  };
  const why = stuck(r.plan.steps);
  if (why) return `a host-only step without device fallback: ${why}`;
  if (r.python.includes('raise NotImplementedError')) return 'the Python baseline could not be regenerated';
  return null;
}

async function skipReason(): Promise<string | null> {
  return (await gxxMissing()) ?? (await numpyMissing());
}

describe('CPU emulation of the generated CUDA matches CPython', () => {
  it('covers the 12 benchmarks', () => expect(benchmarks.length).toBe(12));

  for (const ex of benchmarks) {
    it(`benchmarks/${ex.name}`, { timeout: 120_000 }, async () => {
      const skip = await skipReason();
      if (skip) {
        console.warn(`SKIPPED emulation comparison for ${ex.name}: ${skip}`);
        return;
      }
      const r = await generated(ex.source, smallBindings(ex.bindings));
      expect(runnable(r)).toBeNull();
      expect(r.kernels.length).toBeGreaterThan(0);
      for (const seed of [1, 2]) {
        const { mismatches } = await emulateAgainstPython(ex.name, r, seed);
        expect(mismatches.slice(0, 5), `seed ${seed}`).toEqual([]);
      }
    });
  }

  it('teaching examples with a runnable plan', { timeout: 600_000 }, async () => {
    const skip = await skipReason();
    if (skip) {
      console.warn(`SKIPPED teaching-example emulation: ${skip}`);
      return;
    }
    const failures: string[] = [];
    const skipped: string[] = [];
    let compared = 0;
    // Two at a time: each compile takes about a second.
    const queue = [...teaching];
    const worker = async (): Promise<void> => {
      for (let ex = queue.shift(); ex !== undefined; ex = queue.shift()) {
        const r = await generated(ex.source, ex.bindings);
        const why = runnable(r);
        if (why) {
          skipped.push(`${ex.name} (${why})`);
          continue;
        }
        const { mismatches } = await emulateAgainstPython(ex.name, r, 7);
        compared++;
        if (mismatches.length > 0) failures.push(`${ex.name}: ${JSON.stringify(mismatches.slice(0, 3))}`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    console.log(
      `teaching examples: ${compared} compared with CPython, ${skipped.length} not runnable on the device: ${skipped.join('; ')}`,
    );
    expect(failures).toEqual([]);
    expect(compared).toBeGreaterThan(30);
  });
});
