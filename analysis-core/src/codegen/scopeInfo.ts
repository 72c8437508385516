/**
 * What code generation needs to know about one scope before planning it: its arrays (element type and
 * shape from the bindings), its scalars (assigned in the scope → device locals or one-element "cells";
 * never assigned → arguments), the value type of every scalar, and which statements are not statements
 * at all (loop headers and `if` conditions the lowering records for their reads).
 */
import type { Dtype, Bindings } from '../bindings.js';
import type { AccessId, Loop, Program, Scope, Statement, StmtId, ValueExpr } from '../ir/ir.js';
import type { LoopVerdict } from '../verdict/verdict.js';
import type { SourceRange } from '../parse/source.js';
import { assertNever } from '../util/assert.js';
import { emitC, type CExprEnv } from './cudaExpr.js';
import { conditionStatements, loopsUnder, statementsUnder } from './regions.js';
import { dtypeType, promote, T_PYFLOAT, T_PYINT, typeDtype, type VType } from './types.js';
import { Unsupported } from './unsupported.js';

export interface ArrayDesc {
  readonly name: string;
  readonly dtype: Dtype;
  /** From the bindings; null when unbound (strides then come from extent arguments). */
  readonly shape: readonly bigint[] | null;
  readonly rank: number;
  readonly isLocalAllocation: boolean;
}

export interface ScopeInfo {
  readonly program: Program;
  readonly scope: Scope;
  readonly verdicts: readonly LoopVerdict[];
  readonly bindings: Bindings;
  /** Symbol values (ints and bound extents). */
  readonly env: ReadonlyMap<string, bigint>;
  readonly indexType: 'int' | 'long long';
  readonly statements: readonly Statement[];
  readonly loops: readonly Loop[];
  readonly conditions: ReadonlySet<StmtId>;
  readonly arrays: ReadonlyMap<string, ArrayDesc>;
  /** Scalars assigned somewhere in the scope, with their value types. */
  readonly locals: ReadonlyMap<string, VType>;
  /** Source ranges of `while` loops at the scope's top level (flattened by the lowering: not generable). */
  readonly whileRanges: readonly SourceRange[];
  readonly notes: string[];
  symbolType(name: string): VType;
}

/** Functions a statement may call and still have no effect (the lowering treats every other call as unknown). */
export function isPureCall(fn: string): boolean {
  return /^(math|np)\.\w+$/.test(fn) || ['min', 'max', 'abs', 'float', 'int', 'round', 'len', 'pow', 'range', 'bool'].includes(fn);
}

export function hasEffect(v: ValueExpr): boolean {
  switch (v.kind) {
    case 'const':
    case 'ref':
    case 'loopvar':
    case 'symbol':
    case 'opaque':
      return false;
    case 'binary':
    case 'compare':
      return hasEffect(v.left) || hasEffect(v.right);
    case 'unary':
      return hasEffect(v.operand);
    case 'select':
      return hasEffect(v.test) || hasEffect(v.then) || hasEffect(v.orelse);
    case 'call':
      return v.user === true || !isPureCall(v.fn) || v.args.some(hasEffect);
    default:
      return assertNever(v, 'value expression');
  }
}

/**
 * How a statement takes part in generated code:
 * - `assign`: `target = rhs` (augmented assignments arrive as `t = t op e`);
 * - `skip`: no effect to reproduce (a loop header's or a `return`'s reads, an allocation whose array the
 *   plan passes in, a bare expression);
 * - `condition`: an `if` test, emitted with its `if`;
 * - `refuse`: something code generation cannot reproduce (reason).
 */
export type StmtRole =
  | { readonly kind: 'assign'; readonly target: AccessId; readonly rhs: ValueExpr }
  | { readonly kind: 'skip' }
  | { readonly kind: 'condition' }
  | { readonly kind: 'refuse'; readonly reason: string };

export function stmtRole(info: ScopeInfo, s: Statement): StmtRole {
  if (info.conditions.has(s.id)) return { kind: 'condition' };
  if (s.rhs === null) return { kind: 'refuse', reason: `line ${s.line}: this statement is not one Loupe can regenerate` };
  if (s.target !== null) return { kind: 'assign', target: s.target, rhs: s.rhs };
  if (hasEffect(s.rhs)) return { kind: 'refuse', reason: `line ${s.line}: a call Loupe cannot translate` };
  return { kind: 'skip' };
}

export function buildScopeInfo(
  program: Program,
  scope: Scope,
  verdicts: readonly LoopVerdict[],
  bindings: Bindings,
  env: ReadonlyMap<string, bigint>,
): ScopeInfo {
  const statements = statementsUnder(program, scope.body);
  const loops = loopsUnder(scope.body);
  const notes: string[] = [];
  const arrays = new Map<string, ArrayDesc>();
  for (const a of program.arrays) {
    if (a.scope !== scope.name) continue;
    const b = bindings.arrays.get(a.name);
    arrays.set(a.name, {
      name: a.name,
      dtype: b?.dtype ?? 'float64',
      shape: b?.shape ?? null,
      rank: a.rank,
      isLocalAllocation: a.isLocalAllocation,
    });
    if (a.isLocalAllocation)
      notes.push(`\`${a.name}\` is allocated inside \`${scope.name}\`; the generated code takes it as an input array instead.`);
  }
  const affineNames = new Set<string>();
  const noteAffine = (terms: readonly { name: string }[]): void => terms.forEach((t) => affineNames.add(t.name));
  for (const l of loops) {
    if (l.start.kind === 'affine') noteAffine(l.start.expr.terms);
    if (l.stop.kind === 'affine') noteAffine(l.stop.expr.terms);
  }
  for (const s of statements)
    for (const id of s.accesses) for (const sub of program.accesses[id]!.subscripts) if (sub.kind === 'affine') noteAffine(sub.expr.terms);

  const symbolType = (name: string): VType => {
    if (bindings.floats.has(name)) return T_PYFLOAT;
    if (bindings.ints.has(name) || env.has(name) || affineNames.has(name) || name.includes('.shape[')) return T_PYINT;
    return T_PYFLOAT;
  };

  const indexType = chooseIndexType(bindings);
  const locals = inferLocalTypes(program, statements, arrays, symbolType, indexType);
  const whileRanges = program.diagnostics.filter((d) => d.code === 'unsupported-while').map((d) => d.range);
  return {
    program,
    scope,
    verdicts,
    bindings,
    env,
    indexType,
    statements,
    loops,
    conditions: conditionStatements(scope.body),
    arrays,
    locals,
    whileRanges,
    notes,
    symbolType,
  };
}

/** `int` indices when every bound integer and every array's element count fits comfortably in 32 bits. */
function chooseIndexType(b: Bindings): 'int' | 'long long' {
  const LIMIT = 2n ** 31n - 1n;
  for (const v of b.ints.values()) if (v > LIMIT || v < -LIMIT) return 'long long';
  for (const a of b.arrays.values()) if (a.shape.reduce((p, d) => p * d, 1n) > LIMIT) return 'long long';
  return 'int';
}

/**
 * A scalar's type is the promotion of every value assigned to it (Python re-binds freely; NumPy code
 * keeps one type in practice). Iterated to a fixpoint because `t = s * 2` depends on `s`'s type.
 */
function inferLocalTypes(
  program: Program,
  statements: readonly Statement[],
  arrays: ReadonlyMap<string, ArrayDesc>,
  symbolType: (name: string) => VType,
  indexType: string,
): Map<string, VType> {
  const types = new Map<string, VType>();
  const names = new Set<string>();
  for (const s of statements)
    for (const id of s.accesses) if (program.accesses[id]!.target === 'scalar') names.add(program.accesses[id]!.variable);
  const env: CExprEnv = {
    indexType,
    access: (id) => {
      const a = program.accesses[id]!;
      if (a.target === 'array') return { text: 'x', type: dtypeType(arrays.get(a.variable)?.dtype ?? 'float64') };
      return { text: 'x', type: types.get(a.variable) ?? (names.has(a.variable) ? T_PYINT : symbolType(a.variable)) };
    },
    symbol: (name) => ({ text: 'x', type: symbolType(name) }),
    loopvar: () => 'x',
    helper: () => undefined,
  };
  for (let round = 0; round < 8; round++) {
    let changed = false;
    for (const s of statements) {
      if (s.target === null || s.rhs === null) continue;
      const t = program.accesses[s.target]!;
      if (t.target !== 'scalar') continue;
      let vt: VType;
      try {
        vt = emitC(s.rhs, env).type;
      } catch (e) {
        if (e instanceof Unsupported) continue;
        throw e;
      }
      if (vt.kind === 'bool') vt = T_PYINT;
      const prev = types.get(t.variable);
      const next = prev === undefined ? vt : promote(prev, vt);
      if (prev === undefined || prev.kind !== next.kind || prev.weak !== next.weak) {
        types.set(t.variable, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  for (const n of names) if (!types.has(n)) types.set(n, T_PYFLOAT);
  return types;
}

export const scalarDtype = (t: VType): Dtype => typeDtype(t);
