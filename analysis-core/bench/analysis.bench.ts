/**
 * `npm run bench:analysis`: median time per example, split into parse (tree-sitter + syntax adapter),
 * analysis (lower → dependences → verdicts → transforms → explanations, static and bound stages) and
 * report (the JSON contract), in one process, with ratios to the fastest example so runs on different
 * machines compare.
 *
 * Method: the whole folder is analysed WARMUP times first (V8 compiles hot functions only after they have
 * run; the explorer's worker and a scan are always warm), then REPS interleaved rounds — every example
 * once per round, so a GC pause or a noisy neighbour lands on all examples alike, not on one.
 * The cold single pass over the folder (what one `loupe analyze` call pays) is printed too.
 */
import { analyzeParsed, toReport } from '../src/index.js';
import { nodeParser } from '../node/parser.js';
import { loadExamples } from '../test/helpers/examples.js';

const REPS = Number(process.env.REPS ?? 40);
const WARMUP = Number(process.env.WARMUP ?? 15);
const parser = await nodeParser();
/** ONLY=benchmarks (or any substring of `group/name`) restricts the run, for quick iterations. */
const examples = loadExamples().filter((ex) => `${ex.group}/${ex.name}`.includes(process.env.ONLY ?? ''));

function once(ex: (typeof examples)[number]): [parse: number, analysis: number, report: number] {
  const t0 = performance.now();
  const parsed = parser.parse(ex.source);
  const t1 = performance.now();
  const analysis = analyzeParsed(parsed, ex.source, ex.bindings);
  const t2 = performance.now();
  toReport(analysis);
  return [t1 - t0, t2 - t1, performance.now() - t2];
}

const t0 = performance.now();
for (const ex of examples) once(ex);
const coldFolderMs = performance.now() - t0;
for (let w = 0; w < WARMUP; w++) for (const ex of examples) once(ex);

const samples = examples.map(() => ({ parse: [] as number[], analysis: [] as number[], total: [] as number[] }));
for (let r = 0; r < REPS; r++)
  examples.forEach((ex, k) => {
    const [p, a, rep] = once(ex);
    samples[k]!.parse.push(p);
    samples[k]!.analysis.push(a);
    samples[k]!.total.push(p + a + rep);
  });
const t1 = performance.now();
for (const ex of examples) once(ex);
const warmFolderMs = performance.now() - t1;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
const rows = examples.map((ex, k) => ({
  name: `${ex.group}/${ex.name}`,
  parse: median(samples[k]!.parse),
  analysis: median(samples[k]!.analysis),
  total: median(samples[k]!.total),
  p95: p95(samples[k]!.total),
}));
const fastest = Math.min(...rows.map((r) => r.total));
console.log(
  `example                                       parse  analysis     total   p95 total  × fastest   (median ms over ${REPS} rounds)`,
);
for (const r of rows)
  console.log(
    `${r.name.padEnd(44)} ${r.parse.toFixed(3).padStart(6)} ${r.analysis.toFixed(3).padStart(9)} ${r.total.toFixed(3).padStart(9)} ${r.p95.toFixed(3).padStart(11)} ${(r.total / fastest).toFixed(1).padStart(10)}`,
  );
const bench = rows.filter((r) => r.name.startsWith('benchmarks/'));
const totals = bench.map((r) => r.total);
console.log(
  `\nbenchmark kernels (${bench.length}): median of medians ${median(totals).toFixed(3)} ms end to end (target ≤ 2 ms), ` +
    `of which analysis ${median(bench.map((r) => r.analysis)).toFixed(3)} ms, parse ${median(bench.map((r) => r.parse)).toFixed(3)} ms; ` +
    `worst ${Math.max(...totals).toFixed(3)} ms`,
);
console.log(
  `whole examples folder (${examples.length} files), one pass: cold ${coldFolderMs.toFixed(1)} ms, warm ${warmFolderMs.toFixed(1)} ms (target well under 1000 ms)`,
);
