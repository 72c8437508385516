/**
 * From a request to what the server will execute: bindings (the request's, else the snippet's `# loupe:`
 * comment), the analysis (always re-run here: client results are never trusted) and the generated code.
 * Only code generated from the IR ever runs; the client's text is parsed, never executed.
 */
import { analyzeParsed, bindingsFromComment, formatBindings, parseBindings, type Analysis, type Bindings } from '@loupe/analysis-core';
import type { PythonParser } from '@loupe/analysis-core';
import type { CodegenResult } from '../../../analysis-core/src/codegen/plan.js';
import { generate } from '../../../analysis-core/src/codegen/generate.js';
import { HttpError } from '../http/errors.js';

export interface ResolvedBindings {
  readonly bindings: Bindings;
  /** Where they came from: the request, the snippet's `# loupe:` comment, or nowhere. */
  readonly from: 'request' | 'comment' | 'none';
  /** Back in the CLI's text form (for replies and links). */
  readonly text: Record<string, string>;
}

export function resolveBindings(source: string, raw: Readonly<Record<string, string | number>> | undefined): ResolvedBindings {
  const entries = Object.entries(raw ?? {});
  if (entries.length > 0) {
    const { bindings, errors } = parseBindings(entries);
    if (errors.length > 0)
      throw new HttpError(400, `Invalid bindings: ${errors.join('; ')}`, { reasons: errors.map((e) => `bindings: ${e}`) });
    return { bindings, from: 'request', text: formatBindings(bindings) };
  }
  const fromComment = bindingsFromComment(source);
  if (fromComment) {
    if (fromComment.errors.length > 0) {
      throw new HttpError(400, `Invalid bindings in the '# loupe:' comment on line ${fromComment.line}: ${fromComment.errors.join('; ')}`, {
        reasons: fromComment.errors.map((e) => `source line ${fromComment.line}: ${e}`),
      });
    }
    return { bindings: fromComment.bindings, from: 'comment', text: formatBindings(fromComment.bindings) };
  }
  const { bindings } = parseBindings([]);
  return { bindings, from: 'none', text: {} };
}

export async function analyze(parser: Promise<PythonParser>, source: string, bindings: Bindings): Promise<Analysis> {
  const parsed = (await parser).parse(source);
  return analyzeParsed(parsed, source, bindings);
}

export interface Generated {
  readonly analysis: Analysis;
  readonly code: CodegenResult;
  readonly codegenMs: number;
}

/**
 * Generates CUDA and baselines; 422 when there is nothing to compile (syntax errors, no parallel loop,
 * missing sizes), with the diagnostics and the generator's notes so the client can say why.
 */
export function generateOrExplain(analysis: Analysis, bindings: ResolvedBindings): Generated {
  const t0 = performance.now();
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    throw new HttpError(422, `Nothing to compile: the snippet has ${errors.length} syntax error(s)`, {
      diagnostics: errors.map((d) => ({ line: d.range.start.line, column: d.range.start.column, code: d.code, message: d.message })),
      notes: [],
    });
  }
  if (bindings.from === 'none') {
    throw new HttpError(
      422,
      'Nothing to compile: code generation needs sizes and element types. Send `bindings` (e.g. {"n": 64, "a": "float64[64]"}) or add a \'# loupe:\' comment',
      {
        notes: [],
      },
    );
  }
  const code = generate(analysis, bindings.bindings);
  if (code.plan.missing.length > 0) {
    throw new HttpError(422, `Nothing to compile yet: bind ${code.plan.missing.join(', ')} (sizes, element types or scalar values)`, {
      missing: code.plan.missing,
      notes: code.notes,
    });
  }
  if (code.kernels.length === 0) {
    throw new HttpError(422, 'Nothing to compile: no loop nest has a loop that can run in parallel', { notes: code.notes });
  }
  return { analysis, code, codegenMs: performance.now() - t0 };
}
