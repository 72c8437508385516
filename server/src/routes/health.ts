import { Router } from 'express';
import { LOUPE_VERSION } from '@loupe/analysis-core';
import type { CapabilityService } from '../capabilities/index.js';

export interface HealthDeps {
  capabilities: CapabilityService;
  /** The longest /api/health waits for detection; still-running probes are reported as pending. */
  timeoutMs?: number;
}

/** GET /health (mounted under /api): liveness plus what this machine can do (NVRTC, CUDA, Python, nvcc). */
export function createHealthRouter(deps: HealthDeps): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const capabilities = await deps.capabilities.report(deps.timeoutMs ?? 8000);
    res.setHeader('Cache-Control', 'no-store');
    res.json({ ok: true, name: 'loupe', version: LOUPE_VERSION, node: process.version, capabilities });
  });
  return router;
}
