/**
 * What the editor shows for a report, as plain data (no Monaco types): per-loop verdict decorations and the
 * hover text for a position. CodeEditor turns these into Monaco decorations and hovers.
 */
import type { Report, ReportAccessRef, ReportDependence, ReportLoop } from '@loupe/analysis-core';
import { VERDICT, depName, loopHeader, testName, vectorText, witnessText } from '../views/verdict';

export interface LoopMark {
  readonly loop: number;
  readonly line: number;
  readonly verdict: ReportLoop['verdict'];
  /** Text after the header: icon and verdict in words. */
  readonly after: string;
  readonly hover: string;
}

export function loopMarks(report: Report): LoopMark[] {
  return report.loops.map((l) => {
    const v = VERDICT[l.verdict];
    return { loop: l.id, line: l.line, verdict: l.verdict, after: `  ${v.icon} ${v.label}`, hover: loopHover(report, l) };
  });
}

const md = (s: string): string => s.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');

function depLine(report: Report, d: ReportDependence, from: 'source' | 'sink' | null): string {
  const carrier =
    d.carrier === null
      ? 'loop-independent'
      : `carried by loop ${report.loops.find((l) => l.id === d.carrier)?.var ?? '?'} (line ${d.loopLine})`;
  const other =
    from === 'source'
      ? `→ ${d.sink.text} (line ${d.sink.line})`
      : from === 'sink'
        ? `← ${d.source.text} (line ${d.source.line})`
        : `${d.source.text} → ${d.sink.text}`;
  const w = witnessText(d);
  return `- **${d.kind}** ${depName(d.id)} ${md(other)}: direction ${md(vectorText(d.direction))}, distance ${md(vectorText(d.distance))}, ${carrier}; ${testName(d.decidedBy)}${d.certainty === 'assumed' ? ' (assumed)' : ''}${w ? `; e.g. ${md(w)}` : ''}`;
}

export function loopHover(report: Report, l: ReportLoop): string {
  const v = VERDICT[l.verdict];
  const lines = [
    `**${v.icon} Loop ${l.var}: ${v.label}**${l.stage === 'runtime' ? ' (with the bound values)' : ''}`,
    '',
    md(l.explanation),
  ];
  const blocking = report.dependences.filter((d) => l.blocking.includes(d.id));
  if (blocking.length > 0) {
    lines.push('', 'Holding it back:');
    for (const d of blocking.slice(0, 6)) lines.push(depLine(report, d, null));
    if (blocking.length > 6) lines.push(`- … and ${blocking.length - 6} more`);
  }
  return lines.join('\n');
}

const within = (r: { line: number; column: number; endLine: number; endColumn: number }, line: number, col: number): boolean =>
  (line > r.line || (line === r.line && col >= r.column)) && (line < r.endLine || (line === r.endLine && col < r.endColumn));

export interface Hover {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly markdown: string;
}

/** Hover for a (1-based line, 0-based column): a subscript's dependences, else a loop header's verdict. */
export function hoverAt(report: Report, line: number, column: number): Hover | null {
  const refs: ReportAccessRef[] = [];
  for (const d of report.dependences) refs.push(d.source, d.sink);
  for (const ind of report.independences) refs.push(ind.a, ind.b);
  // The innermost (shortest) access under the cursor.
  const hits = refs.filter((r) => within(r, line, column)).sort((a, b) => a.endColumn - a.column - (b.endColumn - b.column));
  if (hits.length > 0) {
    const ref = hits[0]!;
    const deps = report.dependences.filter((d) => d.source.access === ref.access || d.sink.access === ref.access);
    const indeps = report.independences.filter((i) => i.a.access === ref.access || i.b.access === ref.access);
    const lines = [`**${md(ref.text)}** (${ref.mode}, line ${ref.line})`, ''];
    if (deps.length === 0) lines.push('No dependences.');
    else {
      lines.push(`${deps.length} dependence${deps.length === 1 ? '' : 's'}:`);
      for (const d of deps.slice(0, 8)) lines.push(depLine(report, d, d.source.access === ref.access ? 'source' : 'sink'));
      if (deps.length > 8) lines.push(`- … and ${deps.length - 8} more`);
    }
    if (indeps.length > 0) {
      lines.push('', 'Proven independent of:');
      for (const i of indeps.slice(0, 6)) {
        const other = i.a.access === ref.access ? i.b : i.a;
        lines.push(`- ${md(other.text)} (line ${other.line}) by the ${testName(i.decidedBy)}`);
      }
    }
    const loops = report.loops.filter((l) => report.statements.find((s) => s.id === ref.statement)?.loops.includes(l.id));
    if (loops.length > 0) lines.push('', loops.map((l) => `${VERDICT[l.verdict].icon} ${l.var}: ${VERDICT[l.verdict].label}`).join(' · '));
    return { line: ref.line, column: ref.column, endLine: ref.endLine, endColumn: ref.endColumn, markdown: lines.join('\n') };
  }
  const loop = report.loops.find((l) => within(l, line, column));
  if (loop)
    return {
      line: loop.line,
      column: loop.column,
      endLine: loop.endLine,
      endColumn: loop.endColumn,
      markdown: `\`${loopHeader(loop)}\`\n\n${loopHover(report, loop)}`,
    };
  return null;
}
