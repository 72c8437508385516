/**
 * Update shapes, for reduction recognition: does `t = rhs` have the form `t = t ⊕ e` (⊕ one of + − * min
 * max & | ^, `e` not reading `t`)? Decided on the lowered `ValueExpr`, where the target's reads are
 * access refs, so `a[i] = a[i] + e` and `a[i][j] = e * a[i, j]` are recognised whatever the spelling.
 */
import type { UpdateShape, ValueExpr } from './ir.js';
import { flattenSame, flattenSum } from './valueFlatten.js';

type UpdateOp = Extract<UpdateShape, { kind: 'update' }>['op'];

const MIN_FNS: ReadonlySet<string> = new Set(['min', 'np.minimum', 'np.fmin']);
const MAX_FNS: ReadonlySet<string> = new Set(['max', 'np.maximum', 'np.fmax']);

/**
 * @param rhs the assigned value
 * @param isTarget whether a value is a read of exactly the assigned element (or scalar)
 * @param targetReads how many reads of the target's variable the statement makes in all (subscripts included)
 */
export function assignShape(rhs: ValueExpr, isTarget: (v: ValueExpr) => boolean, targetReads: number): UpdateShape {
  if (targetReads === 0) return { kind: 'assign' };
  // The pattern must account for the one and only read of the target: `s = s + s*x` is not an update.
  const op = targetReads === 1 ? updateOp(rhs, isTarget) : null;
  return op === null ? { kind: 'other' } : { kind: 'update', op };
}

/** `t op= e`: an update when `op` is a reduction operator and `e` does not read the target. */
export function augAssignShape(op: string, valueReadsTarget: boolean): UpdateShape {
  if (valueReadsTarget) return { kind: 'other' };
  switch (op) {
    case '+':
    case '-':
    case '*':
    case '&':
    case '|':
    case '^':
      return { kind: 'update', op };
    default:
      return { kind: 'other' };
  }
}

function updateOp(rhs: ValueExpr, isTarget: (v: ValueExpr) => boolean): UpdateOp | null {
  if ((rhs.kind === 'binary' && (rhs.op === '+' || rhs.op === '-')) || (rhs.kind === 'unary' && rhs.op === '-')) {
    const terms: { v: ValueExpr; positive: boolean }[] = [];
    flattenSum(rhs, true, terms);
    const hits = terms.filter((t) => isTarget(t.v));
    if (hits.length !== 1 || !hits[0]!.positive) return null;
    // `t = t - e` keeps its spelling; any other sum is `t += (the rest)`.
    return rhs.kind === 'binary' && rhs.op === '-' && isTarget(rhs.left) ? '-' : '+';
  }
  if (rhs.kind === 'binary' && (rhs.op === '*' || rhs.op === '&' || rhs.op === '|' || rhs.op === '^')) {
    const op = rhs.op;
    const factors: ValueExpr[] = [];
    flattenSame(rhs, op, factors);
    return factors.filter(isTarget).length === 1 ? op : null;
  }
  if (rhs.kind === 'call' && rhs.user !== true && rhs.args.length >= 2 && rhs.args.filter(isTarget).length === 1) {
    if (MIN_FNS.has(rhs.fn)) return 'min';
    if (MAX_FNS.has(rhs.fn)) return 'max';
  }
  return null;
}
