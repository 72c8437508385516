/**
 * Picks the PTX compiler (NVRTC, else `nvcc -ptx`) and caches compiled modules by a hash of the source,
 * the compiler, its version, the architecture and the options: the same snippet compiled twice (compile,
 * then run; or many users opening one link) costs one compile.
 */
import { LibraryNotFoundError } from '../capabilities/koffi.js';
import { detectNvcc } from '../capabilities/nvcc.js';
import { errorMessage } from '../capabilities/types.js';
import { hashKey, LruCache } from './cache.js';
import { NvccCompiler } from './nvcc.js';
import { Nvrtc } from './nvrtc.js';
import type { CompileOutcome, PtxCompiler } from './types.js';

/** Neither NVRTC nor nvcc: the reply says what was looked for (503). */
export class NoCompilerError extends Error {
  constructor(readonly missing: { readonly nvrtc: string; readonly nvcc: string }) {
    super(`No CUDA compiler available: NVRTC: ${missing.nvrtc}; nvcc: ${missing.nvcc}`);
    this.name = 'NoCompilerError';
  }
}

export type CompiledModule = CompileOutcome & {
  readonly compiler: 'nvrtc' | 'nvcc';
  readonly version: string;
  readonly arch: string;
  readonly cached: boolean;
};

export interface CompilerServiceOptions {
  root: string;
  env?: NodeJS.ProcessEnv;
  /** `nvcc` forces the fallback (tests; LOUPE_COMPILER=nvcc). Default: NVRTC first. */
  prefer?: 'nvrtc' | 'nvcc';
  cacheEntries?: number;
}

export class CompilerService {
  private readonly cache: LruCache<CompileOutcome>;
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly opts: CompilerServiceOptions) {
    this.env = opts.env ?? process.env;
    this.cache = new LruCache(opts.cacheEntries ?? 128);
  }

  /** The compiler to use now. Not cached on failure: a library installed later is picked up. */
  async compiler(): Promise<PtxCompiler> {
    const prefer = this.opts.prefer ?? (this.env.LOUPE_COMPILER === 'nvcc' ? 'nvcc' : 'nvrtc');
    let nvrtcWhy = 'not tried (LOUPE_COMPILER=nvcc)';
    if (prefer === 'nvrtc') {
      try {
        return await Nvrtc.open(this.opts.root, this.env);
      } catch (err) {
        nvrtcWhy = err instanceof LibraryNotFoundError ? err.message : `could not be used: ${errorMessage(err)}`;
      }
    }
    const nvcc = await detectNvcc(this.env);
    if (nvcc.available && typeof nvcc.path === 'string') return new NvccCompiler(nvcc.path, nvcc.version ?? 'unknown');
    throw new NoCompilerError({ nvrtc: nvrtcWhy, nvcc: nvcc.detail });
  }

  async compile(source: string, arch: string, compiler?: PtxCompiler): Promise<CompiledModule> {
    const c = compiler ?? (await this.compiler());
    const key = hashKey(c.name, c.version, arch, c.options.join(' '), source);
    const hit = this.cache.get(key);
    if (hit) return { ...hit, compiler: c.name, version: c.version, arch, cached: true };
    const out = await c.compile({ source, arch, name: 'loupe.cu' });
    this.cache.set(key, out);
    return { ...out, compiler: c.name, version: c.version, arch, cached: false };
  }
}
