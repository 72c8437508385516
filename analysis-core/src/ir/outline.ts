/**
 * The loop outline: every `for` statement in the file, in source order, with its variable and its
 * `range(…)` bounds as written. Cheap and total — it is what the editor and `loupe analyze` list before
 * (and independently of) the dependence analysis.
 */
import type { Expr, Module, Stmt } from '../parse/syntax.js';
import { sliceSource, type SourceRange } from '../parse/source.js';
import { nestedBodies } from './walk.js';

export interface LoopOutline {
  /** 1-based line of the `for` statement. */
  readonly line: number;
  readonly var: string;
  /** `range(a, b, s)` split into its parts as written; null when the loop is not over `range`. */
  readonly bounds: { readonly start: string; readonly stop: string; readonly step: string } | null;
  /** Source text of the iterable, e.g. `range(1, n)` or `enumerate(xs)`. */
  readonly iterable: string;
  readonly depth: number;
  readonly range: SourceRange;
  readonly headerRange: SourceRange;
}

export function outlineLoops(module: Module, source: string): LoopOutline[] {
  const out: LoopOutline[] = [];
  const visit = (stmts: readonly Stmt[], depth: number): void => {
    for (const s of stmts) {
      if (s.kind !== 'for') {
        for (const body of nestedBodies(s)) visit(body, depth);
        continue;
      }
      out.push({
        line: s.range.start.line,
        var: s.target.kind === 'name' ? s.target.id : sliceSource(source, s.target.range),
        bounds: rangeBounds(s.iter, source),
        iterable: sliceSource(source, s.iter.range),
        depth,
        range: s.range,
        headerRange: s.headerRange,
      });
      visit(s.body, depth + 1);
      visit(s.orelse, depth);
    }
  };

  visit(module.body, 0);
  return out;
}

function rangeBounds(iter: Expr, source: string): LoopOutline['bounds'] {
  if (iter.kind !== 'call' || iter.callee.kind !== 'name' || iter.callee.id !== 'range') return null;
  if (iter.keywords.length > 0 || iter.hasStarArgs) return null;
  const text = iter.args.map((a) => sliceSource(source, a.range));
  switch (text.length) {
    case 1:
      return { start: '0', stop: text[0]!, step: '1' };
    case 2:
      return { start: text[0]!, stop: text[1]!, step: '1' };
    case 3:
      return { start: text[0]!, stop: text[1]!, step: text[2]! };
    default:
      return null;
  }
}
