/**
 * Golden text for an example: loops (verdict, stage, explanation, hints) and dependences (kind, ends,
 * vectors, carrier, test, certainty, witness). Stable and line-oriented so review diffs read well.
 */
import type { Report } from '../../src/index.js';

export function goldenText(r: Report): string {
  const out: string[] = [];
  const bound = Object.entries(r.bindings);
  out.push(`# bindings: ${bound.length ? bound.map(([k, v]) => `${k}=${v}`).join(', ') : '(none)'}`);
  out.push('## loops');
  for (const l of r.loops) {
    const stat = l.runtime ? ` (static: ${l.static.verdict})` : '';
    out.push(`line ${l.line} for ${l.var}: ${l.verdict} [${l.stage}]${stat}`);
    out.push(`  ${l.explanation}`);
    if (l.interchange) out.push(`  hint: ${l.interchange}`);
    for (const o of l.obstacles) out.push(`  obstacle ${o.kind} @${o.line}: ${o.message}`);
  }
  out.push('## dependences');
  for (const d of r.dependences) {
    const w = d.witness
      ? ` witness ${JSON.stringify(d.witness.source)} -> ${JSON.stringify(d.witness.sink)}${Object.keys(d.witness.symbols).length ? ` with ${JSON.stringify(d.witness.symbols)}` : ''} on ${d.witness.element}`
      : '';
    out.push(
      `${d.kind} ${d.variable}: ${d.source.text}@${d.source.line} -> ${d.sink.text}@${d.sink.line} dir (${d.direction.join(',')}) dist (${d.distance.map((x) => (x === null ? '?' : x)).join(',')}) ${d.loopLine === null ? 'independent-of-loops' : `carried@${d.loopLine}`} by ${d.decidedBy} ${d.certainty}${w}`,
    );
  }
  if (r.diagnostics.length) {
    out.push('## diagnostics');
    for (const d of r.diagnostics) out.push(`${d.severity} ${d.code} @${d.line}:${d.column} ${d.message}`);
  }
  return `${out.join('\n')}\n`;
}
