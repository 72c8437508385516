/**
 * Scan workers start from one esbuild bundle instead of TypeScript compiled on the fly. Worker threads do
 * not inherit the tsx loader, so each used to register tsx and transform every analysis-core module on
 * its own: about 0.55 s of CPU per worker before the first file, 2 s of wall time for two workers on two
 * cores — a fifth of a whole corpus scan. Bundling the worker and its engine takes about 0.1 s once per
 * scan and the workers then load plain JavaScript (about 0.75 s for both, warm-up included).
 *
 * The bundle is written to a fresh folder under analysis-core's `node_modules/.cache` (so packages left
 * external, such as web-tree-sitter with its wasm, resolve as they do from the sources) and removed when
 * the scan ends. When esbuild is missing or the build fails, the scan falls back to the tsx entry: slower
 * to start, same results.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface WorkerEntry {
  /** The module a `Worker` runs. */
  readonly url: URL;
  /** The engine module the worker imports. */
  readonly engineUrl: string;
  /** Removes the bundle, if one was written. */
  dispose(): void;
}

const TSX_ENTRY = new URL('./workerEntry.mjs', import.meta.url);
const WORKER_SOURCE = fileURLToPath(new URL('./worker.ts', import.meta.url));
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/loupe-scan/', import.meta.url));
/** Bundles left by a scan that was killed are removed by a later scan once they are this old. */
const STALE_MS = 60 * 60 * 1000;

/** The tsx entry: no build, every module transformed in each worker. */
export function tsxWorkerEntry(engineUrl: string): WorkerEntry {
  return { url: TSX_ENTRY, engineUrl, dispose: () => {} };
}

/** `LOUPE_SCAN_TSX=1` forces the tsx entry (to compare the two, or to debug the sources as they are). */
export async function bundledWorkerEntry(engineUrl: string): Promise<WorkerEntry> {
  if (!engineUrl.startsWith('file:') || process.env.LOUPE_SCAN_TSX === '1') return tsxWorkerEntry(engineUrl);
  let esbuild: typeof import('esbuild');
  try {
    esbuild = await import('esbuild');
  } catch {
    return tsxWorkerEntry(engineUrl);
  }
  removeStale();
  const outdir = join(CACHE, `${process.pid}-${randomUUID()}`);
  const enginePath = fileURLToPath(engineUrl);
  try {
    mkdirSync(outdir, { recursive: true });
    await esbuild.build({
      entryPoints: { worker: WORKER_SOURCE, engine: enginePath },
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      splitting: true,
      outdir,
      packages: 'external',
      logLevel: 'silent',
      // Bundled CommonJS (wasm-paths.cjs) calls `require`, which ES modules lack.
      banner: { js: "import { createRequire as __loupeRequire } from 'node:module'; const require = __loupeRequire(import.meta.url);" },
    });
  } catch {
    rmSync(outdir, { recursive: true, force: true });
    return tsxWorkerEntry(engineUrl);
  }
  return {
    url: pathToFileURL(join(outdir, 'worker.js')),
    engineUrl: pathToFileURL(join(outdir, 'engine.js')).href,
    dispose: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

function removeStale(): void {
  let names: string[];
  try {
    names = readdirSync(CACHE);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const dir = join(CACHE, name);
    try {
      if (now - statSync(dir).mtimeMs > STALE_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another scan removed it first.
    }
  }
}
