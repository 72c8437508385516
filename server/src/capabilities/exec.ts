import { execFile } from 'node:child_process';

export interface ExecResult {
  stdout: string;
  stderr: string;
}

/** Thrown by runBounded: says what ran and why it failed (not found, timed out, exit status). */
export class ExecError extends Error {
  constructor(
    message: string,
    readonly code: string | number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = 'ExecError';
  }
}

/** execFile with a hard timeout, an output cap, no shell, and a message that names the command. */
export function runBounded(
  file: string,
  args: string[],
  options: { timeoutMs?: number; maxBuffer?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<ExecResult> {
  const timeoutMs = options.timeoutMs ?? 5000;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        timeout: timeoutMs,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxBuffer ?? 64 * 1024,
        env: options.env ?? process.env,
        cwd: options.cwd,
        windowsHide: true,
        encoding: 'utf8',
      },
      (err, stdout, stderr) => {
        if (!err) {
          resolve({ stdout, stderr });
          return;
        }
        const e = err as NodeJS.ErrnoException & { killed?: boolean; signal?: string | null; code?: string | number | null };
        let why: string;
        if (e.code === 'ENOENT') why = 'not found';
        else if (e.killed || e.signal === 'SIGKILL') why = `timed out after ${timeoutMs} ms`;
        else if (e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') why = 'produced too much output';
        else if (typeof e.code === 'number') why = `exited with status ${e.code}`;
        else why = e.message;
        const tail = String(stderr ?? '')
          .trim()
          .split('\n')
          .slice(-3)
          .join(' | ');
        reject(new ExecError(`${file} ${why}${tail ? `: ${tail}` : ''}`, e.code ?? null, String(stdout ?? ''), String(stderr ?? '')));
      },
    );
  });
}
