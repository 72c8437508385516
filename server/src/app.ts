import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import { defaultCapabilityService, type CapabilityService } from './capabilities/index.js';
import { apiNotFound, jsonErrorHandler } from './http/errors.js';
import { securityHeaders } from './http/security.js';
import { webApp } from './http/static.js';
import { repoRoot, webDistDir } from './paths.js';
import { createHealthRouter } from './routes/health.js';

export interface AppOptions {
  /** Repository root (for .venv and dist/web). Default: LOUPE_ROOT or the checkout this file is in. */
  root?: string;
  /** Directory of the built web app. Default: `<root>/dist/web`. */
  webDist?: string;
  /** Capability detection; default: one shared service per root. Tests inject fakes. */
  capabilities?: CapabilityService;
  /** Longest /api/health waits for detection (ms). Default 8000. */
  healthTimeoutMs?: number;
  /** JSON body limit, in body-parser syntax. Default '256kb'. */
  jsonLimit?: string | number;
  /** Rate limit for /api: requests per window, or false to disable (tests). Default 300 per minute. */
  rateLimit?: false | { limit?: number; windowMs?: number };
  /** Where unexpected errors are logged. Default console.error. */
  log?: (msg: string, err: unknown) => void;
}

export function createApp(options: AppOptions = {}): Express {
  const root = options.root ?? repoRoot();
  const capabilities = options.capabilities ?? defaultCapabilityService(root);

  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  const api = express.Router();
  if (options.rateLimit !== false) {
    api.use(
      rateLimit({
        windowMs: options.rateLimit?.windowMs ?? 60_000,
        limit: options.rateLimit?.limit ?? 300,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        handler: (_req, res, _next, opts) => {
          res.status(opts.statusCode).json({ error: 'Too many requests: slow down and try again shortly' });
        },
      }),
    );
  }
  api.use(express.json({ limit: options.jsonLimit ?? '256kb' }));

  // One router per route group; /api/analyze, /api/compile, /api/run and /api/links slot in here.
  api.use(createHealthRouter({ capabilities, timeoutMs: options.healthTimeoutMs }));

  api.use(apiNotFound());
  app.use('/api', api);

  app.use(webApp(options.webDist ?? webDistDir(root)));

  app.use(jsonErrorHandler(options.log));
  return app;
}
