/** Plain-English explanations of verdicts and dependences, composed from the message catalogue. */
import type { Access, Loop, Program } from '../ir/ir.js';
import type { Dependence, Witness } from '../deps/dependence.js';
import type { LoopVerdict } from '../verdict/verdict.js';
import type { InterchangeSuggestion } from '../transforms/interchange.js';
import { assert, assertNever } from '../util/assert.js';
import { msg } from './messages.js';

export function iterationText(values: Witness['source']): string {
  if (values.length === 1) return `iteration ${values[0]![0]}=${values[0]![1]}`;
  return `iteration (${values.map(([v, x]) => `${v}=${x}`).join(', ')})`;
}

function accessAt(program: Program, a: Access, values: Witness['source'] | null, element: string | null): string {
  const stmt = program.statements[a.stmt]!;
  const iter = values ? iterationText(values) : 'an iteration';
  return msg.access(iter, a.mode, element ?? a.text, stmt.line);
}

/** "iteration i=3 writes a[4] (line 4) and iteration i=4 reads a[4] (line 4) — flow dependence, distance 1, proven by the strong SIV test." */
export function dependenceEvidence(program: Program, d: Dependence): string {
  const src = program.accesses[d.source]!;
  const sink = program.accesses[d.sink]!;
  if (d.certainty === 'assumed')
    return msg.assumedDependence(
      `${src.text} (line ${program.statements[src.stmt]!.line})`,
      `${sink.text} (line ${program.statements[sink.stmt]!.line})`,
      d.reason ?? 'undecided',
    );
  const level = d.carrier === null ? -1 : d.common.indexOf(d.carrier);
  const dist = level >= 0 ? d.distance[level] : null;
  if (!d.witness) return msg.evidenceNoWitness(src.text, sink.text, d.kind, d.decidedBy);
  const w = d.witness;
  const symbols = w.symbols.length > 0 ? ` (for example with ${w.symbols.map(([s, v]) => `${s} = ${v}`).join(', ')})` : '';
  return msg.evidence(
    accessAt(program, src, w.source, w.element),
    accessAt(program, sink, w.sink, w.element),
    d.kind,
    dist === null || dist === undefined ? null : (dist < 0n ? -dist : dist).toString(),
    d.decidedBy,
    symbols,
  );
}

export function explainLoop(program: Program, loop: Loop, v: LoopVerdict, deps: readonly Dependence[]): string {
  const head = msg.loopHeader(loop.var, loop.line);
  const byId = (id: number): Dependence => {
    // Dependence ids are their indices (deps/analyze.ts numbers them in order).
    const d = deps[id];
    assert(d !== undefined && d.id === id, `dependence ${id} out of table`);
    return d;
  };
  const assumptions = v.assumptions.length > 0 ? ` ${v.assumptions.map((a) => msg.assumption(a)).join(' ')}` : '';
  switch (v.kind) {
    case 'parallel':
      return msg.parallel(head) + assumptions;
    case 'reduction':
      return (
        msg.reduction(head, v.reductions.map((r) => `the ${r.op === '-' ? '+' : r.op} reduction into ${r.variable}`).join(' and ')) +
        assumptions +
        v.notes.map((n) => ` ${n}`).join('')
      );
    case 'privatizable':
      return (
        msg.privatizable(
          head,
          v.privatized.map((p) => p.variable).join(', '),
          v.privatized.some((p) => p.liveOut),
        ) + assumptions
      );
    case 'sequential': {
      const d = byId(v.blocking[0]!);
      const rejected = v.rejected.find((r) => r.variable === d.variable);
      return msg.sequential(head, dependenceEvidence(program, d)) + (rejected ? ` (${rejected.why}.)` : '');
    }
    case 'unknown': {
      const reasons: string[] = [];
      for (const o of v.obstacles.slice(0, 2)) reasons.push(msg.obstacle(o.message, o.range.start.line));
      if (v.rejected.length > 0) reasons.push(v.rejected[0]!.why);
      const conditional = v.blocking.map(byId).find((d) => d.conditionalOn.length > 0);
      if (conditional) reasons.push(msg.conditional(conditional.conditionalOn.join(', ')));
      else if (v.blocking.length > 0) reasons.push(dependenceEvidence(program, byId(v.blocking[0]!)));
      return msg.unknown(head, reasons.join('; ') || 'the analysis could not decide');
    }
    default:
      return assertNever(v.kind, 'verdict');
  }
}

export function explainInterchange(program: Program, s: InterchangeSuggestion): string {
  const outer = program.loops[s.outer]!;
  const inner = program.loops[s.inner]!;
  return msg.interchange(outer.var, outer.line, inner.var);
}
