/**
 * `npm run bench:gpu`: for each benchmark in analysis-core/examples/benchmarks, the generated code timed
 * by every runner in one process — CPython, Numba @njit, Numba parallel, GPU kernel (CUDA events) and GPU
 * end to end (with transfers) — as medians of repeated runs, with speedups over CPython and correctness
 * against CPython. Without a GPU the GPU columns read "n/a (no GPU: <reason>)" and the rest still runs.
 *
 * Options: --scale F (multiply every size of at least 16 by F; default 1 = the `# loupe:` sizes),
 * --reps N (default 5), --only NAME[,NAME] (benchmark file names without .py), --json (one JSON line per
 * benchmark instead of the table), --budget MS (CPython's time budget before it is extrapolated; default 5000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeParsed, bindingsFromComment, formatBindings } from '@loupe/analysis-core';
import { nodeParser } from '../../analysis-core/node/parser.js';
import { EMULATION_SHIM, emulationMain } from '../../analysis-core/src/codegen/emulation.js';
import { generate } from '../../analysis-core/src/codegen/generate.js';
import { defaultCapabilityService } from '../src/capabilities/index.js';
import { CompilerService } from '../src/nvrtc/compiler.js';
import { repoRoot } from '../src/paths.js';
import { realGpuService } from '../src/runners/gpuService.js';
import { executeRun, type RunReply } from '../src/runners/run.js';
import { scaleBindings } from '../src/runners/scale.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const scale = Number(arg('scale') ?? '1');
const reps = Number.parseInt(arg('reps') ?? '5', 10);
const budget = Number(arg('budget') ?? '5000');
const only = arg('only')?.split(',');
const asJson = process.argv.includes('--json');

const root = repoRoot();
const dir = path.join(root, 'analysis-core', 'examples', 'benchmarks');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.py') && (!only || only.includes(path.basename(f, '.py'))))
  .sort();

const parser = await nodeParser();
const capabilities = defaultCapabilityService(root);
const gpu = realGpuService();
const gpuStatus = await gpu.status();
const compilers = new CompilerService({ root });
const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-bench-'));

const ms = (v: number | undefined, est = false) =>
  v === undefined ? '—' : `${v < 10 ? v.toFixed(3) : v < 1000 ? v.toFixed(1) : v.toFixed(0)}${est ? '*' : ''}`;
const x = (v: number | undefined) => (v === undefined ? '—' : `${v >= 100 ? v.toFixed(0) : v.toFixed(1)}×`);
const noGpu = gpuStatus.available ? '' : `n/a (no GPU: ${gpuStatus.reason})`;
// Table cells get the reason's first clause; the full reason is printed once, above and below the table.
const noGpuCell = gpuStatus.available ? '' : `n/a (no GPU: ${gpuStatus.reason.split(' (')[0]})`;

const caps = await capabilities.report(20_000);
console.log(`Loupe bench:gpu — ${new Date().toISOString()} — ${os.cpus()[0]?.model ?? 'CPU'} (${os.availableParallelism()} threads)`);
console.log(
  `GPU: ${gpuStatus.available ? `${gpuStatus.device.name} (compute ${gpuStatus.device.computeCapability}), driver CUDA ${gpuStatus.driverVersion}` : noGpu}`,
);
console.log(`Python: ${caps.python.detail}`);
console.log(`Compiler: ${caps.nvrtc.available ? caps.nvrtc.detail : caps.nvcc.detail}`);
console.log(
  `Sizes: # loupe: comments${scale !== 1 ? ` × ${scale}` : ''}; ${reps} repetitions; medians in ms (* = CPython extrapolated from scaled-down runs); speedups vs CPython.\n`,
);

const header = ['benchmark', 'CPython', 'Numba', 'Numba par', 'GPU kernel', 'GPU e2e', 'Numba ×', 'GPU kernel ×', 'GPU e2e ×', 'correct'];
const rows: string[][] = [];

for (const file of files) {
  const name = path.basename(file, '.py');
  const source = fs.readFileSync(path.join(dir, file), 'utf8');
  const comment = bindingsFromComment(source);
  if (!comment || comment.errors.length > 0) {
    rows.push([name, `no usable # loupe: bindings`]);
    continue;
  }
  const bindings = scale === 1 ? comment.bindings : scaleBindings(comment.bindings, scale);
  let reply: RunReply;
  try {
    const code = generate(analyzeParsed(parser.parse(source), source, bindings), bindings);
    if (code.kernels.length === 0 || code.plan.missing.length > 0) {
      rows.push([name, `nothing to run: ${code.notes.join(' ') || `bind ${code.plan.missing.join(', ')}`}`]);
      continue;
    }
    reply = await executeRun(
      { source, bindings, code, runners: ['python', 'gpu'], repetitions: reps, seed: 12345, deadline: Date.now() + 10 * 60_000 },
      {
        parser: Promise.resolve(parser),
        capabilities,
        compilers,
        gpu,
        emulation: { shim: EMULATION_SHIM, main: emulationMain },
        generate,
        cpythonBudgetMs: budget,
        tmpDir,
      },
    );
  } catch (err) {
    rows.push([name, `failed: ${err instanceof Error ? err.message : String(err)}`]);
    continue;
  }
  const r = reply.runners;
  const g = r.gpu;
  const gpuCell = (v: number | undefined) =>
    g?.available ? (g.error ? `error: ${g.error.slice(0, 60)}` : ms(v)) : noGpuCell || (g?.reason ?? '—');
  const correctness = Object.entries(r)
    .filter(([, v]) => v.correct === false || v.error)
    .map(([k, v]) => `${k}: ${v.error ? `error (${v.error.slice(0, 80)})` : `mismatch (max error ${v.maxError})`}`);
  if (asJson) {
    console.log(JSON.stringify({ benchmark: name, bindings: formatBindings(bindings), ...reply }));
    continue;
  }
  rows.push([
    name,
    r.cpython?.error ? `error: ${r.cpython.error}` : ms(r.cpython?.medianMs, r.cpython?.estimated),
    r.numba?.error ? 'error' : ms(r.numba?.medianMs),
    r['numba-parallel']?.error ? 'error' : ms(r['numba-parallel']?.medianMs),
    gpuCell(g?.kernel?.medianMs),
    gpuCell(g?.endToEnd?.medianMs),
    x(reply.speedups.vsCpython.numba),
    g?.available ? x(reply.speedups.vsCpython.gpuKernel) : 'n/a',
    g?.available ? x(reply.speedups.vsCpython.gpuEndToEnd) : 'n/a',
    `${reply.correct ? 'yes' : 'NO'}${reply.reference === 'numba' ? ' (vs Numba)' : ''}${correctness.length ? ` — ${correctness.join('; ')}` : ''}`,
  ]);
  process.stderr.write(`  ${name} done\n`);
}

if (!asJson) {
  const widths = header.map((h, i) =>
    Math.min(40, Math.max(h.length, ...rows.map((row) => (row.length === header.length ? (row[i]?.length ?? 0) : 0)))),
  );
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}`);
  for (const row of rows)
    console.log(row.length === header.length ? line(row) : `${row[0]!.padEnd(widths[0]!)}  ${row.slice(1).join(' ')}`);
  if (!gpuStatus.available) console.log(`\nGPU columns: ${noGpu}`);
}
fs.rmSync(tmpDir, { recursive: true, force: true });
process.exit(0);
