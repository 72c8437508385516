/** `npm run golden:update`: rewrite every golden file from the current analysis; review with `git diff`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSource } from '../src/index.js';
import { nodeParser } from '../node/parser.js';
import { loadExamples, goldenRoot } from '../test/helpers/examples.js';
import { goldenText } from '../test/helpers/golden.js';

const parser = await nodeParser();
let n = 0;
for (const ex of loadExamples()) {
  const dir = join(goldenRoot, ex.group);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${ex.name}.txt`), goldenText(analyzeSource(parser, ex.source, ex.bindings)));
  n++;
}
console.log(`wrote ${n} golden files under ${goldenRoot}`);
