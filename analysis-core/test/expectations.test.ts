/**
 * Hand-written ground truth: each example states, per `for` line, the verdict a correct analysis must give
 * (`# expect:` under its `# loupe:` bindings, `# expect-static:` with none). Unlike goldens, these were
 * written by reasoning about iterations, not by running Loupe. The soundness rule is checked separately:
 * Loupe may be less precise than expected (unknown instead of a decided verdict) only where listed below.
 */
import { describe, expect, it } from 'vitest';
import { analyzeSource, NO_BINDINGS } from '../src/index.js';
import { parser } from './helpers/parser.js';
import { loadExamples } from './helpers/examples.js';

const examples = loadExamples();
const PARALLELISH = new Set(['parallel', 'reduction', 'privatizable']);

describe('verdicts match the examples’ expectations', () => {
  for (const ex of examples) {
    if (ex.expect) {
      it(`${ex.group}/${ex.name} (bound)`, async () => {
        const r = analyzeSource(await parser(), ex.source, ex.bindings);
        const got = new Map(r.loops.map((l) => [l.line, l.verdict]));
        for (const [line, want] of ex.expect!) {
          const have = got.get(line);
          // Soundness first: never parallel where the truth is sequential/unknown.
          if (!PARALLELISH.has(want)) expect(PARALLELISH.has(have ?? ''), `line ${line}: claims ${have}, truth ${want}`).toBe(false);
          expect(`${line}=${have}`).toBe(`${line}=${want}`);
        }
        expect([...got.keys()].sort()).toEqual([...ex.expect!.keys()].sort());
      });
    }
    if (ex.expectStatic) {
      it(`${ex.group}/${ex.name} (static)`, async () => {
        const r = analyzeSource(await parser(), ex.source, NO_BINDINGS);
        const got = new Map(r.loops.map((l) => [l.line, l.verdict]));
        for (const [line, want] of ex.expectStatic!) expect(`${line}=${got.get(line)}`).toBe(`${line}=${want}`);
      });
    }
  }
});
