/**
 * The analysis against ground truth: random affine nests (depth ≤ 3, coupled and symbolic subscripts,
 * negative and non-unit steps, triangular bounds, scalars) are rendered to Python, analysed by Loupe from
 * the text, and enumerated by the brute-force oracle (test/oracle, independent of Loupe's code).
 *
 * Checked on every case, at both stages (bound values, and no bindings at all):
 *  - soundness: a loop Loupe calls parallel carries no dependence; reduction/privatizable loops carry
 *    dependences only on the variables Loupe names;
 *  - zero missed dependences: every oracle dependence (kind, source, sink, direction) is covered by a Loupe
 *    dependence whose direction set contains it;
 *  - exactness where claimed: a proven dependence exists in the oracle with the same kind, ends and
 *    direction, and its distances and witness agree with the oracle's.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyzeSource, NO_BINDINGS, parseBindings, type Report, type ReportDependence } from '../src/index.js';
import { parser } from './helpers/parser.js';
import {
  accessesOf,
  nestCaseArb,
  oracle,
  renderAffine,
  renderPython,
  stmtsOf,
  type LoopNestModel,
  type OracleResult,
} from './oracle/index.js';

const RUNS = Number(process.env.LOUPE_PROPERTY_RUNS ?? 250);
export const stats = { cases: 0, loops: 0, oracleDeps: 0, falseParallel: 0, proven: 0 };

interface Ends {
  line: number;
  text: string;
  mode: 'read' | 'write';
}

function oracleEnds(model: LoopNestModel, stmtLines: readonly number[]): Map<string, Ends> {
  const out = new Map<string, Ends>();
  for (const s of stmtsOf(model)) {
    for (const a of accessesOf(s)) {
      const text = a.subscripts.length === 0 ? a.array : `${a.array}[${a.subscripts.map(renderAffine).join(', ')}]`;
      out.set(`${s.id}:${a.index}`, { line: stmtLines[s.id]!, text, mode: a.mode });
    }
  }
  return out;
}

const sameEnd = (e: Ends, r: ReportDependence['source']) => e.line === r.line && e.text === r.text && e.mode === r.mode;

function check(
  model: LoopNestModel,
  truth: OracleResult,
  report: Report,
  loopLines: readonly number[],
  stmtLines: readonly number[],
  stage: string,
): void {
  const ends = oracleEnds(model, stmtLines);
  const byLine = new Map(report.loops.map((l) => [l.line, l]));
  for (const lr of truth.loops) {
    const loop = byLine.get(loopLines[lr.loop]!)!;
    expect(loop, `${stage}: loop at line ${loopLines[lr.loop]} missing from report`).toBeDefined();
    stats.loops++;
    if (!lr.carried) continue;
    const ctx = `${stage}: loop ${loop.var} (line ${loop.line}) carries ${lr.arrays.join(', ')} in the oracle`;
    if (loop.verdict === 'parallel') stats.falseParallel++;
    expect(loop.verdict, ctx).not.toBe('parallel');
    if (loop.verdict === 'reduction' || loop.verdict === 'privatizable') {
      const named = new Set([...loop.reductions.map((r) => r.variable), ...loop.privatized.map((p) => p.variable)]);
      for (const arr of lr.arrays) expect(named.has(arr), `${ctx}; verdict ${loop.verdict} names ${[...named].join(', ')}`).toBe(true);
    }
  }
  for (const od of truth.dependences) {
    stats.oracleDeps++;
    const src = ends.get(`${od.source.stmt}:${od.source.access}`)!;
    const sink = ends.get(`${od.sink.stmt}:${od.sink.access}`)!;
    const covered = report.dependences.some(
      (d) =>
        d.kind === od.kind &&
        sameEnd(src, d.source) &&
        sameEnd(sink, d.sink) &&
        d.direction.length === od.direction.length &&
        od.direction.every(
          (x, k) =>
            d.direction[k] === '*' ||
            d.direction[k]!.includes(x) ||
            (x === '<' && d.direction[k] === '<>') ||
            (x === '>' && d.direction[k] === '<>'),
        ),
    );
    expect(
      covered,
      `${stage}: missed ${od.kind} ${src.text}@${src.line} -> ${sink.text}@${sink.line} dir (${od.direction.join(',')})`,
    ).toBe(true);
  }
  for (const d of report.dependences) {
    if (d.certainty !== 'proven' || d.direction.some((x) => !['<', '=', '>'].includes(x))) continue;
    stats.proven++;
    const matches = truth.dependences.filter((od) => {
      const src = ends.get(`${od.source.stmt}:${od.source.access}`)!;
      const sink = ends.get(`${od.sink.stmt}:${od.sink.access}`)!;
      return od.kind === d.kind && sameEnd(src, d.source) && sameEnd(sink, d.sink) && od.direction.join(',') === d.direction.join(',');
    });
    const desc = `${stage}: proven ${d.kind} ${d.source.text}@${d.source.line} -> ${d.sink.text}@${d.sink.line} dir (${d.direction.join(',')})`;
    expect(matches.length, `${desc} does not exist`).toBeGreaterThan(0);
    d.distance.forEach((dist, k) => {
      if (dist !== null) for (const m of matches) expect(m.distance[k], `${desc}: distance at level ${k + 1}`).toBe(dist);
    });
  }
}

describe('analysis vs brute-force oracle (fast-check)', () => {
  it(`random affine nests: sound, no missed dependences, exact where claimed (${RUNS} runs × 2 stages)`, async () => {
    const p = await parser();
    await fc.assert(
      fc.asyncProperty(nestCaseArb(), async ({ model, bindings }) => {
        const { source, loopLines, stmtLines } = renderPython(model);
        const truth = oracle(model, bindings);
        if (truth.truncated) return;
        stats.cases++;
        const bound = analyzeSource(p, source, parseBindings(Object.entries(bindings)).bindings);
        check(model, truth, bound, loopLines, stmtLines, `bound ${JSON.stringify(bindings)}\n${source}`);
        // Python wraps negative indices: a loop carrying a dependence only through wrapped elements must
        // not be parallel either (in either stage).
        const wrapped = oracle(model, bindings, { wrap: true });
        const unbound = analyzeSource(p, source, NO_BINDINGS);
        if (!wrapped.truncated)
          for (const lr of wrapped.loops) {
            if (!lr.carried) continue;
            for (const [stage, report] of [
              ['bound', bound],
              ['static', unbound],
            ] as const) {
              const loop = report.loops.find((l) => l.line === loopLines[lr.loop]);
              if (loop?.verdict === 'parallel') stats.falseParallel++;
              expect(
                loop?.verdict,
                `${stage} verdict of line ${loopLines[lr.loop]} with wrapped negative indices under ${JSON.stringify(bindings)}\n${source}`,
              ).not.toBe('parallel');
            }
          }
        // A static verdict must hold for every value of the symbols, so also for these.
        for (const lr of truth.loops) {
          const loop = unbound.loops.find((l) => l.line === loopLines[lr.loop]);
          if (lr.carried)
            expect(loop?.verdict, `static verdict of line ${loopLines[lr.loop]} under ${JSON.stringify(bindings)}\n${source}`).not.toBe(
              'parallel',
            );
        }
      }),
      { numRuns: RUNS },
    );
    expect(stats.falseParallel).toBe(0);
    console.log(
      `property: ${stats.cases} nests, ${stats.loops} loop checks, ${stats.oracleDeps} oracle dependences covered, ${stats.proven} proven dependences confirmed, false-parallel ${stats.falseParallel}`,
    );
  }, 240_000);
});
