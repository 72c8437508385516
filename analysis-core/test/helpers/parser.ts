import { nodeParser } from '../../node/parser.js';
import type { PythonParser } from '../../src/parse/index.js';

/** One parser per test process (tree-sitter init costs ~20 ms; parsing ~0.1 ms). */
export async function parser(): Promise<PythonParser> {
  return nodeParser();
}
