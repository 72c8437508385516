import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: `server/src` → `../..`, unless `LOUPE_ROOT` says otherwise. */
export function repoRoot(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.LOUPE_ROOT?.trim();
  if (override) return path.resolve(override);
  return fileURLToPath(new URL('../..', import.meta.url));
}

/** Where `npm run build` puts the web app. */
export function webDistDir(root: string = repoRoot()): string {
  return path.join(root, 'dist', 'web');
}
