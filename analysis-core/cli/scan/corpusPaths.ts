/**
 * Where the shared corpus and the committed expected summary live. The corpus sits beside the checkout
 * (`../shared/corpus`) and is never copied into the repository; `LOUPE_CORPUS` points elsewhere.
 */
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

/** The repository root: this file is analysis-core/cli/scan/corpusPaths.ts. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

export function corpusDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env['LOUPE_CORPUS'];
  return override !== undefined && override !== '' ? resolve(override) : resolve(REPO_ROOT, '..', 'shared', 'corpus');
}

export const EXPECTED_SUMMARY = resolve(REPO_ROOT, 'analysis-core', 'scan-expected', 'corpus-summary.json');
