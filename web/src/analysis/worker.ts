/**
 * The analysis worker: parses Python off the main thread and answers `{ id, source }` with the loop
 * outline and diagnostics. The two wasm files are bundled by Vite (`?url`), so nothing is fetched from
 * outside the page's own origin.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import languageWasm from 'tree-sitter-python/tree-sitter-python.wasm?url';
import { createPythonParser, outlineLoops, EMPTY_RANGE, type PythonParser } from '@loupe/analysis-core';
import { toPlain, type AnalysisRequest, type AnalysisResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let parser: Promise<PythonParser> | null = null;

function getParser(): Promise<PythonParser> {
  parser ??= createPythonParser({ runtimeWasm, languageWasm }).catch((err: unknown) => {
    parser = null; // let the next request try again
    throw err;
  });
  return parser;
}

async function answer(request: AnalysisRequest): Promise<AnalysisResponse> {
  try {
    const { module, diagnostics, parseMs } = (await getParser()).parse(request.source);
    const loops = outlineLoops(module, request.source);
    return toPlain({ id: request.id, loops, diagnostics, parseMs });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      id: request.id,
      loops: [],
      diagnostics: [{ severity: 'error', code: 'analysis-failed', message: `Analysis failed: ${message}`, range: EMPTY_RANGE }],
      parseMs: 0,
    };
  }
}

scope.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  void answer(event.data).then((response) => scope.postMessage(response));
});

// Start loading the wasm right away rather than on the first request.
void getParser().catch(() => undefined);
