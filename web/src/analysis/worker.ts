/**
 * The analysis worker: answers `{ id, version, source, overrides }` with the analysis-core Report under the
 * effective runtime values (the `# loupe:` comment, overridden by the panel), and the CUDA code generated
 * from the same analysis. The two wasm files are bundled by Vite (`?url`), so nothing is fetched from outside
 * the page's own origin.
 */
import runtimeWasm from 'web-tree-sitter/web-tree-sitter.wasm?url';
import languageWasm from 'tree-sitter-python/tree-sitter-python.wasm?url';
import {
  analyzeParsed,
  bindingsFromComment,
  createPythonParser,
  formatBindings,
  parseBindings,
  toReport,
  type Analysis,
  type Bindings,
  type PythonParser,
} from '@loupe/analysis-core';
// analysis-core's package exports do not include code generation yet; its module is pure, so import it directly.
import { generate } from '../../../analysis-core/src/codegen/generate';
import { effectiveValues } from '../state/runtime';
import { failedReport, toPlain, type AnalysisRequest, type AnalysisResponse, type CommentBindings, type CudaResult } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let parser: Promise<PythonParser> | null = null;

function getParser(): Promise<PythonParser> {
  parser ??= createPythonParser({ runtimeWasm, languageWasm }).catch((err: unknown) => {
    parser = null; // let the next request try again
    throw err;
  });
  return parser;
}

function commentOf(source: string): CommentBindings | null {
  const c = bindingsFromComment(source);
  if (!c) return null;
  // Keep the comment's own spelling per name, so the panel shows what the comment says.
  return { line: c.line, values: formatBindings(c.bindings), errors: c.errors };
}

function cudaOf(analysis: Analysis, bindings: Bindings): CudaResult {
  try {
    const t0 = performance.now();
    const g = generate(analysis, bindings);
    return { ok: true, cuda: g.cuda, kernels: g.kernels, plan: g.plan, notes: g.notes, ms: performance.now() - t0 };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

async function answer(request: AnalysisRequest): Promise<AnalysisResponse> {
  const t0 = performance.now();
  let comment: CommentBindings | null = null;
  try {
    comment = commentOf(request.source);
    const effective = effectiveValues(comment?.values ?? null, request.overrides);
    const { bindings, errors } = parseBindings(Object.entries(effective));
    const p = await getParser();
    const analysis = analyzeParsed(p.parse(request.source), request.source, bindings);
    const report = toReport(analysis);
    const cuda = cudaOf(analysis, bindings);
    const result = {
      version: request.version,
      source: request.source,
      report,
      comment,
      cuda,
      effective,
      bindingErrors: errors,
      workerMs: performance.now() - t0,
    };
    return toPlain({ id: request.id, result });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const report = failedReport(message);
    const cuda: CudaResult = { ok: false, error: `the analysis failed: ${message}` };
    const result = {
      version: request.version,
      source: request.source,
      report,
      comment,
      cuda,
      effective: {},
      bindingErrors: [],
      workerMs: performance.now() - t0,
    };
    return { id: request.id, result };
  }
}

scope.addEventListener('message', (event: MessageEvent<AnalysisRequest>) => {
  void answer(event.data).then((response) => scope.postMessage(response));
});

// Start loading the wasm right away rather than on the first request.
void getParser().catch(() => undefined);
