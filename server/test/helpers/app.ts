import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../../src/app.js';
import { repoRoot } from '../../src/paths.js';
import { fixedGpuService } from '../../src/runners/gpuService.js';

/** One temp directory per test file for the link database and run files; removed by `cleanup`. */
export function testEnv(prefix: string): { dir: string; app: (opts?: AppOptions) => ReturnType<typeof createApp>; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `loupe-${prefix}-`));
  const base: AppOptions = {
    root: repoRoot(),
    webDist: path.join(dir, 'no-web'),
    dbPath: path.join(dir, 'links.sqlite'),
    tmpDir: dir,
    rateLimit: false,
    log: () => {},
    gpu: fixedGpuService({ available: false, reason: 'test: no GPU' }),
  };
  return { dir, app: (opts = {}) => createApp({ ...base, ...opts }), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const SAXPY = `def kernel(n, alpha, x, y):
    for i in range(n):
        y[i] = y[i] + alpha * x[i]
`;
export const SAXPY_BINDINGS = { n: 64, alpha: 2.5, x: 'float64[64]', y: 'float64[64]' };

export const PREFIX_SUM = `def kernel(n, a):
    for i in range(1, n):
        a[i] = a[i - 1] + a[i]
`;
