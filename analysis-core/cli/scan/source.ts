/**
 * From a file's bytes to the Python text to analyse. Corpora hold whatever people committed: binary junk
 * named `.py`, Latin-1 files, truncated notebooks, multi-megabyte outputs. Every such case becomes a
 * skipped file or a note, never an exception.
 */
import { readNotebook, type CellSpan } from './notebook.js';
import type { Note } from './types.js';

/** Larger files are skipped: generated code or data, not loops anyone wrote, and slow to parse. */
export const MAX_BYTES = 2 * 1024 * 1024;

export interface SourceUnit {
  readonly kind: 'py' | 'ipynb';
  readonly source: string;
  /** Notebook cell spans over `source`; null for `.py`. */
  readonly spans: readonly CellSpan[] | null;
  readonly cells: number;
  readonly codeCells: number;
  readonly notes: readonly Note[];
}

export type SourceRead =
  { readonly ok: true; readonly unit: SourceUnit } | { readonly ok: false; readonly kind: 'py' | 'ipynb'; readonly note: Note };

export function kindOf(path: string): 'py' | 'ipynb' {
  return path.toLowerCase().endsWith('.ipynb') ? 'ipynb' : 'py';
}

const MAGIC_MESSAGES: Record<string, string> = {
  'line-magic': 'IPython line magics (%…) skipped',
  'cell-magic': 'IPython cell magics (%%…) skipped',
  shell: 'shell escapes (!…) skipped',
  help: 'IPython help (…?) skipped',
};

/** `size` is the file's size on disk, which may exceed `bytes` (the reader does not load oversized files). */
export function sourceFromBytes(path: string, bytes: Uint8Array, size = bytes.length): SourceRead {
  const kind = kindOf(path);
  if (size > MAX_BYTES) {
    return { ok: false, kind, note: { code: 'too-large', count: 1, message: `${size} bytes, over the ${MAX_BYTES}-byte limit` } };
  }
  // Text never contains NUL; UTF-16 files do too, and Python itself refuses them without a BOM-aware codec.
  if (bytes.includes(0)) return { ok: false, kind, note: { code: 'binary', count: 1, message: 'contains NUL bytes: not a text file' } };
  const notes: Note[] = [];
  const text = decode(bytes, notes);
  if (kind === 'py') {
    return { ok: true, unit: { kind, source: text.replace(/\r\n?/g, '\n'), spans: null, cells: 0, codeCells: 0, notes } };
  }
  const nb = readNotebook(text);
  if (!nb.ok) return { ok: false, kind, note: { code: nb.code, count: 1, message: nb.message } };
  const { notebook } = nb;
  for (const [code, count] of Object.entries(notebook.magics)) {
    if (count > 0) notes.push({ code, count, message: MAGIC_MESSAGES[code] ?? code });
  }
  return {
    ok: true,
    unit: { kind, source: notebook.source, spans: notebook.spans, cells: notebook.cells, codeCells: notebook.codeCells, notes },
  };
}

/** UTF-8 (BOM dropped) when valid; otherwise Latin-1, which maps every byte, so the loops still get analysed. */
function decode(bytes: Uint8Array, notes: Note[]): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    notes.push({ code: 'not-utf8', count: 1, message: 'not valid UTF-8: decoded as Latin-1' });
    return new TextDecoder('latin1').decode(bytes);
  }
}
