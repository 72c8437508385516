/**
 * `--csv`: one row per loop (RFC 4180: comma-separated, CRLF-free, fields quoted when they contain a
 * comma, quote or newline), for spreadsheets and pandas. Files without loops produce no rows.
 */
import type { FileResult } from './types.js';

export const CSV_COLUMNS = [
  'path',
  'kind',
  'cell',
  'line',
  'column',
  'var',
  'iterable',
  'is_range',
  'depth',
  'verdict',
  'stage',
  'subscripted',
  'all_affine',
  'reasons',
  'file_ms',
  'explanation',
] as const;

export function formatCsv(files: readonly FileResult[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const f of files) {
    for (const l of f.loops) {
      rows.push(
        [
          f.path,
          f.kind,
          l.cell ?? '',
          l.line,
          l.column,
          l.var,
          l.iterable,
          l.isRange,
          l.depth,
          l.verdict ?? 'not analysed',
          l.stage ?? '',
          l.subscripted,
          l.affine,
          l.reasons.join('; '),
          f.ms.toFixed(2),
          l.explanation,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

export function csvField(v: string | number | boolean): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
