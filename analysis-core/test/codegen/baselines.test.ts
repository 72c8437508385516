/**
 * The regenerated baselines are valid and agree: for the 12 benchmarks (small sizes), the `@numba.njit`
 * and `@numba.njit(parallel=True)` modules compile and produce CPython's outputs on the same inputs.
 * Skipped with a printed reason when the project venv has no NumPy/Numba.
 */
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { generate } from '../../src/codegen/generate.js';
import { loadExamples } from '../helpers/examples.js';
import { parser } from '../helpers/parser.js';
import { compareOutputs, numbaMissing, numpyMissing, runAllBaselines, smallBindings } from './harness.js';

describe('Python baselines', () => {
  it('CPython, Numba and Numba-parallel agree on every benchmark', { timeout: 900_000 }, async () => {
    const skip = (await numpyMissing()) ?? (await numbaMissing());
    if (skip) {
      console.warn(`SKIPPED Numba baseline comparison: ${skip}`);
      return;
    }
    const p = await parser();
    const cases = loadExamples()
      .filter((e) => e.group === 'benchmarks')
      .map((ex) => {
        const b = smallBindings(ex.bindings);
        return { tag: ex.name, result: generate(analyzeParsed(p.parse(ex.source), ex.source, b), b), seed: 5 };
      });
    const ran = await runAllBaselines(cases);
    const failures: string[] = [];
    for (const r of ran) {
      for (const flavour of ['numba', 'numbaParallel'] as const) {
        const m = compareOutputs(r.result, r.dirs.python, r.dirs[flavour]);
        if (m.length > 0) failures.push(`${r.tag}/${flavour}: ${JSON.stringify(m.slice(0, 3))}`);
      }
    }
    expect(failures).toEqual([]);
    expect(ran).toHaveLength(12);
  });
});
