/**
 * node-nvrtc, compiler half: a typed koffi binding over NVRTC (version, create, compile, log, PTX, destroy,
 * error strings). The library is found and opened by capabilities/nvrtc.ts (candidates, builtins preload);
 * this module declares the functions on that handle once and compiles on koffi's worker threads, so a
 * 50 ms compile never blocks the event loop.
 */
import { promisify } from 'node:util';
import { loadKoffi, type Koffi, type LibraryHandle } from '../capabilities/koffi.js';
import { openNvrtc } from '../capabilities/nvrtc.js';
import type { CompileOutcome, CompileRequest, PtxCompiler } from './types.js';

/** Named koffi types are process-global: declared once, the first time any NVRTC handle is bound. */
let programType: unknown;
function nvrtcTypes(koffi: Koffi): { program: unknown } {
  programType ??= koffi.pointer('nvrtcProgram', koffi.opaque());
  return { program: programType };
}

type Fn = ((...args: unknown[]) => unknown) & { async: (...args: unknown[]) => void };

interface NvrtcFunctions {
  nvrtcVersion: Fn;
  nvrtcCreateProgram: Fn;
  nvrtcCompileProgram: Fn;
  nvrtcGetProgramLogSize: Fn;
  nvrtcGetProgramLog: Fn;
  nvrtcGetPTXSize: Fn;
  nvrtcGetPTX: Fn;
  nvrtcDestroyProgram: Fn;
  nvrtcGetErrorString: Fn;
  nvrtcGetNumSupportedArchs: Fn | null;
  nvrtcGetSupportedArchs: Fn | null;
}

function optional(declare: () => Fn): Fn | null {
  try {
    return declare();
  } catch {
    return null;
  }
}

const bound = new WeakMap<LibraryHandle, NvrtcFunctions>();

function bind(koffi: Koffi, lib: LibraryHandle): NvrtcFunctions {
  let f = bound.get(lib);
  if (f) return f;
  nvrtcTypes(koffi);
  const fn = (decl: string) => lib.func(decl) as unknown as Fn;
  f = {
    nvrtcVersion: fn('int nvrtcVersion(_Out_ int *major, _Out_ int *minor)'),
    nvrtcCreateProgram: fn(
      'int nvrtcCreateProgram(_Out_ nvrtcProgram *prog, const char *src, const char *name, int numHeaders, const char **headers, const char **includeNames)',
    ),
    nvrtcCompileProgram: fn('int nvrtcCompileProgram(nvrtcProgram prog, int numOptions, const char **options)'),
    nvrtcGetProgramLogSize: fn('int nvrtcGetProgramLogSize(nvrtcProgram prog, _Out_ size_t *size)'),
    nvrtcGetProgramLog: fn('int nvrtcGetProgramLog(nvrtcProgram prog, _Out_ uint8_t *log)'),
    nvrtcGetPTXSize: fn('int nvrtcGetPTXSize(nvrtcProgram prog, _Out_ size_t *size)'),
    nvrtcGetPTX: fn('int nvrtcGetPTX(nvrtcProgram prog, _Out_ uint8_t *ptx)'),
    nvrtcDestroyProgram: fn('int nvrtcDestroyProgram(_Inout_ nvrtcProgram *prog)'),
    nvrtcGetErrorString: fn('const char *nvrtcGetErrorString(int result)'),
    // NVRTC ≥ 11.2; optional so an older library still compiles.
    nvrtcGetNumSupportedArchs: optional(() => fn('int nvrtcGetNumSupportedArchs(_Out_ int *count)')),
    nvrtcGetSupportedArchs: optional(() => fn('int nvrtcGetSupportedArchs(_Out_ int *archs)')),
  };
  bound.set(lib, f);
  return f;
}

/** NVRTC result codes are small ints; the library names them. */
export class NvrtcError extends Error {
  constructor(
    readonly call: string,
    readonly code: number,
    readonly codeName: string,
  ) {
    super(`${call} failed with ${codeName} (${code})`);
    this.name = 'NvrtcError';
  }
}

/** Options every NVRTC compile gets besides the architecture. `-lineinfo` keeps CUDA↔PTX line links. */
export const NVRTC_OPTIONS: readonly string[] = ['--std=c++17', '-lineinfo'];

function cString(buf: Buffer): string {
  const nul = buf.indexOf(0);
  return buf.subarray(0, nul < 0 ? buf.length : nul).toString('utf8');
}

export class Nvrtc implements PtxCompiler {
  readonly name = 'nvrtc' as const;
  readonly options = NVRTC_OPTIONS;

  private constructor(
    private readonly f: NvrtcFunctions,
    readonly version: string,
    readonly path: string,
  ) {}

  /** Opens NVRTC (cached per root by capabilities/nvrtc.ts); throws LibraryNotFoundError naming every path tried. */
  static async open(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Nvrtc> {
    const lib = await openNvrtc(root, env);
    const koffi = await loadKoffi();
    return new Nvrtc(bind(koffi, lib.lib), lib.version, lib.path);
  }

  errorString(code: number): string {
    try {
      return String(this.f.nvrtcGetErrorString(code) ?? `NVRTC error ${code}`);
    } catch {
      return `NVRTC error ${code}`;
    }
  }

  /** Virtual architectures this NVRTC can target, e.g. [75, 80, …, 120]; empty when it cannot say. */
  supportedArchs(): number[] {
    const { nvrtcGetNumSupportedArchs: num, nvrtcGetSupportedArchs: list } = this.f;
    if (!num || !list) return [];
    const n = [0];
    if (Number(num(n)) !== 0 || !(n[0]! > 0)) return [];
    const archs = new Int32Array(n[0]!);
    if (Number(list(archs)) !== 0) return [];
    return [...archs];
  }

  private check(call: string, rc: unknown): void {
    const code = Number(rc);
    if (code !== 0) throw new NvrtcError(call, code, this.errorString(code));
  }

  private readText(sizeFn: Fn, readFn: Fn, prog: unknown, what: string): string {
    const size = [0];
    this.check(`nvrtcGet${what}Size`, sizeFn(prog, size));
    const n = Number(size[0]);
    if (n <= 1) return '';
    const buf = Buffer.alloc(n);
    this.check(`nvrtcGet${what}`, readFn(prog, buf));
    return cString(buf);
  }

  async compile(req: CompileRequest): Promise<CompileOutcome> {
    const t0 = performance.now();
    const prog: unknown[] = [null];
    this.check('nvrtcCreateProgram', this.f.nvrtcCreateProgram(prog, req.source, req.name ?? 'loupe.cu', 0, null, null));
    try {
      const options = [`--gpu-architecture=${req.arch}`, ...this.options];
      const compileAsync = promisify(this.f.nvrtcCompileProgram.async) as (...a: unknown[]) => Promise<number>;
      const rc = Number(await compileAsync(prog[0], options.length, options));
      const log = this.readText(this.f.nvrtcGetProgramLogSize, this.f.nvrtcGetProgramLog, prog[0], 'ProgramLog');
      const compileMs = performance.now() - t0;
      if (rc !== 0) return { ok: false, log, compileMs, error: `NVRTC: ${this.errorString(rc)}` };
      const ptx = this.readText(this.f.nvrtcGetPTXSize, this.f.nvrtcGetPTX, prog[0], 'PTX');
      return { ok: true, ptx, log, compileMs: performance.now() - t0 };
    } finally {
      this.f.nvrtcDestroyProgram(prog);
    }
  }
}
