import express, { type Express } from 'express';
import { rateLimit } from 'express-rate-limit';
import { defaultCapabilityService, type CapabilityService } from './capabilities/index.js';
import { apiNotFound, jsonErrorHandler } from './http/errors.js';
import { securityHeaders } from './http/security.js';
import { webApp } from './http/static.js';
import { repoRoot, webDistDir } from './paths.js';
import { createHealthRouter } from './routes/health.js';
import { createAnalyzeRouter } from './api/analyze.js';
import { createCompileRouter } from './api/compile.js';
import { createLinksRouter, createShortLinkRouter } from './api/links.js';
import { createRunRouter } from './api/run.js';
import { CompilerService } from './nvrtc/compiler.js';
import { WorkQueue } from './queue/queue.js';
import { realGpuService, type GpuService } from './runners/gpuService.js';
import type { EmulationCodegen } from './runners/run.js';
import { defaultDbPath, LinkStore } from './store/links.js';
import { nodeParser } from '../../analysis-core/node/parser.js';
import { generate } from '../../analysis-core/src/codegen/generate.js';
import { EMULATION_SHIM, emulationMain } from '../../analysis-core/src/codegen/emulation.js';

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
  /** SQLite file for short links. Default: LOUPE_DB or `<root>/data/loupe.sqlite`. */
  dbPath?: string;
  /** PTX compilers (NVRTC, else nvcc) with their module cache. Default: one per app. */
  compilers?: CompilerService;
  /** The GPU behind the `gpu` runner. Default: the CUDA driver, when there is one. */
  gpu?: GpuService;
  /** CPython's time budget per run before its time is extrapolated (ms). Default 5000. */
  cpythonBudgetMs?: number;
  /** Limits for one compile / one run (ms). Defaults 60 s / 240 s. */
  compileTimeoutMs?: number;
  runTimeoutMs?: number;
  /** Runs allowed to wait behind the running one. Default 8. */
  runQueueLength?: number;
  /** Largest total array element count for a run. Default 2^26. */
  maxRunElements?: number;
  /** Where runs put their temporary files. Default os.tmpdir(). */
  tmpDir?: string;
}

/** The code generator's CPU-emulation pieces, as the run service consumes them. */
const emulation: EmulationCodegen = { shim: EMULATION_SHIM, main: (code, opts) => emulationMain(code, opts) };

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

  // One router per route group.
  api.use(createHealthRouter({ capabilities, timeoutMs: options.healthTimeoutMs }));
  const parser = nodeParser();
  // Avoid an unhandled rejection before the first request; routes await it and report the failure.
  parser.catch(() => undefined);
  const compilers = options.compilers ?? new CompilerService({ root });
  api.use(createAnalyzeRouter({ parser }));
  api.use(
    createCompileRouter({
      parser,
      compilers,
      queue: new WorkQueue({ name: 'compile', concurrency: 2, maxWaiting: 32, maxWaitMs: 60_000 }),
      timeoutMs: options.compileTimeoutMs ?? 60_000,
    }),
  );
  api.use(
    createRunRouter({
      parser,
      capabilities,
      compilers,
      gpu: options.gpu ?? realGpuService(),
      emulation,
      generate,
      queue: new WorkQueue({ name: 'run', concurrency: 1, maxWaiting: options.runQueueLength ?? 8, maxWaitMs: 10 * 60_000 }),
      timeoutMs: options.runTimeoutMs ?? 240_000,
      maxElements: options.maxRunElements,
      cpythonBudgetMs: options.cpythonBudgetMs,
      tmpDir: options.tmpDir,
    }),
  );
  let store: LinkStore | undefined;
  const links = { store: () => (store ??= new LinkStore(options.dbPath ?? defaultDbPath(root))) };
  api.use(createLinksRouter(links));

  api.use(apiNotFound());
  app.use('/api', api);
  app.use(createShortLinkRouter(links));

  app.use(webApp(options.webDist ?? webDistDir(root)));

  app.use(jsonErrorHandler(options.log));
  return app;
}
