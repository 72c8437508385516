/**
 * Parse + loop outline, no dependence analysis: what scanning costs before any analysis runs. The
 * benchmark reports it beside the real engine, so a throughput shortfall can be pinned on the parser and
 * the scanner or on the analysis.
 */
import { nodeParser } from '../../node/parser.js';
import { outlineLoops } from '../../src/ir/outline.js';
import type { Engine } from './engine.js';

export async function createEngine(): Promise<Engine> {
  const parser = await nodeParser();
  return {
    parse: (source) => parser.parse(source),
    outline: (parsed, source) => outlineLoops(parsed.module, source),
    analyze: () => null,
  };
}
