import { describe, expect, it } from 'vitest';
import { formatMs, layoutBars } from '../src/layout/bars';

describe('layoutBars', () => {
  it('puts bars on a log scale: equal ratios give equal length differences', () => {
    const l = layoutBars(
      [
        { id: 'a', label: 'A', ms: 1 },
        { id: 'b', label: 'B', ms: 10 },
        { id: 'c', label: 'C', ms: 100 },
      ],
      { width: 500, labelWidth: 100, valueWidth: 100 },
    );
    expect(l.domain).toEqual([0.1, 100]);
    const [a, b, c] = l.bars;
    expect(b!.width - a!.width).toBeCloseTo(c!.width - b!.width, 9);
    expect(a!.width).toBeGreaterThan(0);
    expect(c!.x + c!.width).toBeCloseTo(l.right, 9);
    expect(l.bars.every((bar) => bar.x === l.left)).toBe(true);
  });

  it('gives one tick per decade, labelled with units', () => {
    const l = layoutBars([
      { id: 'a', label: 'A', ms: 0.02 },
      { id: 'b', label: 'B', ms: 3000 },
    ]);
    expect(l.domain).toEqual([0.01, 10000]);
    expect(l.ticks.map((t) => t.label)).toEqual(['10 µs', '100 µs', '1 ms', '10 ms', '100 ms', '1 s', '10 s']);
    const xs = l.ticks.map((t) => t.x);
    expect(xs[0]).toBe(l.left);
    expect(xs.at(-1)).toBeCloseTo(l.right, 9);
    for (let k = 1; k < xs.length; k++) expect(xs[k]! - xs[k - 1]!).toBeCloseTo(xs[1]! - xs[0]!, 9);
  });

  it('stacks bars in input order, skips non-positive times and marks estimates', () => {
    const l = layoutBars(
      [
        { id: 'cpython', label: 'CPython', ms: 5000, estimated: true },
        { id: 'none', label: 'none', ms: 0 },
        { id: 'nan', label: 'nan', ms: Number.NaN },
        { id: 'numba', label: 'Numba', ms: 2, minMs: 1.5, maxMs: 4 },
      ],
      { barHeight: 20, gap: 10 },
    );
    expect(l.bars.map((b) => b.id)).toEqual(['cpython', 'numba']);
    expect(l.skipped).toEqual(['none', 'nan']);
    expect(l.bars.map((b) => b.y)).toEqual([0, 30]);
    expect(l.bars[0]!.estimated).toBe(true);
    expect(l.bars[0]!.text).toBe('≈ 5.00 s (estimate)');
    expect(l.bars[1]!.text).toBe('2.00 ms');
    expect(l.bars[1]!.whisker!.x1).toBeLessThan(l.bars[1]!.x + l.bars[1]!.width);
    expect(l.bars[1]!.whisker!.x2).toBeGreaterThan(l.bars[1]!.x + l.bars[1]!.width);
    expect(l.bars[0]!.whisker).toBeNull();
    expect(l.axisY).toBeGreaterThanOrEqual(50);
    expect(l.height).toBeGreaterThan(l.axisY);
  });

  it('keeps a single time or an exact power of ten visible', () => {
    const l = layoutBars([{ id: 'a', label: 'A', ms: 1 }]);
    expect(l.domain[0]).toBeLessThan(1);
    expect(l.bars[0]!.width).toBeGreaterThan(0);
    const empty = layoutBars([]);
    expect(empty.bars).toEqual([]);
    expect(empty.ticks.length).toBeGreaterThan(0);
  });
});

describe('formatMs', () => {
  it('picks a unit and three significant digits', () => {
    expect(formatMs(0.0000123)).toBe('12.3 ns');
    expect(formatMs(0.0123)).toBe('12.3 µs');
    expect(formatMs(1.234)).toBe('1.23 ms');
    expect(formatMs(123.4)).toBe('123 ms');
    expect(formatMs(12345)).toBe('12.3 s');
  });
});
