/**
 * Runtime values (staging): which names the panel offers, and which values the analysis uses. Pure data in,
 * pure data out; the worker and the panel share these rules.
 *
 * Precedence: a value typed in the panel overrides the `# loupe:` comment; a panel value of '' means "unbound"
 * (it hides the comment's value). Everything else comes from the comment.
 */
import type { Report, ReportLoop } from '@loupe/analysis-core';

export type Values = Readonly<Record<string, string>>;

/** The values the analysis should use: the comment's, then the panel's overrides ('' removes a name). */
export function effectiveValues(comment: Values | null, overrides: Values): Record<string, string> {
  const out: Record<string, string> = { ...(comment ?? {}) };
  for (const [name, raw] of Object.entries(overrides)) {
    const text = raw.trim();
    if (text === '') delete out[name];
    else out[name] = text;
  }
  return out;
}

export type RowKind = 'int' | 'array' | 'other';

export interface RuntimeRow {
  readonly name: string;
  readonly kind: RowKind;
  /** Arrays: their rank (one extent input per dimension). */
  readonly rank: number;
  /** What the input shows: the override if any, else the comment's value, else ''. */
  readonly value: string;
  readonly source: 'panel' | 'comment' | 'none';
  /** The comment's value for this name, when it has one. */
  readonly commentValue: string | null;
  /** False for names that appear only in the comment/overrides (not used by the code). */
  readonly used: boolean;
}

/**
 * One row per free integer symbol and per array of the code (arrays give their extents and dtype), plus any
 * name the comment or the panel mentions that the code does not use. Extent symbols (`A.shape[0]`) are covered
 * by their array's row.
 */
export function runtimeRows(report: Pick<Report, 'symbols' | 'arrays'>, comment: Values | null, overrides: Values): RuntimeRow[] {
  const rows: RuntimeRow[] = [];
  const seen = new Set<string>();
  const row = (name: string, kind: RowKind, rank: number, used: boolean): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const commentValue = comment && name in comment ? comment[name]! : null;
    const override = name in overrides ? overrides[name]! : null;
    rows.push({
      name,
      kind,
      rank,
      value: override ?? commentValue ?? '',
      source: override !== null ? 'panel' : commentValue !== null ? 'comment' : 'none',
      commentValue,
      used,
    });
  };
  for (const s of report.symbols) if (s.kind === 'int') row(s.name, 'int', 0, true);
  for (const a of report.arrays) row(a.name, 'array', a.rank, true);
  for (const s of report.symbols)
    if (s.kind !== 'int' && s.array !== undefined && !seen.has(s.array)) row(s.array, 'array', (s.dim ?? 0) + 1, true);
  const extra = new Set([...Object.keys(comment ?? {}), ...Object.keys(overrides)]);
  for (const name of [...extra].sort()) {
    const text = overrides[name] ?? comment?.[name] ?? '';
    row(name, /^[a-z0-9]+\s*\[/.test(text.trim()) ? 'array' : 'other', 0, false);
  }
  return rows;
}

export interface ArrayValue {
  readonly dtype: string;
  readonly extents: readonly string[];
}

/** `float64[8, 8]` → dtype and extents as typed; anything else → the default dtype and `rank` blank extents. */
export function splitArrayValue(text: string, rank: number): ArrayValue {
  const m = /^\s*([a-z0-9]+)\s*\[([^\]]*)\]\s*$/.exec(text);
  const extents = m ? m[2]!.split(',').map((d) => d.trim()) : [];
  const n = Math.max(rank, extents.length, 1);
  return { dtype: m ? m[1]! : 'float64', extents: Array.from({ length: n }, (_, i) => extents[i] ?? '') };
}

/** Back to text; all-blank extents mean "unbound" (''). */
export function joinArrayValue(v: ArrayValue): string {
  if (v.extents.every((e) => e.trim() === '')) return '';
  return `${v.dtype}[${v.extents.map((e) => e.trim()).join(',')}]`;
}

export interface StageRow {
  readonly loop: number;
  readonly line: number;
  readonly var: string;
  readonly depth: number;
  readonly staticVerdict: ReportLoop['verdict'];
  readonly runtimeVerdict: ReportLoop['verdict'] | null;
  readonly changed: boolean;
}

/** The static verdict and the verdict under the bound values, side by side, with what changed. */
export function stageRows(report: Pick<Report, 'loops'>): StageRow[] {
  return report.loops.map((l) => ({
    loop: l.id,
    line: l.line,
    var: l.var,
    depth: l.depth,
    staticVerdict: l.static.verdict,
    runtimeVerdict: l.runtime ? l.runtime.verdict : null,
    changed: l.runtime !== null && l.runtime.verdict !== l.static.verdict,
  }));
}
