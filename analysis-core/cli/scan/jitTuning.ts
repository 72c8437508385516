/**
 * Scan workers let a function run longer before V8 optimizes it.
 *
 * V8 optimizes a function with TurboFan after it has spent its "interrupt budget" of bytecode a few times
 * (`--interrupt-budget`, 66 KB of bytecode in Node 20's V8). The analysis is a large program that
 * sees new object shapes file after file, so with the default many functions were optimized on early,
 * narrow type feedback, deoptimized at the next file ("wrong map") and compiled again: over the corpus,
 * 554 TurboFan compilations and 207 deoptimizations in one thread, with the compiler threads using more
 * CPU than the analysis itself during the first pass (5.3 s against 3.5 s). Each worker is its own
 * isolate and paid this again, on cores the two workers already filled.
 *
 * With a budget of 2 MB: 148 compilations and 26 deoptimizations, the first pass's compiler CPU fell to
 * 0.5 s, and the steady-state speed stayed the same (2.3–2.5 s per pass either way). A 2-worker corpus
 * scan went from 86–115 to 135–158 notebooks/s, measured alternately in one session. 4 MB measured the
 * same, 8 MB worse (code waits too long in the baseline tiers).
 *
 * The flag is process-wide: in the `loupe scan` process that is what we want; where a scan runs inside
 * another process (the tests, the benchmark) it only changes when that process's JIT optimizes.
 */
import { setFlagsFromString } from 'node:v8';

const INTERRUPT_BUDGET = 2_000_000;

/** Called by each worker before it loads the engine; setting the flag again is harmless. */
export function tuneJitForScan(): void {
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}
