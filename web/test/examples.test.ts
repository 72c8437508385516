import { describe, expect, it } from 'vitest';
import { EXAMPLES, exampleById } from '../src/examples/catalog';
import { parseExample, searchExamples, titleOf } from '../src/examples/parse';

describe('examples', () => {
  it('bundles the 12 benchmarks and the teaching cases, each with a one-line summary', () => {
    expect(EXAMPLES.filter((e) => e.group === 'benchmarks')).toHaveLength(12);
    expect(EXAMPLES.filter((e) => e.group === 'teaching').length).toBeGreaterThan(40);
    for (const e of EXAMPLES) {
      expect(e.summary.length, e.id).toBeGreaterThan(10);
      expect(e.summary).not.toContain('\n');
    }
    expect(EXAMPLES[0]!.group).toBe('benchmarks');
    expect(exampleById('benchmarks/gemm')!.summary).toMatch(/^GEMM:/);
  });

  it('parses a file into an entry', () => {
    const e = parseExample(
      '/x/analysis-core/examples/teaching/strong_siv_flow.py',
      '# Strong SIV: a[i] vs a[i - 1].\ndef f(a):\n    pass\n',
    )!;
    expect(e).toMatchObject({
      id: 'teaching/strong_siv_flow',
      group: 'teaching',
      title: 'Strong SIV flow',
      topic: 'Strong SIV',
      summary: 'Strong SIV: a[i] vs a[i - 1].',
    });
    expect(parseExample('/x/other/file.py', '')).toBeNull();
    expect(titleOf('fdtd_2d')).toBe('FDTD 2-D');
  });

  it('searches every word in id, title and summary', () => {
    expect(searchExamples(EXAMPLES, '')).toHaveLength(EXAMPLES.length);
    const siv = searchExamples(EXAMPLES, 'strong siv');
    expect(siv.length).toBeGreaterThan(2);
    expect(siv.every((e) => /strong/i.test(e.summary + e.id) && /siv/i.test(e.summary + e.id))).toBe(true);
    expect(searchExamples(EXAMPLES, 'GEMM').map((e) => e.id)).toContain('benchmarks/gemm');
    expect(searchExamples(EXAMPLES, 'zzzz-nothing')).toHaveLength(0);
  });
});
