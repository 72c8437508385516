import fs from 'node:fs';
import path from 'node:path';
import { runBounded } from './exec.js';
import { errorMessage, type Capability } from './types.js';

/** Fixed probe script: prints one JSON line with the interpreter's version and those of numpy and numba. */
export const PYTHON_PROBE = [
  'import json, platform, sys',
  'out = {"python": platform.python_version(), "executable": sys.executable}',
  'for name in ("numpy", "numba"):',
  '    try:',
  '        out[name] = getattr(__import__(name), "__version__", "unknown")',
  '    except Exception as e:',
  '        out[name] = None',
  '        out[name + "_error"] = (type(e).__name__ + ": " + str(e))[:200]',
  'print(json.dumps(out))',
].join('\n');

interface ProbeOutput {
  python: string;
  executable?: string;
  numpy: string | null;
  numba: string | null;
  numpy_error?: string;
  numba_error?: string;
}

/** LOUPE_PYTHON, then `<root>/.venv/bin/python`, then /usr/bin/python3, then `python3` on PATH. */
export function pythonCandidates(root: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const list: string[] = [];
  const explicit = env.LOUPE_PYTHON?.trim();
  if (explicit) list.push(explicit);
  const venv = path.join(root, '.venv', 'bin', 'python');
  if (fs.existsSync(venv)) list.push(venv);
  if (fs.existsSync('/usr/bin/python3')) list.push('/usr/bin/python3');
  list.push('python3');
  return [...new Set(list)];
}

/**
 * Runs the probe with each candidate (5 s timeout, 64 KiB output cap each) and picks the first that has
 * both numpy and numba, else the first that runs at all. `available` means an interpreter ran; `numpy`
 * and `numba` say whether the baselines can run.
 */
export async function detectPython(root: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<Capability> {
  const searched = pythonCandidates(root, env);
  const failures: string[] = [];
  let firstWorking: { exe: string; out: ProbeOutput } | undefined;
  for (const exe of searched) {
    try {
      const { stdout } = await runBounded(exe, ['-c', PYTHON_PROBE], { timeoutMs, cwd: root });
      const line = stdout.trim().split('\n').pop() ?? '';
      const out = JSON.parse(line) as ProbeOutput;
      if (out.numpy && out.numba) return report(exe, out, searched);
      firstWorking ??= { exe, out };
    } catch (err) {
      failures.push(errorMessage(err));
    }
  }
  if (firstWorking) return report(firstWorking.exe, firstWorking.out, searched);
  return {
    available: false,
    detail: `No Python interpreter could be run (tried ${searched.join(', ')}): ${failures.join('; ')}`,
    searched,
  };
}

function report(exe: string, out: ProbeOutput, searched: string[]): Capability {
  const pkg = (name: 'numpy' | 'numba') => (out[name] ? `${name} ${out[name]}` : `no ${name}`);
  const missing = [out.numpy ? '' : 'numpy', out.numba ? '' : 'numba'].filter(Boolean);
  return {
    available: true,
    version: out.python,
    detail:
      `Python ${out.python} at ${exe}: ${pkg('numpy')}, ${pkg('numba')}` +
      (missing.length ? ` (baselines need them: \`.venv/bin/pip install ${missing.join(' ')}\`)` : ''),
    executable: exe,
    numpy: out.numpy ?? null,
    numba: out.numba ?? null,
    searched,
  };
}
