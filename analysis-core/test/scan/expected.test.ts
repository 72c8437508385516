import { describe, expect, it } from 'vitest';
import { diffSummaries } from '../../cli/scan/expected.js';

describe('diffSummaries', () => {
  it('is empty for equal summaries and names each changed, new or gone leaf', () => {
    const a = { loops: 10, verdicts: { parallel: 4, unknown: 6 }, reasons: { unknown: { 'obstacle: while': 2 } } };
    expect(diffSummaries(a, structuredClone(a))).toEqual([]);
    const b = { loops: 12, verdicts: { parallel: 6, unknown: 6 }, reasons: { unknown: { 'obstacle: break': 1 } } };
    expect(diffSummaries(a, b)).toEqual([
      '  ~ loops: 10 → 12 (+2)',
      '  ~ verdicts › parallel: 4 → 6 (+2)',
      '  - reasons › unknown › obstacle: while: 2 (gone)',
      '  + reasons › unknown › obstacle: break: 1 (new)',
    ]);
  });
});
