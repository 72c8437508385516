/**
 * Golden files: the full analysis of every example (loops, explanations, dependences) compared with the
 * committed text. Regenerate with `npm run golden:update` and review the diff.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../src/index.js';
import { parser } from './helpers/parser.js';
import { loadExamples, goldenRoot } from './helpers/examples.js';
import { goldenText } from './helpers/golden.js';

const examples = loadExamples();

describe('golden analysis output', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(52));
  for (const ex of examples) {
    it(`${ex.group}/${ex.name}`, async () => {
      const file = join(goldenRoot, ex.group, `${ex.name}.txt`);
      expect(existsSync(file), `missing golden ${file}: run npm run golden:update`).toBe(true);
      const actual = goldenText(analyzeSource(await parser(), ex.source, ex.bindings));
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
