/** Real Reports for unit tests: the analysis core with the parser loaded from node_modules (no Node types needed). */
import { analyzeSource, createPythonParser, parseBindings, type PythonParser, type Report } from '@loupe/analysis-core';

const fileOf = (rel: string): string => decodeURIComponent(new URL(rel, import.meta.url).pathname);

let parser: Promise<PythonParser> | null = null;

export async function report(source: string, values: Record<string, string> = {}): Promise<Report> {
  parser ??= createPythonParser({
    runtimeWasm: fileOf('../../node_modules/web-tree-sitter/web-tree-sitter.wasm'),
    languageWasm: fileOf('../../node_modules/tree-sitter-python/tree-sitter-python.wasm'),
  });
  return analyzeSource(await parser, source, parseBindings(Object.entries(values)).bindings);
}
