/**
 * Loupe against CPython itself: generated programs that lean on Python's semantics (lists of one repeated
 * row, tuple and conditional aliases, helper results, module globals passed as parameters, `+` on lists and
 * strings, shadowed builtins, last values of conditionally written names, unparsable loops, `global` and
 * `nonlocal` names written in a loop) are executed by the oracle in test/oracle/pyexec/tracer.py, which
 * tracks memory by object identity and judges per loop the strongest verdict safe for what actually ran. Checked for every loop that ran:
 *  - Loupe `parallel` ⇒ the execution carried nothing;
 *  - Loupe `reduction` / `privatizable` ⇒ the execution is parallel, reduction or privatizable;
 *  - for a file CPython rejects, every loop Loupe reports is `unknown`.
 * One python3 process runs the whole sample (LOUPE_PY_PROPERTY_RUNS programs, default 300, split evenly over
 * the classes; fixed seeds, LOUPE_PY_PROPERTY_SEED to vary them). A failure shows the smallest failing
 * program of its class with both verdicts and the locations the execution carried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeSource, NO_BINDINGS, type Report } from '../src/index.js';
import type { PythonParser } from '../src/parse/index.js';
import { parser } from './helpers/parser.js';
import { ARBITRARIES, PY_CLASSES, type GeneratedProgram, type PyClass } from './oracle/pyexec/generators.js';
import { pythonVersion, runPrograms, type PyResult } from './oracle/pyexec/run.js';

const TOTAL = Number(process.env.LOUPE_PY_PROPERTY_RUNS ?? 300);
const SEED = Number(process.env.LOUPE_PY_PROPERTY_SEED ?? 7_2024);
const PYTHON = pythonVersion();
if (!PYTHON) console.warn('python-semantics property SKIPPED: no CPython 3.9+ as python3 on PATH (the oracle executes the programs)');

interface Failure {
  readonly source: string;
  readonly message: string;
}

const numbered = (source: string) =>
  source
    .trimEnd()
    .split('\n')
    .map((l, k) => `${String(k + 1).padStart(3)} | ${l}`)
    .join('\n');

/** The false-safe verdicts Loupe gives on one executed program. */
function falseSafe(report: Report, result: PyResult, counts: { loops: number; carried: number; deps: number }): string[] {
  const out: string[] = [];
  const byLine = new Map(report.loops.map((l) => [l.line, l]));
  for (const truth of result.loops ?? []) {
    if (truth.instances === 0) continue; // never ran: nothing to judge
    counts.loops++;
    if (truth.verdict !== 'parallel') counts.carried++;
    counts.deps += truth.dependences;
    const loupe = byLine.get(truth.line);
    if (!loupe) continue;
    const unsafe =
      (loupe.verdict === 'parallel' && truth.verdict !== 'parallel') ||
      ((loupe.verdict === 'reduction' || loupe.verdict === 'privatizable') && truth.verdict === 'sequential');
    if (unsafe)
      out.push(
        `line ${truth.line}: Loupe says ${loupe.verdict} ("${loupe.explanation}"), but executed it is ${truth.verdict}; carried: ${truth.carried.join('; ')}`,
      );
  }
  return out;
}

(PYTHON ? describe : describe.skip)(`Loupe vs CPython execution (${PYTHON ?? 'no python3'})`, () => {
  const perClass = Math.max(1, Math.round(TOTAL / PY_CLASSES.length));
  const programs: GeneratedProgram[] = PY_CLASSES.flatMap((cls, k) => fc.sample(ARBITRARIES[cls], { numRuns: perClass, seed: SEED + k }));
  let results: PyResult[] = [];
  let p: PythonParser;
  const counts = { loops: 0, carried: 0, deps: 0 };
  const perClassFalse = new Map<PyClass, number>();
  let discarded = 0;

  beforeAll(async () => {
    [results, p] = await Promise.all([runPrograms(programs.map((g, id) => ({ id, source: g.source }))), parser()]);
  }, 120_000);

  afterAll(() => {
    if (results.length === 0) return;
    const byClass = PY_CLASSES.map((c) => `${c} ${programs.filter((g) => g.class === c).length}`).join(', ');
    const falseSafeTotal = [...perClassFalse.values()].reduce((a, b) => a + b, 0);
    const falseByClass = [...perClassFalse].map(([c, f]) => `${c} ${f}`).join(', ');
    console.log(
      `python-semantics property: ${programs.length} programs (${byClass}), ${counts.loops} loops, ${counts.carried} carried loops, ` +
        `${counts.deps} carried dependences, ${discarded} discarded, false-safe ${falseSafeTotal}${falseSafeTotal ? ` (${falseByClass})` : ''}`,
    );
  });

  it('the oracle runs the generated programs (a few may raise and are discarded; broken files never compile)', () => {
    const broken: string[] = [];
    const raised: string[] = [];
    programs.forEach((g, k) => {
      const r = results[k]!;
      if (g.class === 'syntax' && r.syntaxError === undefined) broken.push(`compiles although broken:\n${numbered(g.source)}`);
      if (g.class !== 'syntax' && r.loops === undefined) raised.push(`${r.syntaxError ?? r.error ?? 'truncated'}:\n${numbered(g.source)}`);
    });
    discarded = raised.length;
    expect(broken.slice(0, 2).join('\n\n')).toBe('');
    expect(raised.length, `generated programs that do not run, e.g.\n${raised[0]}`).toBeLessThanOrEqual(programs.length * 0.05);
  });

  for (const cls of PY_CLASSES) {
    it(`${cls}: no false-safe verdict`, () => {
      const failures: Failure[] = [];
      programs.forEach((g, k) => {
        if (g.class !== cls) return;
        const r = results[k]!;
        let report: Report;
        try {
          report = analyzeSource(p, g.source, NO_BINDINGS);
        } catch (e) {
          failures.push({ source: g.source, message: `Loupe threw: ${(e as Error).stack ?? e}` });
          return;
        }
        if (r.syntaxError !== undefined) {
          const decided = report.loops.filter((l) => l.verdict !== 'unknown');
          if (decided.length)
            failures.push({
              source: g.source,
              message: `CPython rejects it (${r.syntaxError}), yet Loupe decides ${decided.map((l) => `line ${l.line} ${l.verdict}`).join(', ')}`,
            });
          return;
        }
        const found = falseSafe(report, r, counts);
        if (found.length) failures.push({ source: g.source, message: found.join('\n') });
      });
      perClassFalse.set(cls, failures.length);
      const smallest = [...failures].sort((a, b) => a.source.length - b.source.length)[0];
      expect(
        failures.length,
        smallest &&
          `${failures.length} of ${programs.filter((g) => g.class === cls).length} ${cls} programs get a false-safe verdict; the smallest:\n` +
            `${numbered(smallest.source)}\n${smallest.message}`,
      ).toBe(0);
    });
  }
});
