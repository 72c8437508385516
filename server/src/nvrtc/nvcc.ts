/**
 * The fallback compiler: `nvcc -ptx` in a private temp directory, with a timeout and an output cap. Used
 * only when NVRTC cannot be loaded but an nvcc executable runs (e.g. a CUDA toolkit without the wheel).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ExecError, runBounded } from '../capabilities/exec.js';
import type { CompileOutcome, CompileRequest, PtxCompiler } from './types.js';

export const NVCC_OPTIONS: readonly string[] = ['-std=c++17', '-lineinfo'];

export class NvccCompiler implements PtxCompiler {
  readonly name = 'nvcc' as const;
  readonly options = NVCC_OPTIONS;

  constructor(
    readonly path: string,
    readonly version: string,
    private readonly timeoutMs = 60_000,
  ) {}

  async compile(req: CompileRequest): Promise<CompileOutcome> {
    const t0 = performance.now();
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'loupe-nvcc-'));
    try {
      const name = req.name ?? 'loupe.cu';
      const src = path.join(dir, name.endsWith('.cu') ? name : `${name}.cu`);
      const out = path.join(dir, 'out.ptx');
      await fs.writeFile(src, req.source);
      try {
        const { stdout, stderr } = await runBounded(this.path, ['-ptx', `-arch=${req.arch}`, ...this.options, src, '-o', out], {
          timeoutMs: this.timeoutMs,
          maxBuffer: 1024 * 1024,
          cwd: dir,
        });
        const ptx = await fs.readFile(out, 'utf8');
        return { ok: true, ptx, log: stripDir(`${stdout}${stderr}`, dir), compileMs: performance.now() - t0 };
      } catch (err) {
        const log = err instanceof ExecError ? `${err.stdout}${err.stderr}` : '';
        return {
          ok: false,
          log: stripDir(log, dir),
          compileMs: performance.now() - t0,
          error: stripDir(err instanceof Error ? err.message : String(err), dir),
        };
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }
}

/** The temp directory means nothing to a client: show `loupe.cu(12): error …` like NVRTC does. */
function stripDir(text: string, dir: string): string {
  return text.split(`${dir}/`).join('');
}
