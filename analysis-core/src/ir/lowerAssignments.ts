/**
 * Assignments of lowering: `t = e`, `x, y = …` / `a = b = …`, and `t op= e`. What the target is
 * (element, tracked scalar, untracked name, or nothing Loupe follows), its reads and write in Python's
 * evaluation order, the integer temporaries an assignment defines, and the statement's update shape.
 */
import type { AssignStmt, AugAssignStmt, Expr, Stmt } from '../parse/syntax.js';
import { assertNever } from '../util/assert.js';
import { flattenSubscript, sameSubscripts } from './accesses.js';
import { affineOf } from './affineOf.js';
import { viewRoot } from './calls.js';
import type { AccessId, ValueExpr } from './ir.js';
import { addAccess, addElement, elementTarget, type PreparedTarget } from './lowerAccesses.js';
import type { DraftRegion, ScopeLowerer, StmtBuilder } from './lowerScope.js';
import { assignShape, augAssignShape } from './shapes.js';
import { lowerValue } from './values.js';

/**
 * Index reads of the target (for elements), and what it is. Must run after the value's reads for `=`,
 * before them for `op=` (Python's evaluation order).
 */
function prepareTarget(lw: ScopeLowerer, t: Expr, stmt: Stmt, value: Expr | null): PreparedTarget {
  switch (t.kind) {
    case 'name': {
      const c = lw.classify(t.id);
      switch (c.kind) {
        case 'loopvar':
        case 'iter-var':
        case 'clobbered': {
          lw.obstacle([c.frame.loopId], 'loop-var-assigned', `loop variable \`${t.id}\` is assigned in its own body`, stmt.range);
          c.frame.clobbered.add(t.id);
          return { kind: 'scalar', name: t.id, range: t.range };
        }
        case 'scalar':
          return { kind: 'scalar', name: t.id, range: t.range };
        case 'array': {
          // Re-binding an array name inside a loop changes which memory `t[…]` means from then on.
          const root = value === null ? null : viewRoot(value, lw.imports, lw.source);
          if (stmt.kind === 'augassign') {
            lw.obstacleHere(
              'unsupported-statement',
              `\`${lw.text(stmt)}\` updates the whole array \`${t.id}\`; Loupe only follows element accesses`,
              stmt.range,
            );
          } else if (root !== null && root !== t.id) {
            lw.obstacleHere('alias', `\`${t.id}\` is re-bound inside the loop to a view of \`${root}\``, stmt.range);
          } else {
            lw.obstacleHere(
              'unsupported-statement',
              `array \`${t.id}\` is re-bound inside the loop; Loupe cannot follow which array it names`,
              stmt.range,
            );
          }
          return { kind: 'none' };
        }
        case 'stale-loopvar':
        case 'symbol':
        case 'unstable':
        case 'module':
          return { kind: 'untracked', name: t.id };
        default:
          return assertNever(c, 'name class');
      }
    }
    case 'subscript': {
      const { base, indices } = flattenSubscript(t);
      if (base.kind !== 'name') {
        lowerValue(base, lw);
        for (const ix of indices) lowerValue(ix, lw);
        lw.obstacleHere('unsupported-statement', `assignment to \`${lw.text(t)}\`, which is not an element of a named array`, stmt.range);
        return { kind: 'none' };
      }
      return elementTarget(lw, base.id, indices, t);
    }
    case 'attribute':
      lowerValue(t.object, lw);
      lw.obstacleHere('unsupported-statement', `assignment to attribute \`${lw.text(t)}\` is not modelled`, stmt.range);
      return { kind: 'none' };
    default:
      lw.obstacleHere('unsupported-statement', `assignment to \`${lw.text(t)}\` is not modelled`, stmt.range);
      return { kind: 'none' };
  }
}

function readTarget(lw: ScopeLowerer, p: PreparedTarget): ValueExpr | null {
  switch (p.kind) {
    case 'element':
      return { kind: 'ref', access: addElement(lw, p, 'read') };
    case 'scalar':
      return { kind: 'ref', access: addAccess(lw, p.name, 'scalar', 'read', [], p.name, p.range, []) };
    case 'untracked':
      return { kind: 'symbol', name: p.name };
    case 'none':
      return null;
    default:
      return assertNever(p, 'target kind');
  }
}

function writeTarget(lw: ScopeLowerer, p: PreparedTarget): AccessId | null {
  switch (p.kind) {
    case 'element':
      return addElement(lw, p, 'write');
    case 'scalar':
      lw.temps.delete(p.name);
      return addAccess(lw, p.name, 'scalar', 'write', [], p.name, p.range, []);
    case 'untracked':
    case 'none':
      return null;
    default:
      return assertNever(p, 'target kind');
  }
}

/** Reads in statement `b` of the variable `p` names (same array, or same scalar). */
function readsOf(lw: ScopeLowerer, b: StmtBuilder, p: PreparedTarget, except: AccessId | null = null): AccessId[] {
  if (p.kind !== 'element' && p.kind !== 'scalar') return [];
  const variable = p.kind === 'element' ? p.variable : p.name;
  const target = p.kind === 'element' ? 'array' : 'scalar';
  return b.accesses.filter((id) => {
    const a = lw.program.accesses[id]!;
    return id !== except && a.mode === 'read' && a.variable === variable && a.target === target;
  });
}

function isTargetValue(lw: ScopeLowerer, p: PreparedTarget): (v: ValueExpr) => boolean {
  return (v) => {
    if (p.kind === 'untracked') return v.kind === 'symbol' && v.name === p.name;
    if (v.kind !== 'ref') return false;
    const a = lw.program.accesses[v.access]!;
    if (a.mode !== 'read') return false;
    if (p.kind === 'scalar') return a.target === 'scalar' && a.variable === p.name;
    if (p.kind === 'element') return a.target === 'array' && a.variable === p.variable && sameSubscripts(a.subscripts, p.subscripts);
    return false;
  };
}

export function assign(lw: ScopeLowerer, s: AssignStmt): DraftRegion {
  const [target] = s.targets;
  if (
    target === undefined ||
    s.targets.length !== 1 ||
    (target.kind !== 'name' && target.kind !== 'subscript' && target.kind !== 'attribute')
  ) {
    return multiAssign(lw, s);
  }
  // A tracked scalar assigned an affine value is a substitutable temporary: its affine form is taken before
  // the write (`k = k + 1` reads the old `k`). Other targets skip the work.
  const temp = target.kind === 'name' && lw.classify(target.id).kind === 'scalar' ? affineOf(s.value, lw.affineEnv) : null;
  const b = lw.begin();
  const rhs = lowerValue(s.value, lw);
  const p = prepareTarget(lw, target, s, s.value);
  const w = writeTarget(lw, p);
  if (p.kind === 'scalar' && temp !== null && temp.ok) {
    lw.temps.set(p.name, { expr: temp.expr, loopId: lw.forStack.at(-1)?.loopId ?? -1, depth: lw.guard });
  }
  const targetReads = p.kind === 'untracked' ? countSymbol(rhs, p.name) : readsOf(lw, b, p).length;
  const shape = assignShape(rhs, isTargetValue(lw, p), targetReads);
  return lw.end(b, s.range, { shape, rhs, target: w });
}

/**
 * `x, y = …`, `a = b = …`, `*xs = …`. A parallel assignment `x, a[i] = e1, e2` (names and elements, as many
 * as the values) is ordinary Python: every value is evaluated first, then the targets are assigned left to
 * right, which is the order the accesses are recorded in — its dependences are exact and it is no obstacle
 * (the value model follows what each name then holds). Any other form is recorded but is an obstacle.
 */
function multiAssign(lw: ScopeLowerer, s: AssignStmt): DraftRegion {
  const b = lw.begin();
  lowerValue(s.value, lw);
  const leaves = (t: Expr): Expr[] => (t.kind === 'tuple' || t.kind === 'list' ? t.elements.flatMap(leaves) : [t]);
  const [only] = s.targets;
  const parallel =
    s.targets.length === 1 &&
    only !== undefined &&
    (only.kind === 'tuple' || only.kind === 'list') &&
    (s.value.kind === 'tuple' || s.value.kind === 'list') &&
    s.value.elements.length === only.elements.length &&
    s.value.elements.every((e) => e.kind !== 'unsupported-expr') &&
    only.elements.every((t) => t.kind === 'name' || t.kind === 'subscript');
  for (const t of s.targets) {
    for (const leaf of leaves(t)) {
      const p = prepareTarget(lw, leaf, s, null);
      writeTarget(lw, p);
      if (leaf.kind === 'name') lw.temps.delete(leaf.id);
    }
  }
  const what = s.targets.length > 1 ? 'chained assignment' : 'tuple assignment';
  if (!parallel) lw.obstacleHere('unsupported-statement', `${what} \`${lw.text(s)}\` is not modelled`, s.range);
  return lw.end(b, s.range, { shape: { kind: 'other' }, rhs: null, target: null });
}

export function augAssign(lw: ScopeLowerer, s: AugAssignStmt): DraftRegion {
  if (s.target.kind !== 'name' && s.target.kind !== 'subscript' && s.target.kind !== 'attribute') {
    const b = lw.begin();
    lowerValue(s.value, lw);
    lw.obstacleHere('unsupported-statement', `augmented assignment to \`${lw.text(s.target)}\` is not modelled`, s.range);
    return lw.end(b, s.range, { shape: { kind: 'other' }, rhs: null, target: null });
  }
  const b = lw.begin();
  const p = prepareTarget(lw, s.target, s, null);
  const current = readTarget(lw, p);
  const readId = current?.kind === 'ref' ? current.access : null;
  const value = lowerValue(s.value, lw);
  const w = writeTarget(lw, p);
  const valueReadsTarget = p.kind === 'untracked' ? countSymbol(value, p.name) > 0 : readsOf(lw, b, p, readId).length > 0;
  const shape = augAssignShape(s.op, valueReadsTarget);
  const rhs: ValueExpr =
    current === null || s.op === '@' ? { kind: 'opaque', text: lw.text(s) } : { kind: 'binary', op: s.op, left: current, right: value };
  return lw.end(b, s.range, { shape, rhs, target: w });
}

/** How often `symbol name` occurs in a value (reads of an untracked scalar target). */
function countSymbol(v: ValueExpr, name: string): number {
  switch (v.kind) {
    case 'symbol':
      return v.name === name ? 1 : 0;
    case 'const':
    case 'ref':
    case 'loopvar':
    case 'opaque':
      return 0;
    case 'binary':
    case 'compare':
      return countSymbol(v.left, name) + countSymbol(v.right, name);
    case 'unary':
      return countSymbol(v.operand, name);
    case 'call':
      return v.args.reduce((n, a) => n + countSymbol(a, name), 0);
    case 'select':
      return countSymbol(v.test, name) + countSymbol(v.then, name) + countSymbol(v.orelse, name);
    default:
      return assertNever(v, 'value kind');
  }
}
