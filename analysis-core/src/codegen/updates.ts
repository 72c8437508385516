/**
 * `t = t ⊕ e` → `e`: the operand a reduction statement folds into its target, for the atomic that replaces
 * the statement when threads share the target element. Mirrors how ir/shapes.ts recognised the update
 * (sums are flattened, so `t = a + t - b` folds `a - b`).
 */
import type { ValueExpr } from '../ir/ir.js';
import type { ReductionOp } from '../transforms/reduction.js';
import { unsupported } from './unsupported.js';
import { flattenSame, flattenSum } from '../ir/valueFlatten.js';

export function updateOperand(rhs: ValueExpr, isTarget: (v: ValueExpr) => boolean, op: ReductionOp): ValueExpr {
  switch (op) {
    case '+':
    case '-': {
      const terms: { v: ValueExpr; positive: boolean }[] = [];
      flattenSum(rhs, true, terms);
      const rest = terms.filter((t) => !isTarget(t.v));
      if (rest.length !== terms.length - 1) unsupported('a reduction statement Loupe cannot split');
      let acc: ValueExpr | null = null;
      for (const t of rest) {
        if (acc === null) acc = t.positive ? t.v : { kind: 'unary', op: '-', operand: t.v };
        else acc = { kind: 'binary', op: t.positive ? '+' : '-', left: acc, right: t.v };
      }
      return acc ?? { kind: 'const', value: 0, isInt: true };
    }
    case '*':
    case '&':
    case '|':
    case '^': {
      const factors: ValueExpr[] = [];
      flattenSame(rhs, op, factors);
      const rest = factors.filter((f) => !isTarget(f));
      if (rest.length !== factors.length - 1 || rest.length === 0) unsupported('a reduction statement Loupe cannot split');
      return rest.reduce((a, b) => ({ kind: 'binary', op, left: a, right: b }));
    }
    case 'min':
    case 'max': {
      if (rhs.kind !== 'call') return unsupported('a reduction statement Loupe cannot split');
      const rest = rhs.args.filter((a) => !isTarget(a));
      if (rest.length !== rhs.args.length - 1 || rest.length === 0) unsupported('a reduction statement Loupe cannot split');
      return rest.length === 1 ? rest[0]! : { kind: 'call', fn: rhs.fn, args: rest };
    }
    default:
      return unsupported(`reduction operator ${String(op)}`);
  }
}
