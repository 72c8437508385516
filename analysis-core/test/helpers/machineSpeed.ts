/**
 * Wall-clock gates normalised to the reference machine. A CI machine "like ours" may be busier or slower
 * on the day (session 2's gate failed at 1.49 s for a file that takes 0.5 s here), so a gate compares a
 * timing with a fixed reference workload measured back to back in the same process: the ratio is what the
 * machine cannot change. The workload is Loupe's own static analysis of every in-repo example (parsed
 * beforehand), i.e. the same code paths the gated timings exercise, so both scale alike with CPU speed,
 * load and GC pressure.
 */
import type { Engine } from '../../cli/scan/engine.js';
import type { ParseResult } from '../../src/index.js';
import { loadExamples } from './examples.js';

/**
 * One pass of the reference workload on the 2-core development machine (best of 15, warm; session 3, after the witness and privatization speed-ups: best passes ranged 30–47 ms).
 * Re-measure with `npx tsx analysis-core/test/helpers/machineSpeed.ts` if the workload or the machine changes.
 */
export const REFERENCE_PASS_MS = 40;

export interface ReferenceWorkload {
  /** Milliseconds for one pass over the examples, now. */
  pass(): number;
}

export function referenceWorkload(engine: Engine): ReferenceWorkload {
  const parsed: { parsed: ParseResult; source: string }[] = loadExamples().map((ex) => ({
    parsed: engine.parse(ex.source),
    source: ex.source,
  }));
  return {
    pass() {
      const t0 = performance.now();
      for (const p of parsed) engine.analyze(p.parsed, p.source);
      return performance.now() - t0;
    },
  };
}

/**
 * `measure` timed back to back with the reference workload, `rounds` times; the result is the best round's
 * time expressed on the reference machine (`ms × REFERENCE_PASS_MS / pass`). Best, not median: load only
 * ever adds time, so the fastest round is the least disturbed one.
 */
export async function normalisedMs(
  workload: ReferenceWorkload,
  measure: () => Promise<number>,
  rounds: number,
): Promise<{ normalised: number; raw: number; factor: number }> {
  let best = { normalised: Infinity, raw: Infinity, factor: 1 };
  for (let k = 0; k < rounds; k++) {
    const before = workload.pass();
    const ms = await measure();
    const after = workload.pass();
    const factor = Math.min(before, after) / REFERENCE_PASS_MS;
    const normalised = ms / factor;
    if (normalised < best.normalised) best = { normalised, raw: ms, factor };
  }
  return best;
}

if (process.argv[1]?.endsWith('machineSpeed.ts')) {
  const { createEngine } = await import('../../cli/scan/pipelineEngine.js');
  const { warmUp } = await import('../../cli/scan/warmUp.js');
  const engine = await createEngine();
  warmUp(engine);
  const w = referenceWorkload(engine);
  for (let k = 0; k < 10; k++) w.pass();
  const passes = Array.from({ length: 15 }, () => w.pass()).sort((a, b) => a - b);
  console.log(`reference pass: best ${passes[0]!.toFixed(1)} ms, median ${passes[7]!.toFixed(1)} ms, worst ${passes[14]!.toFixed(1)} ms`);
}
