/**
 * Horizontal bar chart of run times on a log scale: pure geometry, drawn by the Run pane with D3. Bars grow
 * from the left edge of the plot (the domain's lower power of ten), so every positive time gets a visible
 * bar and equal ratios give equal length differences.
 */

export interface BarInput {
  readonly id: string;
  readonly label: string;
  /** Median time in ms (must be > 0 to be drawn). */
  readonly ms: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  /** An extrapolated time (e.g. CPython at large sizes), drawn hatched and labelled as an estimate. */
  readonly estimated?: boolean;
}

export interface Bar {
  readonly id: string;
  readonly label: string;
  readonly ms: number;
  readonly estimated: boolean;
  readonly y: number;
  readonly height: number;
  /** Bar from the plot's left edge to `x + width`. */
  readonly x: number;
  readonly width: number;
  /** Spread (min … max) as a whisker, when given. */
  readonly whisker: { readonly x1: number; readonly x2: number } | null;
  /** Text after the bar, e.g. `12.3 ms` or `≈ 4.1 s (estimate)`. */
  readonly text: string;
}

export interface Tick {
  readonly x: number;
  readonly ms: number;
  readonly label: string;
}

export interface BarsLayout {
  readonly width: number;
  readonly height: number;
  /** Plot area: bars start at `left`. */
  readonly left: number;
  readonly right: number;
  readonly axisY: number;
  /** Domain in ms: powers of ten enclosing all times. */
  readonly domain: readonly [number, number];
  readonly bars: readonly Bar[];
  readonly ticks: readonly Tick[];
  /** Inputs left out (time not positive or not finite). */
  readonly skipped: readonly string[];
}

export interface BarsOptions {
  readonly width?: number;
  readonly labelWidth?: number;
  readonly valueWidth?: number;
  readonly barHeight?: number;
  readonly gap?: number;
  readonly axisHeight?: number;
}

/** `0.0123 ms` → `12.3 µs`; `1234 ms` → `1.23 s`; three significant digits. */
export function formatMs(ms: number): string {
  const sig = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (ms >= 1000) return `${sig(ms / 1000)} s`;
  if (ms >= 1) return `${sig(ms)} ms`;
  if (ms >= 1e-3) return `${sig(ms * 1000)} µs`;
  return `${sig(ms * 1e6)} ns`;
}

function tickLabel(ms: number): string {
  if (ms >= 1000) return `${ms / 1000} s`;
  if (ms >= 1) return `${ms} ms`;
  if (ms >= 1e-3) return `${Math.round(ms * 1e6) / 1000} µs`;
  return `${Math.round(ms * 1e9) / 1000} ns`;
}

export function layoutBars(inputs: readonly BarInput[], options: BarsOptions = {}): BarsLayout {
  const width = options.width ?? 560;
  const labelWidth = options.labelWidth ?? 150;
  const valueWidth = options.valueWidth ?? 130;
  const barHeight = options.barHeight ?? 22;
  const gap = options.gap ?? 8;
  const axisHeight = options.axisHeight ?? 24;
  const left = labelWidth;
  const right = Math.max(left + 40, width - valueWidth);

  const ok = inputs.filter((b) => Number.isFinite(b.ms) && b.ms > 0);
  const skipped = inputs.filter((b) => !(Number.isFinite(b.ms) && b.ms > 0)).map((b) => b.id);
  const values = ok.flatMap((b) => [b.ms, b.minMs, b.maxMs]).filter((v): v is number => v !== undefined && Number.isFinite(v) && v > 0);
  let lo = values.length > 0 ? Math.floor(Math.log10(Math.min(...values))) : 0;
  let hi = values.length > 0 ? Math.ceil(Math.log10(Math.max(...values))) : 1;
  // The left edge sits one decade below the smallest time so the smallest bar is still visible.
  if (values.length > 0 && Math.min(...values) === 10 ** lo) lo -= 1;
  if (hi <= lo) hi = lo + 1;
  const domain: [number, number] = [10 ** lo, 10 ** hi];
  const x = (ms: number): number => left + ((Math.log10(ms) - lo) / (hi - lo)) * (right - left);

  const bars: Bar[] = ok.map((b, k) => {
    const estimated = b.estimated === true;
    const whisker =
      b.minMs !== undefined && b.maxMs !== undefined && b.minMs > 0 && b.maxMs > 0 && b.maxMs > b.minMs
        ? { x1: x(b.minMs), x2: x(b.maxMs) }
        : null;
    return {
      id: b.id,
      label: b.label,
      ms: b.ms,
      estimated,
      y: k * (barHeight + gap),
      height: barHeight,
      x: left,
      width: x(b.ms) - left,
      whisker,
      text: estimated ? `≈ ${formatMs(b.ms)} (estimate)` : formatMs(b.ms),
    };
  });
  const ticks: Tick[] = [];
  for (let e = lo; e <= hi; e++) ticks.push({ x: x(10 ** e), ms: 10 ** e, label: tickLabel(10 ** e) });
  const axisY = Math.max(0, ok.length * (barHeight + gap) - gap) + 6;
  return { width, height: axisY + axisHeight, left, right, axisY, domain, bars, ticks, skipped };
}
