import { Router } from 'express';
import { toReport, type PythonParser } from '@loupe/analysis-core';
import { analyze, resolveBindings } from './program.js';
import { analyzeBody, parseBody } from './schemas.js';

export interface AnalyzeDeps {
  parser: Promise<PythonParser>;
}

/**
 * POST /analyze {source, bindings?} → the analysis Report (the CLI's --json shape). Syntax errors are not
 * request errors: they come back as diagnostics in a 200 report.
 */
export function createAnalyzeRouter(deps: AnalyzeDeps): Router {
  const router = Router();
  router.post('/analyze', async (req, res) => {
    const body = parseBody(analyzeBody, req.body);
    const bindings = resolveBindings(body.source, body.bindings);
    const analysis = await analyze(deps.parser, body.source, bindings.bindings);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ...toReport(analysis), bindingsFrom: bindings.from });
  });
  return router;
}
