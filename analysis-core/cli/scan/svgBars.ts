/**
 * A horizontal bar chart as an SVG string: a pure function of its data (no DOM, no fonts to load), so
 * the HTML report stays one self-contained file and its charts can be snapshot-tested.
 */

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Fill colour; defaults to the chart's. */
  readonly color?: string;
}

export interface BarChartOptions {
  readonly title: string;
  readonly width?: number;
  readonly labelWidth?: number;
  readonly color?: string;
}

const ROW = 22;
const BAR = 16;
const TOP = 24;

export function barChart(bars: readonly Bar[], opts: BarChartOptions): string {
  const width = opts.width ?? 640;
  const labelWidth = opts.labelWidth ?? 220;
  const valueWidth = 60;
  const plot = width - labelWidth - valueWidth;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = TOP + ROW * Math.max(1, bars.length) + 4;
  const rows = bars.map((b, i) => {
    const y = TOP + i * ROW;
    const w = Math.round((plot * b.value) / max);
    return [
      `<text x="${labelWidth - 6}" y="${y + BAR - 4}" text-anchor="end">${escapeXml(truncate(b.label, Math.floor(labelWidth / 6.5)))}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w}" height="${BAR}" fill="${b.color ?? opts.color ?? '#4c78a8'}"><title>${escapeXml(`${b.label}: ${b.value}`)}</title></rect>`,
      `<text x="${labelWidth + w + 4}" y="${y + BAR - 4}">${b.value}</text>`,
    ].join('');
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(opts.title)}" font-family="sans-serif" font-size="12">`,
    `<text x="0" y="14" font-weight="bold">${escapeXml(opts.title)}</text>`,
    ...(bars.length === 0 ? [`<text x="${labelWidth}" y="${TOP + BAR - 4}">(none)</text>`] : rows),
    '</svg>',
  ].join('\n');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
