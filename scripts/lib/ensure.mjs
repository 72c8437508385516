// Set-up steps shared by `npm start` and `npm test`: each checks first and does work only when needed,
// so a second run costs a few stat calls.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function say(msg) {
  process.stdout.write(`\x1b[36m[loupe]\x1b[0m ${msg}\n`);
}

export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

export function mustRun(label, cmd, args, opts) {
  const t0 = Date.now();
  const status = run(cmd, args, opts);
  if (status !== 0) {
    say(`${label} failed (exit ${status}).`);
    process.exit(status);
  }
  say(`${label} ok (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function mtime(p) {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

function newestUnder(dir) {
  let newest = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(p) : mtime(p));
  }
  return newest;
}

/** npm dependencies: installed when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (existsSync(marker) && mtime(marker) >= mtime(join(root, 'package-lock.json'))) return;
  say('installing npm dependencies (first run: a few minutes, most of it building better-sqlite3)…');
  mustRun('npm install', 'npm', ['install', '--no-audit', '--no-fund']);
}

/**
 * Optional Python side (NumPy + Numba baselines, NVRTC from the nvidia-cuda-nvrtc wheel) in `.venv`.
 * Never fatal: without it the app reports the capability as absent.
 */
export function ensurePythonVenv() {
  if (process.env.LOUPE_SKIP_PYTHON === '1') return;
  const py = join(root, '.venv', 'bin', 'python');
  const probe = existsSync(py) ? spawnSync(py, ['-c', 'import numpy, numba, nvidia'], { stdio: 'ignore' }).status : 1;
  if (probe === 0) return;
  say('setting up the optional Python environment (.venv: numpy, numba, nvidia-cuda-nvrtc)…');
  if (!existsSync(py) && run('python3', ['-m', 'venv', '.venv']) !== 0) {
    say('could not create .venv (python3 -m venv failed): continuing without Python baselines or NVRTC.');
    return;
  }
  const status = run(py, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '--retries',
    '1',
    'numpy',
    'numba',
    'nvidia-cuda-nvrtc',
  ]);
  if (status !== 0) say('pip install failed: continuing without Python baselines or NVRTC (the app reports them as absent).');
}

/** The web bundle: rebuilt when any source it depends on is newer than the last build. */
export function ensureWebBuild({ force = false } = {}) {
  const built = mtime(join(root, 'dist', 'web', 'index.html'));
  const sources = Math.max(
    newestUnder(join(root, 'web', 'src')),
    newestUnder(join(root, 'analysis-core', 'src')),
    newestUnder(join(root, 'public')),
    mtime(join(root, 'web', 'index.html')),
    mtime(join(root, 'vite.config.ts')),
  );
  if (!force && built > 0 && built >= sources) return;
  mustRun('web build', 'npx', ['vite', 'build', '--logLevel', 'warn']);
}

/** Debian's Chromium for Playwright (Playwright's own browser download cannot work offline). */
export function ensureChromium() {
  const exe = process.env.LOUPE_CHROMIUM ?? '/usr/bin/chromium';
  if (existsSync(exe)) return exe;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    say(
      `Chromium is missing (${exe}). The browser tests need it: run \`sudo apt-get install -y chromium\` (or set LOUPE_CHROMIUM to a Chromium binary) and try again.`,
    );
    process.exit(1);
  }
  say('installing Debian Chromium for the browser tests…');
  if (run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']) !== 0) {
    run('apt-get', ['update']);
    mustRun('apt-get install chromium', 'apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  }
  return exe;
}

/**
 * NVRTC dlopens its builtins library by soname at compile time; the pip wheel's directory is not on the
 * loader path. The server also preloads it, but putting the wheel's lib directories on LD_LIBRARY_PATH for
 * every process we start (server, tests, Playwright's web server) makes that lookup independent of timing.
 */
export function exportNvrtcLibraryPath() {
  const lib = join(root, '.venv', 'lib');
  if (!existsSync(lib)) return;
  const dirs = [];
  for (const py of readdirSync(lib)) {
    const nvidia = join(lib, py, 'site-packages', 'nvidia');
    if (!existsSync(nvidia)) continue;
    for (const pkg of readdirSync(nvidia)) {
      const d = join(nvidia, pkg, 'lib');
      if (existsSync(d) && readdirSync(d).some((n) => n.startsWith('libnvrtc'))) dirs.push(d);
    }
  }
  if (dirs.length === 0) return;
  const current = process.env.LD_LIBRARY_PATH ? process.env.LD_LIBRARY_PATH.split(':') : [];
  process.env.LD_LIBRARY_PATH = [...dirs.filter((d) => !current.includes(d)), ...current].join(':');
}
