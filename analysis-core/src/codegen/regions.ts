/** Walks over the IR's region trees, shared by the planner and the emitters. */
import type { Loop, Program, Region, Statement, StmtId } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';

/** Every statement under `regions` (conditions of `if`s included), in region order. */
export function statementsUnder(program: Program, regions: readonly Region[]): Statement[] {
  const out: Statement[] = [];
  const visit = (rs: readonly Region[]): void => {
    for (const r of rs) {
      switch (r.kind) {
        case 'stmt':
          out.push(program.statements[r.id]!);
          break;
        case 'loop':
          visit(r.body);
          break;
        case 'if':
          visit(r.then);
          visit(r.orelse);
          break;
        default:
          assertNever(r, 'region');
      }
    }
  };
  visit(regions);
  return out;
}

export function loopsUnder(regions: readonly Region[]): Loop[] {
  const out: Loop[] = [];
  const visit = (rs: readonly Region[]): void => {
    for (const r of rs) {
      if (r.kind === 'loop') {
        out.push(r);
        visit(r.body);
      } else if (r.kind === 'if') {
        visit(r.then);
        visit(r.orelse);
      }
    }
  };
  visit(regions);
  return out;
}

/** The ids of `if` condition pseudo-statements (emitted as the `if`'s test, not as statements). */
export function conditionStatements(regions: readonly Region[]): Set<StmtId> {
  const out = new Set<StmtId>();
  const visit = (rs: readonly Region[]): void => {
    for (const r of rs) {
      if (r.kind === 'loop') visit(r.body);
      else if (r.kind === 'if') {
        if (r.testStmt !== undefined) out.add(r.testStmt);
        visit(r.then);
        visit(r.orelse);
      }
    }
  };
  visit(regions);
  return out;
}

/** First and last source line covered by `regions` (for comments and kernel names). */
export function lineSpan(program: Program, regions: readonly Region[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of regions) {
    const [a, b] =
      r.kind === 'stmt'
        ? [program.statements[r.id]!.range.start.line, program.statements[r.id]!.range.end.line]
        : [r.range.start.line, r.range.end.line];
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  return [lo, hi];
}
