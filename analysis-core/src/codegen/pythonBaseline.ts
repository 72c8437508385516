/**
 * The Python baselines, regenerated from the IR (never from the user's text, so the server only runs
 * code Loupe wrote): the same loops and the same arithmetic in a `kernel(...)` taking the plan's arrays
 * and scalars by name, returning `{name: value}` for the scalars the plan keeps as one-element arrays.
 * Three flavours: plain CPython, `@numba.njit`, and `@numba.njit(parallel=True)` with `numba.prange` on
 * the outermost loop of each kernel where Numba's parallel loops accept it.
 * A scope Loupe cannot regenerate exactly gets a body that raises, with the reason.
 */
import type { Loop, LoopId, Region } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import { pyName } from './names.js';
import { pyAssignment, pyExpr, pyFor } from './pyExpr.js';
import { stmtRole, type ScopeInfo } from './scopeInfo.js';
import { checkLoopHeader, type KernelSpec, type Piece } from './structure.js';
import { Unsupported, unsupported } from './unsupported.js';

export type Flavour = 'python' | 'numba' | 'numbaParallel';

export interface ScopeBaseline {
  readonly info: ScopeInfo;
  readonly pieces: readonly Piece[];
  /** Plan names of the scalars returned (the cells), by Python variable. */
  readonly results: ReadonlyMap<string, string>;
  /** Parameters, by plan name: arrays then scalars. */
  readonly params: readonly string[];
}

/** Loops that get `numba.prange`, and notes on the kernels whose outer loop could not. */
export function prangeLoops(info: ScopeInfo, pieces: readonly Piece[], notes: string[]): Set<LoopId> {
  const out = new Set<LoopId>();
  const visit = (ps: readonly Piece[]): void => {
    for (const p of ps) {
      if (p.kind === 'host-loop') visit(p.body);
      if (p.kind !== 'launch' || p.spec.kind !== 'grid') continue;
      const why = prangeObstacle(info, p.spec);
      if (why === null) out.add(p.spec.grid[0]!.id);
      else notes.push(`numba parallel: loop \`${p.spec.grid[0]!.var}\` (line ${p.spec.grid[0]!.line}) stays a plain range: ${why}.`);
    }
  };
  visit(pieces);
  return out;
}

function prangeObstacle(info: ScopeInfo, spec: KernelSpec): string | null {
  const root = spec.grid[0]!;
  if (root.step !== 1n) return 'prange needs step 1';
  for (const r of spec.reductions) {
    if (!info.locals.has(r.variable)) return `the reduction into array \`${r.variable}\` would race (prange reduces scalars only)`;
    if (r.op !== '+' && r.op !== '-' && r.op !== '*') return `prange does not recognise a \`${r.op}\` reduction`;
  }
  // Numba keeps prange-private variables undefined after the loop.
  if (spec.privatized.some((p) => p.liveOut)) return 'a privatized scalar is read after the loop';
  return null;
}

/**
 * One scope as a Python function. `returns`: 'dict' gives `{plan name: value}` for the scope's cells
 * (CPython); 'tuple' gives them positionally (Numba compiles tuples of mixed types, not such dicts), for a
 * plain-Python wrapper to name.
 */
export function scopeFunction(
  base: ScopeBaseline,
  name: string,
  flavour: Flavour,
  prange: ReadonlySet<LoopId>,
  returns: 'dict' | 'tuple',
): string {
  const lines: string[] = [];
  if (flavour === 'numba') lines.push('@numba.njit');
  if (flavour === 'numbaParallel') lines.push('@numba.njit(parallel=True)');
  lines.push(`def ${name}(${base.params.map(pyName).join(', ')}):`);
  try {
    const body = scopeBody(base.info, flavour === 'numbaParallel' ? prange : new Set());
    lines.push(...body.map((l) => `    ${l}`));
    const results = [...base.results];
    if (results.length > 0 && returns === 'dict')
      lines.push(`    return {${results.map(([v, plan]) => `${JSON.stringify(plan)}: ${pyName(v)}`).join(', ')}}`);
    else if (results.length > 0) lines.push(`    return (${results.map(([v]) => `${pyName(v)},`).join(' ')})`);
    else if (body.length === 0) lines.push('    pass');
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    // JSON string syntax is valid Python string syntax: the reason stays inert data.
    lines.length = 0;
    lines.push(`def ${name}(${base.params.map(pyName).join(', ')}):`);
    lines.push(`    raise NotImplementedError(${JSON.stringify(`Loupe cannot regenerate this code: ${e.message}`)})`);
  }
  return lines.join('\n');
}

/**
 * Why the scope's CPython baseline cannot be regenerated (null when it can). Without a baseline nothing can
 * check the scope's kernels, so code generation gives it none.
 */
export function baselineRefusal(info: ScopeInfo): string | null {
  try {
    scopeBody(info, new Set());
    return null;
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    return e.message;
  }
}

function scopeBody(info: ScopeInfo, prange: ReadonlySet<LoopId>): string[] {
  const { program } = info;
  const out: string[] = [];
  let ifDepth = 0;
  const emit = (regions: readonly Region[], depth: number, inLoop: boolean): number => {
    let emitted = 0;
    const pad = '    '.repeat(depth);
    for (const r of regions) {
      switch (r.kind) {
        case 'stmt': {
          const s = program.statements[r.id]!;
          const inWhile = info.whileRanges.some((w) => s.range.startOffset >= w.startOffset && s.range.endOffset <= w.endOffset);
          if (inWhile) unsupported(`line ${s.line} is inside a \`while\` loop`);
          const role = stmtRole(info, s);
          if (role.kind === 'refuse') unsupported(role.reason);
          if (role.kind !== 'assign') break;
          if (inLoop && s.guarded && ifDepth === 0) unsupported(`line ${s.line} runs only on some iterations (continue, while or try)`);
          out.push(`${pad}${pyAssignment(program, role.target, role.rhs)}`);
          emitted++;
          break;
        }
        case 'loop': {
          checkLoopHeader(r);
          const header = loopHeader(r, prange.has(r.id));
          out.push(`${pad}${header}`);
          const saved = ifDepth;
          ifDepth = 0;
          if (emit(r.body, depth + 1, true) === 0) out.push(`${pad}    pass`);
          ifDepth = saved;
          emitted++;
          break;
        }
        case 'if': {
          if (r.testStmt === undefined) unsupported(`the \`if\` at line ${r.range.start.line} has no lowered condition`);
          const test = program.statements[r.testStmt]!;
          if (test.rhs === null) unsupported(`the condition at line ${test.line} cannot be regenerated`);
          out.push(`${pad}if ${pyExpr(program, test.rhs)}:`);
          ifDepth++;
          if (emit(r.then, depth + 1, inLoop) === 0) out.push(`${pad}    pass`);
          if (r.orelse.length > 0) {
            out.push(`${pad}else:`);
            if (emit(r.orelse, depth + 1, inLoop) === 0) out.push(`${pad}    pass`);
          }
          ifDepth--;
          emitted++;
          break;
        }
        default:
          assertNever(r, 'region');
      }
    }
    return emitted;
  };
  emit(info.scope.body, 0, false);
  return out;
}

function loopHeader(l: Loop, prange: boolean): string {
  const plain = pyFor(l);
  return prange ? plain.replace(' in range(', ' in numba.prange(') : plain;
}
