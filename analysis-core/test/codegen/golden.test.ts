/**
 * Golden CUDA for the 12 benchmarks (under their `# loupe:` bindings), for review and to catch unintended
 * changes. Regenerate with `LOUPE_UPDATE_GOLDENS=1 npx vitest run analysis-core/test/codegen/golden.test.ts`
 * and review the diff.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeParsed } from '../../src/analyze.js';
import { generate } from '../../src/codegen/generate.js';
import { goldenRoot, loadExamples } from '../helpers/examples.js';
import { parser } from '../helpers/parser.js';

const dir = join(goldenRoot, 'cuda');
const update = process.env['LOUPE_UPDATE_GOLDENS'] === '1';

describe('golden CUDA', () => {
  for (const ex of loadExamples().filter((e) => e.group === 'benchmarks')) {
    it(ex.name, async () => {
      const p = await parser();
      const cuda = generate(analyzeParsed(p.parse(ex.source), ex.source, ex.bindings), ex.bindings).cuda;
      const file = join(dir, `${ex.name}.cu`);
      if (update) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, cuda);
      }
      expect(existsSync(file), `missing ${file}: run with LOUPE_UPDATE_GOLDENS=1`).toBe(true);
      expect(cuda).toBe(readFileSync(file, 'utf8'));
    });
  }
});
