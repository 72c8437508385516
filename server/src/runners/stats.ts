/** Summary of repeated timings: the median is what Loupe reports; min/max and the quartiles are the spread. */
export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** First and third quartiles (linear interpolation), for an IQR that ignores one-off outliers. */
  readonly q1Ms: number;
  readonly q3Ms: number;
  readonly repetitions: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (pos - lo);
}

export function summarize(samplesMs: readonly number[]): Timing {
  const s = [...samplesMs].sort((a, b) => a - b);
  return {
    medianMs: quantile(s, 0.5),
    minMs: s[0] ?? Number.NaN,
    maxMs: s[s.length - 1] ?? Number.NaN,
    q1Ms: quantile(s, 0.25),
    q3Ms: quantile(s, 0.75),
    repetitions: s.length,
  };
}
