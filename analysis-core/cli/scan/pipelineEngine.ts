/** The real engine: tree-sitter parser (one per worker), loop outline, full analysis at the static stage. */
import { nodeParser } from '../../node/parser.js';
import { analyzeParsed, outlineLoops, verdictSummary } from '../../src/index.js';
import { subscriptShapes } from './affine.js';
import type { Engine } from './engine.js';

export async function createEngine(): Promise<Engine> {
  const parser = await nodeParser();
  return {
    parse: (source) => parser.parse(source),
    outline: (parsed, source) => outlineLoops(parsed.module, source),
    analyze: (parsed, source) => {
      const analysis = analyzeParsed(parsed, source);
      return { ...verdictSummary(analysis), shapes: subscriptShapes(analysis.program) };
    },
  };
}
