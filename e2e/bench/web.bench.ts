/**
 * `npm run bench:web`: browser latency of the explorer, over every example.
 * - page load → first verdict: a fresh browser context opens the example's permalink; the time from navigation
 *   start to the `loupe:first-verdict` performance mark (set when the first verdicts are committed to the DOM).
 * - edit → verdict: in one warm page, per example, EDITS single-character edits through the Monaco model; the
 *   time from the edit to the frame after the page shows the analysis of that exact version.
 * Targets (issue 4): first verdict ≤ 1.0 s, edit-to-verdict p95 ≤ 50 ms. Needs a build (`npm run bench:web`
 * builds first) and /usr/bin/chromium (LOUPE_CHROMIUM overrides).
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodeShared } from '../../web/src/state/permalink';
import { sharedDefaults } from '../../web/src/state/store';

const root = fileURLToPath(new URL('../..', import.meta.url));
const port = Number(process.env.BENCH_PORT ?? 8091);
const base = `http://127.0.0.1:${port}`;
const EDITS = Number(process.env.BENCH_EDITS ?? 5);
const LOADS = process.env.BENCH_LOADS; // limit page loads (all examples by default)

const examples = ['benchmarks', 'teaching'].flatMap((g) =>
  readdirSync(`${root}analysis-core/examples/${g}`)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => ({ id: `${g}/${f.slice(0, -3)}`, group: g, source: readFileSync(`${root}analysis-core/examples/${g}/${f}`, 'utf8') })),
);

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

const fmt = (ms: number): string => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;

async function waitForServer(): Promise<void> {
  for (let k = 0; k < 120; k++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server did not answer on ${base}`);
}

async function firstVerdict(browser: Browser, source: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/${encodeShared(sharedDefaults(source))}`);
  const ms = await page.waitForFunction(() => performance.getEntriesByName('loupe:first-verdict')[0]?.startTime, undefined, {
    timeout: 30_000,
  });
  const value = (await ms.jsonValue()) as number;
  await context.close();
  return value;
}

/**
 * One edit (a character appended to the last line) and the time until its verdicts are on screen. Plain
 * JavaScript in a string: tsx would otherwise wrap the page function's inner functions in helpers the page
 * does not have.
 */
const EDIT_SCRIPT = `async (n) => {
  const model = window.__loupe.editor.getModel();
  const app = document.querySelector('[data-testid="app"]');
  const line = model.getLineCount();
  const col = model.getLineMaxColumn(line);
  const t0 = performance.now();
  model.applyEdits([{ range: { startLineNumber: line, startColumn: col, endLineNumber: line, endColumn: col }, text: n % 2 === 0 ? '#' : ' ' }]);
  const want = String(model.getVersionId());
  await new Promise((resolve) => {
    let observer = null;
    const done = () => {
      if (observer) observer.disconnect();
      requestAnimationFrame(() => resolve());
    };
    if (app.getAttribute('data-shown-version') === want) return done();
    observer = new MutationObserver(() => {
      if (app.getAttribute('data-shown-version') === want) done();
    });
    observer.observe(app, { attributes: true, attributeFilter: ['data-shown-version'] });
  });
  const ms = performance.now() - t0;
  const status = document.querySelector('[data-testid="status"]')?.textContent ?? '';
  const m = /analysed in (\\d+)/.exec(status);
  const title = document.querySelector('[data-testid="status"]')?.getAttribute('title') ?? '';
  const part = (name) => Number((new RegExp(name + ' ([\\\\d.]+) ms').exec(title) ?? [])[1] ?? NaN);
  return { ms, workerMs: m ? Number(m[1]) : NaN, parseMs: part('parse'), analysisMs: part('analysis'), cudaMs: part('CUDA') };
}`;

interface EditTiming {
  ms: number;
  workerMs: number;
  parseMs: number;
  analysisMs: number;
  cudaMs: number;
}

async function editToVerdict(page: Page, k: number): Promise<EditTiming> {
  return page.evaluate(`(${EDIT_SCRIPT})(${k})`) as Promise<EditTiming>;
}

async function main(): Promise<void> {
  const server = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  let browser: Browser | null = null;
  try {
    await waitForServer();
    browser = await chromium.launch({
      executablePath: process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    // Warm the server's file cache once (not measured).
    await firstVerdict(browser, examples[0]!.source);

    const loads: { id: string; group: string; ms: number }[] = [];
    const toLoad = LOADS ? examples.slice(0, Number(LOADS)) : examples;
    for (const e of toLoad) loads.push({ id: e.id, group: e.group, ms: await firstVerdict(browser, e.source) });

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForFunction(
      () => performance.getEntriesByName('loupe:first-verdict').length > 0 && 'editor' in ((window as { __loupe?: object }).__loupe ?? {}),
    );
    const edits: ({ id: string; group: string } & EditTiming)[] = [];
    for (const e of examples) {
      await page.evaluate(`window.__loupe.editor.getModel().setValue(${JSON.stringify(e.source)})`);
      await editToVerdict(page, -1); // settle on this example (not measured)
      for (let k = 0; k < EDITS; k++) edits.push({ id: e.id, group: e.group, ...(await editToVerdict(page, k)) });
    }
    await browser.close();
    browser = null;

    const row = (label: string, xs: number[]): string =>
      `  ${label.padEnd(34)} median ${fmt(quantile(xs, 0.5)).padStart(8)}   p95 ${fmt(quantile(xs, 0.95)).padStart(8)}   max ${fmt(Math.max(...xs)).padStart(8)}   (n=${xs.length})`;
    const by = <T extends { group: string; ms: number }>(xs: T[], g: string): number[] => xs.filter((x) => x.group === g).map((x) => x.ms);
    console.log(`\nLoupe web benchmark (${new Date().toISOString()}, ${examples.length} examples, headless Chromium)`);
    console.log('\nPage load → first verdict (fresh context per example):');
    console.log(
      row(
        'all examples',
        loads.map((x) => x.ms),
      ),
    );
    console.log(row('benchmarks', by(loads, 'benchmarks')));
    console.log(row('teaching', by(loads, 'teaching')));
    console.log(`\nEdit → verdict on screen (${EDITS} edits per example, warm page):`);
    console.log(
      row(
        'all examples',
        edits.map((x) => x.ms),
      ),
    );
    console.log(row('benchmarks', by(edits, 'benchmarks')));
    console.log(row('teaching', by(edits, 'teaching')));
    console.log(row('  of which worker (all)', edits.map((x) => x.workerMs).filter(Number.isFinite)));
    console.log(
      row(
        '  of which worker (benchmarks)',
        edits
          .filter((x) => x.group === 'benchmarks')
          .map((x) => x.workerMs)
          .filter(Number.isFinite),
      ),
    );
    for (const part of ['parseMs', 'analysisMs', 'cudaMs'] as const)
      console.log(
        row(
          `    worker ${part.replace('Ms', '')} (benchmarks)`,
          edits
            .filter((x) => x.group === 'benchmarks')
            .map((x) => x[part])
            .filter(Number.isFinite),
        ),
      );
    const slow = [
      ...new Map(
        edits.map((x) => [
          x.id,
          quantile(
            edits.filter((y) => y.id === x.id).map((y) => y.ms),
            0.5,
          ),
        ]),
      ).entries(),
    ]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6);
    console.log(`  slowest (median): ${slow.map(([id, ms]) => `${id} ${fmt(ms)}`).join(', ')}`);
    const firstP50 = quantile(
      loads.map((x) => x.ms),
      0.5,
    );
    const firstMax = Math.max(...loads.map((x) => x.ms));
    const editP95 = quantile(
      edits.map((x) => x.ms),
      0.95,
    );
    console.log('\nTargets:');
    console.log(
      `  first verdict ≤ 1000 ms: median ${fmt(firstP50)}, worst ${fmt(firstMax)} → ${firstMax <= 1000 ? 'met' : firstP50 <= 1000 ? 'met at the median, missed by the slowest examples' : 'missed'}`,
    );
    console.log(
      `  edit-to-verdict p95 ≤ 50 ms: ${fmt(editP95)} → ${editP95 <= 50 ? 'met' : 'missed'} (teaching p95 ${fmt(quantile(by(edits, 'teaching'), 0.95))}, benchmarks p95 ${fmt(quantile(by(edits, 'benchmarks'), 0.95))})`,
    );
  } finally {
    await browser?.close();
    if (server.pid !== undefined) process.kill(-server.pid, 'SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
