/**
 * Runs programs under CPython through tracer.py (the executing oracle): one `python3` process per batch,
 * programs on stdin and results on stdout as JSON, so a few hundred programs cost one interpreter start.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const TRACER = fileURLToPath(new URL('./tracer.py', import.meta.url));

export type OracleVerdict = 'parallel' | 'reduction' | 'privatizable' | 'sequential';

export interface PyProgram {
  readonly id: string | number;
  readonly source: string;
}

export interface OracleLoop {
  /** The `for` line, 1-based. */
  readonly line: number;
  /** The strongest verdict safe for every dynamic instance (vacuously `parallel` when it never ran). */
  readonly verdict: OracleVerdict;
  readonly instances: number;
  /** Distinct locations carried (alias names excluded). */
  readonly dependences: number;
  /** Up to six carried locations with their classification, for messages. */
  readonly carried: readonly string[];
}

export interface PyResult {
  readonly id: string | number;
  readonly loops?: readonly OracleLoop[];
  readonly iterations?: number;
  readonly syntaxError?: string;
  readonly error?: string;
  readonly truncated?: boolean;
}

/** The `python3 --version` line, or null when no usable python3 is on PATH. */
export function pythonVersion(python = 'python3'): string | null {
  const r = spawnSync(python, ['--version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  const version = `${r.stdout}${r.stderr}`.trim();
  return /^Python 3\.(\d+)/.test(version) && Number(/^Python 3\.(\d+)/.exec(version)![1]) >= 9 ? version : null;
}

export async function runPrograms(
  programs: readonly PyProgram[],
  options: { timeoutMs?: number; python?: string; limit?: number } = {},
): Promise<PyResult[]> {
  const { timeoutMs = 120_000, python = 'python3', limit = 200_000 } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(python, [TRACER, '--limit', String(limit)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`tracer.py did not finish ${programs.length} programs within ${timeoutMs} ms`));
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new Error(`${python} is not on PATH: the Python-semantics oracle needs CPython 3.9+ (no packages)`)
          : new Error(`cannot start ${python} ${TRACER}: ${e.message}`),
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8');
      if (code !== 0) {
        reject(new Error(`tracer.py exited with ${code}:\n${stderr.slice(-4000)}`));
        return;
      }
      try {
        const results = JSON.parse(Buffer.concat(out).toString('utf8')) as PyResult[];
        if (results.length !== programs.length || results.some((r, k) => r.id !== programs[k]!.id))
          throw new Error(`expected ${programs.length} results in order, got ${results.length}`);
        resolve(results);
      } catch (e) {
        reject(new Error(`tracer.py gave unreadable output (${(e as Error).message})\n${stderr.slice(-4000)}`));
      }
    });
    child.stdin.on('error', () => {}); // a crash before reading everything is reported by 'close'
    child.stdin.end(JSON.stringify(programs));
  });
}
