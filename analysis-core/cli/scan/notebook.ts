/**
 * Jupyter notebooks as one Python text. Code cells are joined in order (later cells see earlier cells'
 * names, as when the notebook is run top to bottom) and a line map turns a line of the joined text back
 * into (cell, line in cell) for reporting. nbformat 4 (`cells`) and 3 (`worksheets[].cells`, `input`)
 * are read; anything else is rejected with a reason instead of throwing.
 */
import { blankMagics, type MagicKind } from './magics.js';

export interface CellSpan {
  /** 1-based index of the cell among all the notebook's cells (markdown included), as one scrolls it. */
  readonly cell: number;
  /** 1-based line of the joined text where the cell starts. */
  readonly firstLine: number;
  readonly lineCount: number;
}

export interface JoinedNotebook {
  readonly source: string;
  readonly spans: readonly CellSpan[];
  readonly cells: number;
  readonly codeCells: number;
  readonly magics: Readonly<Record<MagicKind, number>>;
}

export type NotebookRead =
  { readonly ok: true; readonly notebook: JoinedNotebook } | { readonly ok: false; readonly code: string; readonly message: string };

export interface RawCell {
  readonly type: string;
  readonly source: string;
}

export function readNotebook(text: string): NotebookRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'invalid-notebook', message: `not valid JSON: ${(e as Error).message}` };
  }
  const cells = rawCells(json);
  if (cells === null) return { ok: false, code: 'invalid-notebook', message: 'JSON without a notebook cell list' };
  const language = kernelLanguage(json);
  if (language !== null && language !== 'python') return { ok: false, code: 'not-python', message: `kernel language is ${language}` };
  return { ok: true, notebook: joinCells(cells) };
}

export function joinCells(cells: readonly RawCell[]): JoinedNotebook {
  const magics: Record<MagicKind, number> = { 'line-magic': 0, 'cell-magic': 0, shell: 0, help: 0 };
  const parts: string[] = [];
  const spans: CellSpan[] = [];
  let line = 1;
  cells.forEach((c, index) => {
    if (c.type !== 'code') return;
    const cleaned = blankMagics(c.source.replace(/\r\n?/g, '\n').replace(/\n$/, ''));
    for (const k of Object.keys(magics) as MagicKind[]) magics[k] += cleaned.counts[k];
    const lineCount = cleaned.source.split('\n').length;
    spans.push({ cell: index + 1, firstLine: line, lineCount });
    parts.push(cleaned.source);
    line += lineCount;
  });
  // Each cell ends with its own newline, so a cell's last statement never runs into the next cell's first.
  const source = parts.map((p) => `${p}\n`).join('');
  return { source, spans, cells: cells.length, codeCells: spans.length, magics };
}

/** (cell, line in cell) of a line of the joined text; lines past the end map to the last cell. */
export function locateLine(spans: readonly CellSpan[], line: number): { cell: number; line: number } {
  let lo = 0;
  let hi = spans.length - 1;
  if (hi < 0) return { cell: 0, line };
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (spans[mid]!.firstLine <= line) lo = mid;
    else hi = mid - 1;
  }
  const s = spans[lo]!;
  return { cell: s.cell, line: line - s.firstLine + 1 };
}

function rawCells(json: unknown): RawCell[] | null {
  if (!isObject(json)) return null;
  const v4 = json['cells'];
  if (Array.isArray(v4)) return v4.map((c) => rawCell(c, 'source'));
  const sheets = json['worksheets'];
  if (Array.isArray(sheets)) {
    return sheets.flatMap((w) => {
      const cs = isObject(w) ? w['cells'] : null;
      return Array.isArray(cs) ? cs.map((c) => rawCell(c, 'input')) : [];
    });
  }
  return null;
}

/** A malformed cell becomes an empty markdown cell: it still counts in the numbering, as Jupyter shows it. */
function rawCell(c: unknown, codeField: 'source' | 'input'): RawCell {
  if (!isObject(c)) return { type: 'markdown', source: '' };
  const type = typeof c['cell_type'] === 'string' ? c['cell_type'] : 'markdown';
  const field = type === 'code' ? c[codeField] : c['source'];
  return { type, source: textOf(field) };
}

/** nbformat stores text as a string or a list of lines (each keeping its newline). */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string').join('');
  return '';
}

function kernelLanguage(json: unknown): string | null {
  if (!isObject(json)) return null;
  const meta = json['metadata'];
  if (!isObject(meta)) return null;
  const info = meta['language_info'];
  const spec = meta['kernelspec'];
  const lang = (isObject(info) ? info['name'] : undefined) ?? (isObject(spec) ? spec['language'] : undefined);
  return typeof lang === 'string' ? lang.toLowerCase() : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
