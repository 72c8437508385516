/**
 * The emulation must be able to catch an illegal parallelisation. `a[i] = a[i - 1] + 1.0` is a true
 * recurrence (sequential); forcing its verdict to `parallel` generates a kernel whose threads, run in a
 * shuffled order, read neighbours that are not yet (or already) updated — the output must differ from
 * CPython's. With the honest verdict the same snippet runs as a one-thread kernel and matches.
 */
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { bindingsFromComment } from '../../src/bindings.js';
import { generate, generateWithVerdicts } from '../../src/codegen/generate.js';
import { parser } from '../helpers/parser.js';
import { emulateAgainstPython, gxxMissing, numpyMissing } from './harness.js';

const SOURCE = `def kernel(a, n):
    for i in range(1, n):
        a[i] = a[i - 1] + 1.0


# loupe: n=64, a=float64[64]
`;

describe('shuffled emulation detects an illegal parallel loop', () => {
  it('forced-parallel recurrence differs from CPython; the honest plan matches', { timeout: 120_000 }, async () => {
    const p = await parser();
    const bindings = bindingsFromComment(SOURCE)!.bindings;
    const analysis = analyzeParsed(p.parse(SOURCE), SOURCE, bindings);
    const runtime = analysis.runtime!;
    expect(runtime.verdicts[0]!.kind).toBe('sequential');

    const honest = generate(analysis, bindings);
    expect(honest.plan.steps[0]!.kind).toBe('host-only');

    const forced = generateWithVerdicts(
      analysis.program,
      runtime.verdicts.map((v) => ({ ...v, kind: 'parallel' as const, blocking: [] })),
      bindings,
      'runtime',
    );
    expect(forced.plan.steps[0]!.kind).toBe('launch');
    expect(forced.kernels[0]!.serial).toBe(false);
    expect(forced.cuda).toContain('a[i] = a[i - 1] + 1.0;');

    const skip = (await gxxMissing()) ?? (await numpyMissing());
    if (skip) {
      console.warn(`SKIPPED negative emulation test: ${skip}`);
      return;
    }
    const bad = await emulateAgainstPython('negative-forced', forced, 3);
    expect(bad.mismatches.length).toBeGreaterThan(0);
    const good = await emulateAgainstPython('negative-honest', honest, 3);
    expect(good.mismatches).toEqual([]);
  });
});
