import fs from 'node:fs';
import path from 'node:path';
import { LibraryNotFoundError, openFirst, type OpenedLibrary } from './koffi.js';
import { errorMessage, type Capability } from './types.js';

export const NVRTC_LIBRARY = 'libnvrtc';
export const NVRTC_NAMES = ['libnvrtc.so.13', 'libnvrtc.so.12', 'libnvrtc.so'];

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function listDirs(p: string): string[] {
  try {
    return fs
      .readdirSync(p, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => d.name)
      .sort();
  } catch {
    return [];
  }
}

/** `<root>/.venv/lib/python3*\/site-packages/nvidia/<pkg>/lib`, CUDA 13's `cu13` layout first, then 12's `cuda_nvrtc`. */
export function venvNvidiaLibDirs(root: string): string[] {
  const libRoot = path.join(root, '.venv', 'lib');
  const dirs: string[] = [];
  for (const py of listDirs(libRoot).filter((n) => n.startsWith('python3'))) {
    const nvidia = path.join(libRoot, py, 'site-packages', 'nvidia');
    const pkgs = listDirs(nvidia);
    const rank = (n: string) => (n === 'cu13' ? 0 : n === 'cuda_nvrtc' ? 1 : 2);
    for (const pkg of pkgs.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))) {
      const lib = path.join(nvidia, pkg, 'lib');
      if (isDir(lib)) dirs.push(lib);
    }
  }
  return dirs;
}

export interface Candidates {
  /** What to hand to dlopen, in order: existing files, then bare names for the system loader. */
  load: string[];
  /** Everything looked at, for the report (directories and files that did not exist included). */
  searched: string[];
}

/**
 * NVRTC candidates, in order: LOUPE_NVRTC_LIB (a file, or a directory holding one), CUDA_HOME/lib64,
 * CUDA_PATH/lib64, /usr/local/cuda/lib64, the project venv's nvidia wheels, then the bare names.
 */
export function nvrtcCandidates(root: string, env: NodeJS.ProcessEnv = process.env): Candidates {
  const load: string[] = [];
  const searched: string[] = [];
  const add = (p: string) => {
    if (!load.includes(p)) load.push(p);
  };
  const explicit = env.LOUPE_NVRTC_LIB?.trim();
  if (explicit) {
    const abs = path.resolve(root, explicit);
    searched.push(abs);
    if (isDir(abs)) {
      for (const name of NVRTC_NAMES) {
        const file = path.join(abs, name);
        if (fs.existsSync(file)) add(file);
      }
    } else if (fs.existsSync(abs)) {
      add(abs);
    }
  }
  const dirs = [
    env.CUDA_HOME?.trim() ? path.join(env.CUDA_HOME.trim(), 'lib64') : undefined,
    env.CUDA_PATH?.trim() ? path.join(env.CUDA_PATH.trim(), 'lib64') : undefined,
    '/usr/local/cuda/lib64',
  ].filter((d): d is string => Boolean(d));
  const venvDirs = venvNvidiaLibDirs(root);
  if (venvDirs.length === 0) searched.push(path.join(root, '.venv/lib/python3*/site-packages/nvidia/*/lib'));
  for (const dir of [...new Set([...dirs, ...venvDirs])]) {
    searched.push(dir);
    for (const name of NVRTC_NAMES) {
      const file = path.join(dir, name);
      if (fs.existsSync(file)) add(file);
    }
  }
  for (const name of NVRTC_NAMES) {
    searched.push(name);
    add(name);
  }
  return { load, searched };
}

export interface NvrtcLibrary extends OpenedLibrary {
  version: string;
  /** The builtins library preloaded from NVRTC's own directory, when there was one. */
  builtins?: string;
}

/**
 * NVRTC dlopens `libnvrtc-builtins.so.<ver>` by soname at compile time. The pip wheel's directory is not on
 * the loader path, so compiles fail with NVRTC_ERROR_BUILTIN_OPERATION_FAILURE. Loading the builtins from
 * libnvrtc's own directory first makes the later dlopen by soname find the already-loaded copy.
 */
async function preloadBuiltins(nvrtcPath: string): Promise<string | undefined> {
  if (!nvrtcPath.includes('/')) return undefined;
  const dir = path.dirname(nvrtcPath);
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^libnvrtc-builtins\.so(\.\d+)*$/.test(n));
  } catch {
    return undefined;
  }
  // Prefer the most specific name (libnvrtc-builtins.so.13.0 over libnvrtc-builtins.so).
  names.sort((a, b) => b.length - a.length);
  for (const name of names) {
    try {
      await openFirst('libnvrtc-builtins', [path.join(dir, name)]);
      return path.join(dir, name);
    } catch {
      // NVRTC may still find one on the loader path; its compile log will say so otherwise.
    }
  }
  return undefined;
}

const opened = new Map<string, Promise<NvrtcLibrary>>();

/**
 * Opens NVRTC once per (root, candidate list) and reads its version. Later routes (/api/compile) reuse the
 * handle and declare the functions they need on `lib`.
 */
export function openNvrtc(root: string, env: NodeJS.ProcessEnv = process.env): Promise<NvrtcLibrary> {
  const candidates = nvrtcCandidates(root, env);
  const key = candidates.load.join('\n');
  let p = opened.get(key);
  if (!p) {
    p = (async () => {
      let lib: OpenedLibrary;
      try {
        lib = await openFirst(NVRTC_LIBRARY, candidates.load);
      } catch (err) {
        if (err instanceof LibraryNotFoundError) throw new LibraryNotFoundError(NVRTC_LIBRARY, candidates.searched, err.failures);
        throw err;
      }
      const builtins = await preloadBuiltins(lib.path);
      const nvrtcVersion = lib.lib.func('int nvrtcVersion(_Out_ int *major, _Out_ int *minor)');
      const major = [0];
      const minor = [0];
      const rc = nvrtcVersion(major, minor) as number;
      if (rc !== 0) throw new Error(`${NVRTC_LIBRARY} loaded from ${lib.path} but nvrtcVersion returned ${rc}`);
      return { ...lib, searched: candidates.searched, version: `${major[0]}.${minor[0]}`, ...(builtins ? { builtins } : {}) };
    })();
    // A failure is not cached forever: the next call may find a library installed since.
    p.catch(() => opened.delete(key));
    opened.set(key, p);
  }
  return p;
}

export async function detectNvrtc(root: string, env: NodeJS.ProcessEnv = process.env): Promise<Capability> {
  try {
    const nvrtc = await openNvrtc(root, env);
    return {
      available: true,
      version: nvrtc.version,
      detail: `NVRTC ${nvrtc.version} loaded from ${nvrtc.path}`,
      path: nvrtc.path,
      searched: nvrtc.searched,
    };
  } catch (err) {
    if (err instanceof LibraryNotFoundError) {
      const missingOnly = err.failures.every((f) => /cannot open shared object|No such file/i.test(f));
      return {
        available: false,
        detail:
          `${NVRTC_LIBRARY} (NVRTC) ${missingOnly ? 'not found' : 'not found or could not be loaded'}. Looked in ${err.searched.filter((s) => s.includes('/')).join(', ')} ` +
          `and asked the system loader for ${NVRTC_NAMES.join(', ')}. ` +
          (missingOnly ? '' : `Load errors: ${err.failures.filter((f) => !/cannot open shared object/i.test(f)).join('; ')}. `) +
          'Install it with `.venv/bin/pip install nvidia-cuda-nvrtc` or set LOUPE_NVRTC_LIB.',
        searched: err.searched,
      };
    }
    return { available: false, detail: `${NVRTC_LIBRARY} (NVRTC): ${errorMessage(err)}`, searched: nvrtcCandidates(root, env).searched };
  }
}
