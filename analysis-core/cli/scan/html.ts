/**
 * `--html FILE`: the summary as one self-contained page (inline CSS and SVG, no scripts, no external
 * assets), to attach to a CI run or mail around. Charts: verdicts, nest depths, top reasons, analysis times.
 */
import { barChart, escapeXml as esc, type Bar } from './svgBars.js';
import { quantile, SLOW_MS, VERDICTS, type ReasonCount, type Summary } from './summary.js';
import { pct } from './table.js';
import type { FileResult } from './types.js';

const VERDICT_COLORS: Record<string, string> = {
  parallel: '#59a14f',
  reduction: '#76b7b2',
  privatizable: '#4e79a7',
  sequential: '#e15759',
  unknown: '#bab0ac',
  'not analysed': '#000000',
};
const TOP_REASONS = 15;

export function formatHtml(s: Summary, files: readonly FileResult[], title = 'Loupe scan'): string {
  const verdictBars = (counts: Readonly<Record<string, number>>): Bar[] =>
    [...VERDICTS, 'not analysed']
      .filter((v) => v !== 'not analysed' || (counts[v] ?? 0) > 0)
      .map((v) => ({ label: v, value: counts[v] ?? 0, color: VERDICT_COLORS[v] ?? '#888' }));
  const histBars = (h: Readonly<Record<string, number>>): Bar[] => Object.entries(h).map(([d, n]) => ({ label: `depth ${d}`, value: n }));
  const reasonBars = (rs: readonly ReasonCount[]): Bar[] => rs.slice(0, TOP_REASONS).map((r) => ({ label: r.reason, value: r.loops }));
  const body = [
    `<h1>${esc(title)}</h1>`,
    `<p>${s.files} files (${s.notebooks} notebooks, ${s.pyFiles} .py) · ${s.codeCells} code cells · ${s.lines} lines · ${s.loops} loops, ${s.rangeLoops} over <code>range</code> · ${s.affineLoops} with all subscripts affine (${pct(s.affineLoops, s.subscriptedLoops)} of ${s.subscriptedLoops} touching arrays) · ${s.crashes.length} crashes · ${s.timing.slow.length} analyses over ${SLOW_MS} ms</p>`,
    '<div class="charts">',
    barChart(verdictBars(s.verdicts), { title: 'Verdicts, all loops', labelWidth: 110, width: 420 }),
    barChart(verdictBars(s.rangeVerdicts), { title: 'Verdicts, for … in range loops', labelWidth: 110, width: 420 }),
    barChart(histBars(s.nestDepth), { title: 'Loop nest depth', labelWidth: 110, width: 420 }),
    barChart(histBars(s.rangeNestDepth), { title: 'range-loop nest depth', labelWidth: 110, width: 420 }),
    '</div>',
    barChart(reasonBars(s.reasons.unknown), {
      title: 'Top reasons: unknown',
      labelWidth: 420,
      width: 900,
      color: VERDICT_COLORS['unknown'],
    }),
    reasonTable(s.reasons.unknown),
    barChart(reasonBars(s.reasons.sequential), {
      title: 'Top reasons: sequential',
      labelWidth: 420,
      width: 900,
      color: VERDICT_COLORS['sequential'],
    }),
    reasonTable(s.reasons.sequential),
    barChart(timeBuckets(files), { title: 'Analysis time per file (parse + analysis)', labelWidth: 110, width: 600 }),
    `<p>p50 ${s.timing.p50Ms.toFixed(2)} ms · p95 ${s.timing.p95Ms.toFixed(2)} ms · p99 ${p99(files).toFixed(1)} ms · max ${s.timing.maxMs.toFixed(1)} ms</p>`,
    listSection(
      `Analyses over ${SLOW_MS} ms`,
      s.timing.slow.map((x) => `${x.ms.toFixed(1)} ms (parse ${x.parseMs.toFixed(1)}) — ${x.path} [${x.lines} lines, ${x.loops} loops]`),
    ),
    listSection(
      'Crashes',
      s.crashes.map((c) => `${c.path}${c.where ? ` (${c.where})` : ''} [${c.phase}] ${c.message}`),
    ),
    listSection(
      'Skipped files',
      files.filter((f) => f.status === 'skipped').map((f) => `${f.path}: ${f.notes.map((n) => n.message).join('; ')}`),
    ),
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:2em;max-width:1000px;color:#222}
.charts{display:flex;flex-wrap:wrap;gap:1.5em}
svg{margin:1em 0;display:block}
table{border-collapse:collapse;font-size:13px}td{padding:2px 8px;border-bottom:1px solid #eee;vertical-align:top}
td.n{text-align:right}code{background:#f4f4f4;padding:0 3px}
</style></head><body>
${body.join('\n')}
</body></html>
`;
}

function p99(files: readonly FileResult[]): number {
  return quantile(
    files
      .filter((f) => f.status !== 'skipped')
      .map((f) => f.ms)
      .sort((a, b) => a - b),
    0.99,
  );
}

function reasonTable(rs: readonly ReasonCount[]): string {
  if (rs.length === 0) return '';
  const rows = rs.map(
    (r) =>
      `<tr><td class="n">${r.loops}</td><td>${esc(r.reason)}</td><td>${r.examples.map((e) => `<code>${esc(e)}</code>`).join('<br>')}</td></tr>`,
  );
  return `<table><tr><th>loops</th><th>reason</th><th>examples</th></tr>${rows.join('')}</table>`;
}

function listSection(title: string, items: readonly string[]): string {
  return `<h2>${esc(title)}: ${items.length}</h2>${items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : ''}`;
}

const BUCKETS: readonly [number, string][] = [
  [1, '< 1 ms'],
  [5, '1–5 ms'],
  [20, '5–20 ms'],
  [50, '20–50 ms'],
  [SLOW_MS, `50–${SLOW_MS} ms`],
  [Infinity, `> ${SLOW_MS} ms`],
];

function timeBuckets(files: readonly FileResult[]): Bar[] {
  const counts = BUCKETS.map(() => 0);
  for (const f of files) {
    if (f.status === 'skipped') continue;
    const i = BUCKETS.findIndex(([limit]) => f.ms < limit);
    counts[i < 0 ? BUCKETS.length - 1 : i]!++;
  }
  return BUCKETS.map(([, label], i) => ({ label, value: counts[i]!, color: i === BUCKETS.length - 1 ? '#e15759' : '#4c78a8' }));
}
