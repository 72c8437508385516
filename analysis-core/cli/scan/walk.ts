/**
 * The files a scan covers: `.py` and `.ipynb` under the given paths, recursively, in a stable order (so
 * summaries, CSV rows and examples do not depend on the file system or on which worker finished first).
 * Hidden directories (`.git`, `.ipynb_checkpoints`), `node_modules`, virtualenvs and `__pycache__` hold
 * copies or third-party code, not the project's loops, and are skipped.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '__pycache__', 'venv', 'site-packages']);

export function isScannable(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.py') || lower.endsWith('.ipynb');
}

export function isSkippedDir(name: string): boolean {
  return name.startsWith('.') || SKIP_DIRS.has(name);
}

export interface WalkResult {
  /** Files to scan, sorted, without duplicates. */
  readonly files: string[];
  /** Paths given on the command line that do not exist or cannot be read. */
  readonly missing: string[];
}

/**
 * A path named explicitly is scanned whatever its name (the user asked for it); inside directories only
 * `.py`/`.ipynb` files are. Symbolic links to directories are not followed (cycles); links to files are.
 */
export async function walk(paths: readonly string[]): Promise<WalkResult> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = await stat(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) await walkDir(p, found);
    else found.add(p);
  }
  return { files: [...found].sort(comparePaths), missing };
}

async function walkDir(dir: string, found: Set<string>): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return; // unreadable directory: nothing to scan in it
  }
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!isSkippedDir(e.name)) await walkDir(full, found);
    } else if ((e.isFile() || e.isSymbolicLink()) && isScannable(e.name)) {
      if (e.isSymbolicLink() && !(await isFile(full))) continue;
      found.add(full);
    }
  }
}

async function isFile(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Code-unit order, not locale order: the same on every machine. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
