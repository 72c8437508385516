/**
 * The reviewed part of a corpus scan: every count the analysis decides (loops, verdicts, reasons), none of
 * what the machine decides (timings) and no example locations (they would churn on unrelated changes).
 * Committed as `scan-expected/corpus-summary.json`; a change in coverage shows up as a diff to review.
 */
import type { Summary } from './summary.js';

/** The summary without timings (load-dependent), with reasons and crashes reduced to comparable counts. */
export type StableSummary = Omit<Summary, 'reasons' | 'timing' | 'crashes'> & {
  /** Reason → loops, most frequent first. */
  readonly reasons: { readonly unknown: Readonly<Record<string, number>>; readonly sequential: Readonly<Record<string, number>> };
  readonly crashes: number;
};

export function stableSummary(s: Summary): StableSummary {
  const reasons = (rs: Summary['reasons']['unknown']): Record<string, number> => Object.fromEntries(rs.map((r) => [r.reason, r.loops]));
  return {
    files: s.files,
    pyFiles: s.pyFiles,
    notebooks: s.notebooks,
    skipped: s.skipped,
    filesWithSyntaxErrors: s.filesWithSyntaxErrors,
    cells: s.cells,
    codeCells: s.codeCells,
    lines: s.lines,
    loops: s.loops,
    rangeLoops: s.rangeLoops,
    nests: s.nests,
    nestDepth: s.nestDepth,
    rangeNestDepth: s.rangeNestDepth,
    subscriptedLoops: s.subscriptedLoops,
    affineLoops: s.affineLoops,
    verdicts: s.verdicts,
    rangeVerdicts: s.rangeVerdicts,
    notes: s.notes,
    reasons: { unknown: reasons(s.reasons.unknown), sequential: reasons(s.reasons.sequential) },
    crashes: s.crashes.length,
  };
}

type Flat = Map<string, string>;

/** `a.b.c → value` for every leaf, so a diff can name exactly what changed. */
function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix === '' ? k : `${prefix} › ${k}`, out);
  } else out.set(prefix, JSON.stringify(value));
  return out;
}

/** One line per changed, added or removed leaf, in expected-file order then new keys; empty when equal. */
export function diffSummaries(expected: unknown, actual: unknown): string[] {
  const a = flatten(expected, '', new Map());
  const b = flatten(actual, '', new Map());
  const lines: string[] = [];
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined) lines.push(`  - ${k}: ${v} (gone)`);
    else if (w !== v) lines.push(`  ~ ${k}: ${v} → ${w}${delta(v, w)}`);
  }
  for (const [k, w] of b) if (!a.has(k)) lines.push(`  + ${k}: ${w} (new)`);
  return lines;
}

function delta(before: string, after: string): string {
  const x = Number(before);
  const y = Number(after);
  if (!Number.isFinite(x) || !Number.isFinite(y)) return '';
  const d = y - x;
  return ` (${d > 0 ? '+' : ''}${d})`;
}
