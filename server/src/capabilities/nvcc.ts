import fs from 'node:fs';
import path from 'node:path';
import { runBounded } from './exec.js';
import { errorMessage, type Capability } from './types.js';

/** LOUPE_NVCC, CUDA_HOME/bin/nvcc, /usr/local/cuda/bin/nvcc (where they exist), then `nvcc` on PATH. */
export function nvccCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const files = [
    env.LOUPE_NVCC?.trim(),
    env.CUDA_HOME?.trim() ? path.join(env.CUDA_HOME.trim(), 'bin', 'nvcc') : undefined,
    '/usr/local/cuda/bin/nvcc',
  ].filter((p): p is string => Boolean(p) && fs.existsSync(p!));
  return [...new Set([...files, 'nvcc'])];
}

export async function detectNvcc(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<Capability> {
  const searched = nvccCandidates(env);
  const failures: string[] = [];
  for (const exe of searched) {
    try {
      const { stdout } = await runBounded(exe, ['--version'], { timeoutMs });
      const m = /release (\d+\.\d+), V(\d+(?:\.\d+)*)/.exec(stdout);
      const version = m?.[2] ?? m?.[1] ?? /(\d+\.\d+(?:\.\d+)*)/.exec(stdout)?.[1];
      return {
        available: true,
        ...(version ? { version } : {}),
        detail: `nvcc ${version ?? '(unknown version)'} at ${exe}`,
        path: exe,
        searched,
      };
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  return { available: false, detail: `nvcc not found or not runnable (tried ${searched.join(', ')}): ${failures.join('; ')}`, searched };
}
