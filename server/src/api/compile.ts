import { Router } from 'express';
import type { PythonParser } from '@loupe/analysis-core';
import { HttpError } from '../http/errors.js';
import type { CompilerService } from '../nvrtc/compiler.js';
import { ptxEntries } from '../nvrtc/ptx.js';
import { DEFAULT_ARCH } from '../nvrtc/types.js';
import type { WorkQueue } from '../queue/queue.js';
import { toHttpError, withTimeout } from './errors.js';
import { analyze, generateOrExplain, resolveBindings } from './program.js';
import { compileBody, parseBody } from './schemas.js';

export interface CompileDeps {
  parser: Promise<PythonParser>;
  compilers: CompilerService;
  queue: WorkQueue;
  timeoutMs: number;
}

/**
 * POST /compile {source, bindings?, arch?} → the generated CUDA, its PTX (whole and per kernel), the
 * compiler log and time. 422: nothing to compile, or the compiler rejected the code (log included).
 * 503: no compiler (what is missing), or the compile queue is full.
 */
export function createCompileRouter(deps: CompileDeps): Router {
  const router = Router();
  router.post('/compile', async (req, res) => {
    const body = parseBody(compileBody, req.body);
    const bindings = resolveBindings(body.source, body.bindings);
    const analysis = await analyze(deps.parser, body.source, bindings.bindings);
    const { code, codegenMs } = generateOrExplain(analysis, bindings);
    const arch = body.arch ?? DEFAULT_ARCH;
    let compiled;
    try {
      compiled = await withTimeout(
        deps.queue.run(() => deps.compilers.compile(code.cuda, arch)),
        deps.timeoutMs,
        'Compiling',
      );
    } catch (err) {
      throw toHttpError(err);
    }
    const common = {
      cuda: code.cuda,
      compiler: compiled.compiler,
      version: compiled.version,
      arch,
      compileMs: compiled.compileMs,
      nvrtcLog: compiled.log,
    };
    if (!compiled.ok) {
      throw new HttpError(422, `The generated CUDA did not compile (${compiled.compiler} ${compiled.version}): ${compiled.error}`, {
        ...common,
        log: compiled.log,
      });
    }
    const entries = ptxEntries(compiled.ptx);
    res.setHeader('Cache-Control', 'no-store');
    res.json({
      ...common,
      ptx: compiled.ptx,
      cached: compiled.cached,
      kernels: code.kernels.map((k) => ({ ...k, ptx: entries.get(k.name) ?? null })),
      plan: code.plan,
      notes: code.notes,
      bindings: bindings.text,
      bindingsFrom: bindings.from,
      codegenMs,
    });
  });
  return router;
}
