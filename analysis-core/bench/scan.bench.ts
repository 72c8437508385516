/**
 * `npm run bench:scan`: wall-clock throughput of `loupe scan` over the shared corpus, with 2 workers and
 * with 1, in one run (same machine, same load), worker start-up included — what a user waits for.
 * Target: ≥ 100 notebooks/s with 2 workers on 2 cores. `LOUPE_CORPUS` overrides the corpus location.
 * The last row scans with parse + outline only (no analysis): the ceiling set by the parser and the scanner.
 * CPU seconds (all threads of this process) are printed too: on a machine shared with other work, wall
 * time says little, while notebooks per CPU-second × cores estimates the throughput of an idle machine.
 *
 * The 2-worker scan runs three times and the target is judged on the median: on the shared development VM
 * the same scan's wall time varies by a quarter from one minute to the next (other tenants' load), so one
 * run can land on either side of the target by chance. All three are printed, with their spread.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { corpusDir } from '../cli/scan/corpusPaths.js';
import { OUTLINE_ENGINE_URL } from '../cli/scan/engine.js';
import { runScan, type ScanOutcome } from '../cli/scan/runScan.js';

const TARGET = 100;
const dir = corpusDir();
if (!existsSync(dir)) {
  console.log(`bench:scan: no corpus at ${dir} (set LOUPE_CORPUS); nothing to measure`);
  process.exit(0);
}

interface Row {
  label: string;
  jobs: number;
  outcome: ScanOutcome;
  perSec: number;
  cpuS: number;
}

const rows: Row[] = [];
const TWO_WORKER_RUNS = 3;
const configs: { label: string; jobs: number; engineUrl?: string }[] = [
  ...Array.from({ length: TWO_WORKER_RUNS }, () => ({ label: 'analysis', jobs: 2 })),
  { label: 'analysis', jobs: 1 },
  { label: 'parse+outline', jobs: 2, engineUrl: OUTLINE_ENGINE_URL },
];
for (const c of configs) {
  const cpu0 = process.cpuUsage();
  const outcome = await runScan([dir], { jobs: c.jobs, ...(c.engineUrl !== undefined && { engineUrl: c.engineUrl }) });
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  rows.push({ label: c.label, jobs: c.jobs, outcome, perSec: outcome.summary.notebooks / (outcome.wallMs / 1000), cpuS });
}

console.log(`corpus: ${dir}  (${availableParallelism()} CPUs)`);
console.log('engine          jobs   files  notebooks   wall s   notebooks/s   files/s    CPU s   notebooks/CPU-s   crashes   over 100 ms');
for (const { label, jobs, outcome: o, perSec, cpuS } of rows) {
  const s = o.summary;
  console.log(
    `${label.padEnd(14)} ${String(jobs).padStart(5)} ${String(s.files).padStart(7)} ${String(s.notebooks).padStart(10)} ${(o.wallMs / 1000).toFixed(2).padStart(8)} ${perSec.toFixed(1).padStart(13)} ${(s.files / (o.wallMs / 1000)).toFixed(1).padStart(9)} ${cpuS.toFixed(1).padStart(8)} ${(s.notebooks / cpuS).toFixed(1).padStart(17)} ${String(s.crashes.length).padStart(9)} ${String(s.timing.slow.length).padStart(13)}`,
  );
}
const twos = rows.slice(0, TWO_WORKER_RUNS).sort((a, b) => a.perSec - b.perSec);
const two = twos[Math.floor(TWO_WORKER_RUNS / 2)]!;
const one = rows[TWO_WORKER_RUNS]!;
const spread = `runs: ${twos.map((r) => r.perSec.toFixed(1)).join(', ')}`;
console.log(`\nspeed-up 2 workers (median run) / 1 worker: ${(two.perSec / one.perSec).toFixed(2)}×`);
console.log(
  `target ≥ ${TARGET} notebooks/s with 2 workers, median of ${TWO_WORKER_RUNS}: ${two.perSec >= TARGET ? 'met' : 'NOT met'} (${two.perSec.toFixed(1)}; ${spread})`,
);
const idle = (2 * two.outcome.summary.notebooks) / two.cpuS;
console.log(`idle 2-core estimate (2 × notebooks per CPU-second): ${idle.toFixed(1)} notebooks/s`);
