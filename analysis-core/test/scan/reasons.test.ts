import { describe, expect, it } from 'vitest';
import { loopReasons } from '../../cli/scan/reasons.js';
import type { CitedDependence, ReportLoop } from '../../src/index.js';

const loop = (verdict: ReportLoop['verdict'], blocking: number[], obstacles: string[] = []): ReportLoop =>
  ({ verdict, blocking, obstacles: obstacles.map((kind) => ({ kind, message: '', line: 1, column: 0 })) }) as unknown as ReportLoop;
const dep = (id: number, kind: string, certainty: 'proven' | 'assumed', decidedBy: string, reason: string | null): CitedDependence =>
  ({ id, kind, certainty, decidedBy, reason }) as unknown as CitedDependence;

describe('loopReasons', () => {
  const deps = new Map(
    [
      dep(1, 'flow', 'proven', 'strong-siv', null),
      dep(
        2,
        'output',
        'assumed',
        'conservative',
        'cannot compare subscripts: non-affine subscript i * j; slice; a statement runs under a condition, so it may not execute',
      ),
      dep(3, 'anti', 'assumed', 'omega', 'something new about `a[i]` in 3 places'),
    ].map((d) => [d.id, d]),
  );

  it('groups by obstacle kind, proven dependence and test, and assumed dependence by cause, without names', () => {
    expect(loopReasons(loop('sequential', [1]), deps)).toEqual(['proven flow dependence (strong-siv)']);
    expect(loopReasons(loop('unknown', [2, 3], ['unknown-call']), deps)).toEqual([
      'assumed anti dependence: something new about … in N places',
      'assumed output dependence: statement under a condition',
      'assumed output dependence: subscripts not comparable (non-affine subscript)',
      'assumed output dependence: subscripts not comparable (slice)',
      'obstacle: unknown-call',
    ]);
  });

  it('gives no reasons for parallel loops', () => {
    expect(loopReasons(loop('parallel', []), deps)).toEqual([]);
  });
});
