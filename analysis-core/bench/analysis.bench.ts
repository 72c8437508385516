/**
 * `npm run bench:analysis`: median analysis time per example (parse + lower + dependences + verdicts +
 * explanations, static and bound stages), in one process, with the whole-folder total and ratios to the
 * fastest example so runs on different machines compare.
 */
import { analyzeSource } from '../src/index.js';
import { nodeParser } from '../node/parser.js';
import { loadExamples } from '../test/helpers/examples.js';

const REPS = Number(process.env.REPS ?? 30);
const parser = await nodeParser();
const rows: { name: string; median: number; p95: number }[] = [];
const examples = loadExamples();
for (const ex of examples) {
  for (let i = 0; i < 3; i++) analyzeSource(parser, ex.source, ex.bindings); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const t0 = performance.now();
    analyzeSource(parser, ex.source, ex.bindings);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push({ name: `${ex.group}/${ex.name}`, median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]! });
}
const t0 = performance.now();
for (const ex of examples) analyzeSource(parser, ex.source, ex.bindings);
const folderMs = performance.now() - t0;
const fastest = Math.min(...rows.map((r) => r.median));
console.log(`example                                   median ms   p95 ms   × fastest`);
for (const r of rows)
  console.log(
    `${r.name.padEnd(42)} ${r.median.toFixed(3).padStart(9)} ${r.p95.toFixed(3).padStart(8)} ${(r.median / fastest).toFixed(1).padStart(10)}`,
  );
const bench = rows
  .filter((r) => r.name.startsWith('benchmarks/'))
  .map((r) => r.median)
  .sort((a, b) => a - b);
const median = bench[Math.floor(bench.length / 2)] ?? NaN;
console.log(`\nbenchmark kernels: median of medians ${median.toFixed(3)} ms (target ≤ 2 ms); worst ${Math.max(...bench).toFixed(3)} ms`);
console.log(`whole examples folder (${examples.length} files), one pass: ${folderMs.toFixed(1)} ms (target well under 1000 ms)`);
