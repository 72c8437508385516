/**
 * The summary table's timing lines: files over 100 ms of parse + analysis are listed with their analysis
 * time against the size-scaled budget the corpus gate applies, and the header counts both.
 */
import { describe, expect, it } from 'vitest';
import { analysisBudgetMs, summarize } from '../../cli/scan/summary.js';
import { formatSummary } from '../../cli/scan/table.js';
import type { FileResult } from '../../cli/scan/types.js';

const file = (path: string, lines: number, ms: number, parseMs: number): FileResult => ({
  path,
  kind: 'py',
  status: 'ok',
  bytes: lines * 20,
  cells: 0,
  codeCells: 0,
  lines,
  loops: [],
  nests: [],
  notes: [],
  syntaxErrors: 0,
  ms,
  parseMs,
  crash: null,
});

describe('formatSummary timing', () => {
  it('budgets 100 ms of analysis per 500 lines, and never less than 100 ms', () => {
    expect(analysisBudgetMs(10)).toBe(100);
    expect(analysisBudgetMs(500)).toBe(100);
    expect(analysisBudgetMs(7294)).toBeCloseTo(1458.8, 6);
  });

  it('counts files over 100 ms and, of those, files over their size budget', () => {
    const text = formatSummary(
      summarize([
        file('small_fast.py', 40, 3, 1),
        // 150 ms in all, but 90 ms of it parsing: under the 100 ms analysis budget.
        file('small_parse_heavy.py', 200, 150, 90),
        // 130 ms of analysis on 200 lines: over.
        file('small_slow.py', 200, 160, 30),
        // 400 ms of analysis on 4,000 lines (budget 800 ms): under.
        file('large.py', 4000, 600, 200),
      ]),
    );
    expect(text).toContain('over 100 ms (parse + analysis): 3; over the size budget (100 ms of analysis per 500 lines): 1');
    expect(text).toMatch(/600\.0 ms {2}\(parse 200\.0 ms, analysis 400\.0 ms of 800\.0 ms\) {2}large\.py {2}\[4000 lines, 0 loops\]/);
    expect(text).not.toMatch(/small_fast/);
  });
});
