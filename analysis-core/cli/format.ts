/** The readable (non-JSON) report of `loupe analyze`. */
import type { Report } from '../src/index.js';

const BADGE: Record<string, string> = {
  parallel: '∥ parallel',
  reduction: '⊕ reduction',
  privatizable: '⊙ privatizable',
  sequential: '→ sequential',
  unknown: '? unknown',
};

export function formatReport(file: string, r: Report): string {
  const lines: string[] = [];
  const bound = Object.entries(r.bindings);
  lines.push(
    `${file}: ${r.loops.length} loop${r.loops.length === 1 ? '' : 's'}${bound.length ? ` (bound: ${bound.map(([k, v]) => `${k}=${v}`).join(', ')})` : ''}`,
  );
  for (const l of r.loops) {
    const step = l.bounds.step === null ? '?' : l.bounds.step;
    lines.push(
      `  line ${String(l.line).padStart(3)}  ${'  '.repeat(l.depth)}for ${l.var} in range(${l.bounds.start}, ${l.bounds.stop}, ${step})   ${BADGE[l.verdict]} [${l.stage}]`,
    );
    lines.push(`            ${'  '.repeat(l.depth)}${l.explanation}`);
    if (l.interchange) lines.push(`            ${'  '.repeat(l.depth)}hint: ${l.interchange}`);
  }
  if (r.dependences.length > 0) {
    lines.push('', '  dependences:');
    for (const d of r.dependences) {
      const dist = d.distance.map((x) => (x === null ? '?' : String(x))).join(', ');
      lines.push(
        `    ${d.kind.padEnd(6)} ${d.source.text} (line ${d.source.line}) → ${d.sink.text} (line ${d.sink.line})  dir (${d.direction.join(', ')})  dist (${dist})  ${d.loopLine === null ? 'loop-independent' : `carried by line ${d.loopLine}`}  [${d.decidedBy}${d.certainty === 'assumed' ? ', assumed' : ''}]`,
      );
    }
  }
  if (r.diagnostics.length > 0) {
    lines.push('', '  diagnostics:');
    for (const d of r.diagnostics) lines.push(`    ${d.severity} ${d.line}:${d.column} ${d.message}`);
  }
  return `${lines.join('\n')}\n`;
}
