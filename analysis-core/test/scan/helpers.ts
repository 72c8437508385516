/** Temporary corpora for the scan tests, and a scan run through the command with the stand-in engine. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanMain } from '../../cli/scan/command.js';

export const FAKE_ENGINE = new URL('./fixtures/fakeEngine.ts', import.meta.url).href;

export async function tempTree(files: Record<string, string | Uint8Array>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'loupe-scan-'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(root, name, '..'), { recursive: true });
    await writeFile(join(root, name), content);
  }
  return root;
}

export async function runCli(
  argv: string[],
  opts: { tty?: boolean; engineUrl?: string } = {},
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await scanMain(argv, {
    out: (s) => void (out += s),
    err: (s) => void (err += s),
    progress: { isTTY: opts.tty ?? false, columns: 80, write: (s) => void (err += s) },
    engineUrl: opts.engineUrl ?? FAKE_ENGINE,
  });
  return { code, out, err };
}

export const notebook = (...cells: string[]): string =>
  JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { language_info: { name: 'python' } },
    cells: cells.map((source) => ({ cell_type: 'code', source })),
  });
