/**
 * One kernel's CUDA source from its spec (structure.ts).
 *
 * Grid kernels: each thread reconstructs its grid loops' variables from the normalised thread index
 * (`v = start + step·t`, so negative steps and triangular starts work), checks them against the stops
 * (the grid covers the largest trip count, so some threads have nothing to do), and runs the body —
 * inner loops stay loops. Scalars the verdicts privatized are locals. Reductions across threads:
 * - a target that is the same for every thread of the launch (a scalar, or `x[k]` with `k` fixed) gets a
 *   per-thread partial, a tree reduction in shared memory, and one atomic per block;
 * - a target that changes inside the kernel (atax's `y[j]`) gets an atomic per update.
 * Threads never leave early: every thread must reach the block reduction's `__syncthreads()`.
 *
 * Serial kernels run their statements on one thread, in program order. Scalars that live across kernels
 * are one-element device arrays ("cells"), loaded into locals on entry and stored back on exit.
 */
import * as Aff from '../affine/affine.js';
import type { Dtype } from '../bindings.js';
import type { Access, AccessId, Region, Statement, ValueExpr } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import { emitC, intLiteral, type CExpr, type CExprEnv } from './cudaExpr.js';
import { atomicCall, atomicOpName, identityLiteral, type HelperName } from './helpers.js';
import { cName, extentCName } from './names.js';
import type { KernelInfo, KernelParam } from './plan.js';
import { pyAssignment, pyExpr, pyFor } from './pyExpr.js';
import { loopsUnder, statementsUnder } from './regions.js';
import { emitBlockReduction, type PartialReduction, type ReductionPlan } from './reductions.js';
import { stmtRole, type ScopeInfo } from './scopeInfo.js';
import { checkLoopHeader, type KernelSpec } from './structure.js';
import { cType, dtypeCType, dtypeType, isFloat, typeDtype, type VType } from './types.js';
import { unsupported } from './unsupported.js';
import { updateOperand } from './updates.js';
import { CodeWriter } from './writer.js';

/** A scalar kept in a one-element device array because several kernels (or the caller) see it. */
export interface Cell {
  /** Name of its plan array. */
  readonly plan: string;
  readonly cname: string;
  readonly dtype: Dtype;
}

export type ArgSource =
  | { readonly kind: 'array'; readonly name: string }
  | { readonly kind: 'cell'; readonly scalar: string; readonly plan: string }
  | { readonly kind: 'int'; readonly name: string }
  | { readonly kind: 'float'; readonly name: string }
  | { readonly kind: 'loopvar'; readonly name: string };

export interface EmittedKernel {
  readonly spec: KernelSpec;
  readonly lines: readonly string[];
  /** 0-based index into `lines` → 1-based Python line. */
  readonly lineMap: readonly (readonly [number, number])[];
  readonly params: readonly { readonly param: KernelParam; readonly source: ArgSource }[];
  /** Uses `__syncthreads()` (block reductions): blocks must run their threads in lockstep. */
  readonly blockSync: boolean;
  readonly reductions: KernelInfo['reductions'];
}

const AXES = ['x', 'y', 'z'] as const;

export function emitKernel(info: ScopeInfo, spec: KernelSpec, cells: ReadonlyMap<string, Cell>, helpers: Set<HelperName>): EmittedKernel {
  const { program } = info;
  const statements = statementsUnder(program, spec.body);
  const hostVars = new Set(spec.hostLoops.map((l) => l.var));
  const kernelLoopVars = new Set([...spec.grid.map((l) => l.var), ...loopsUnder(spec.body).map((l) => l.var)]);
  const idx = info.indexType;

  // Parameters are collected while emitting, then ordered.
  const usedArrays = new Set<string>();
  const writtenArrays = new Set<string>();
  const usedInts = new Set<string>();
  const usedFloats = new Set<string>();
  const usedHostVars = new Set<string>();
  const usedCells = new Set<string>();

  const scalarType = (name: string): VType => info.locals.get(name) ?? info.symbolType(name);
  const cellOf = (name: string): Cell | undefined => cells.get(name);

  // ── reductions of the grid loops ──
  const reductions: ReductionPlan[] = [];
  const partialAccess = new Map<AccessId, string>();
  for (const r of spec.reductions) {
    const isScalar = info.locals.has(r.variable);
    const stmts = statements.filter((s) => s.target !== null && program.accesses[s.target]!.variable === r.variable);
    const ids = new Set(stmts.map((s) => s.id));
    if (isScalar) {
      const cell = cellOf(r.variable);
      if (!cell) return unsupported(`internal: reduction variable \`${r.variable}\` has no device cell`);
      usedCells.add(r.variable);
      reductions.push({
        kind: 'partial',
        variable: r.variable,
        op: r.op,
        dtype: cell.dtype,
        partial: cName(r.variable),
        target: () => cell.cname,
        stmts: ids,
      });
      continue;
    }
    const desc = info.arrays.get(r.variable);
    if (!desc) return unsupported(`internal: reduction array \`${r.variable}\` unknown`);
    const targets = stmts.map((s) => program.accesses[s.target!]!);
    const first = targets[0];
    const invariant =
      first !== undefined &&
      targets.every(
        (t) =>
          t.subscripts.length === first.subscripts.length &&
          t.subscripts.every(
            (x, k) =>
              x.kind === 'affine' &&
              first.subscripts[k]!.kind === 'affine' &&
              Aff.equals(x.expr, (first.subscripts[k] as { expr: Aff.Affine }).expr),
          ),
      ) &&
      first.subscripts.every((x) => x.kind === 'affine' && x.expr.terms.every((t) => !kernelLoopVars.has(t.name)));
    if (invariant && first) {
      const partial = `loupe_red_${cName(r.variable)}`;
      for (const s of stmts) for (const id of s.accesses) if (program.accesses[id]!.variable === r.variable) partialAccess.set(id, partial);
      usedArrays.add(r.variable);
      writtenArrays.add(r.variable);
      reductions.push({
        kind: 'partial',
        variable: r.variable,
        op: r.op,
        dtype: desc.dtype,
        partial,
        target: () => `&${elementText(first)}`,
        stmts: ids,
      });
    } else {
      reductions.push({ kind: 'direct', variable: r.variable, op: r.op, dtype: desc.dtype, stmts: ids });
    }
  }
  const directStmt = new Map<number, ReductionPlan & { kind: 'direct' }>();
  for (const r of reductions) if (r.kind === 'direct') for (const id of r.stmts) directStmt.set(id, r);

  // ── expressions ──
  function flatIndex(a: Access): string {
    const desc = info.arrays.get(a.variable)!;
    if (desc.shape !== null && desc.shape.length !== a.subscripts.length) {
      unsupported(`\`${a.variable}\` is bound with ${desc.shape.length} dimension(s) but indexed with ${a.subscripts.length}`);
    }
    if (a.subscripts.length !== desc.rank)
      unsupported(`\`${a.variable}\` is indexed with ${a.subscripts.length} subscript(s) here and ${desc.rank} elsewhere`);
    const parts: string[] = [];
    a.subscripts.forEach((s, d) => {
      if (s.kind !== 'affine') unsupported(`the subscript \`${s.text}\` of \`${a.variable}\` is not affine (${s.reason})`);
      let e = s.expr;
      // Python reads a negative constant index from the end.
      if (Aff.isConstant(e) && e.constant < 0n) {
        const ext = desc.shape?.[d];
        if (ext === undefined) unsupported(`negative index into \`${a.variable}\` with an unbound extent`);
        e = Aff.constant(e.constant + ext);
      }
      const sub = affineC(e);
      const stride = strideText(a.variable, d);
      if (stride === '1') parts.push(sub.text);
      else if (sub.text === '0') return;
      else parts.push(`${sub.prec < 13 ? `(${sub.text})` : sub.text} * ${stride}`);
    });
    return parts.length === 0 ? '0' : parts.join(' + ');
  }

  function strideText(array: string, dim: number): string {
    const desc = info.arrays.get(array)!;
    const factors: string[] = [];
    let constant = 1n;
    for (let d = dim + 1; d < desc.rank; d++) {
      const ext = desc.shape?.[d];
      if (ext !== undefined) constant *= ext;
      else factors.push(symbolText(Aff.variable(`${array}.shape[${d}]`).terms[0]!.name));
    }
    if (factors.length === 0) return intLiteral(Number(constant));
    return constant === 1n ? factors.join(' * ') : `${intLiteral(Number(constant))} * ${factors.join(' * ')}`;
  }

  function elementText(a: Access): string {
    usedArrays.add(a.variable);
    if (a.mode === 'write') writtenArrays.add(a.variable);
    return `${cName(a.variable)}[${flatIndex(a)}]`;
  }

  function symbolText(name: string): string {
    const value = info.env.get(name);
    const ext = extentCName(name);
    if (ext !== null) {
      if (value !== undefined) return intLiteral(Number(value));
      usedInts.add(name);
      return ext;
    }
    const t = info.symbolType(name);
    if (isFloat(t)) usedFloats.add(name);
    else usedInts.add(name);
    return cName(name);
  }

  function nameText(name: string): string {
    if (hostVars.has(name)) usedHostVars.add(name);
    if (kernelLoopVars.has(name) || hostVars.has(name)) return cName(name);
    return symbolText(name);
  }

  function affineC(a: Aff.Affine): { text: string; prec: number } {
    const parts: string[] = [];
    let c = a.constant;
    const terms: { name: string; coeff: bigint }[] = [];
    for (const t of a.terms) {
      const v = extentCName(t.name) !== null ? info.env.get(t.name) : undefined;
      if (v !== undefined) c += t.coeff * v;
      else terms.push(t);
    }
    for (const t of terms) {
      const mag = t.coeff < 0n ? -t.coeff : t.coeff;
      const body = mag === 1n ? nameText(t.name) : `${mag} * ${nameText(t.name)}`;
      if (parts.length === 0) parts.push(t.coeff < 0n ? `-${body}` : body);
      else parts.push(t.coeff < 0n ? `- ${body}` : `+ ${body}`);
    }
    if (parts.length === 0) return { text: intLiteral(Number(c)), prec: c < 0n ? 15 : 16 };
    if (c !== 0n) parts.push(c < 0n ? `- ${-c}` : `+ ${c}`);
    const single = parts.length === 1;
    return { text: parts.join(' '), prec: single ? (terms[0]!.coeff === 1n ? 16 : terms[0]!.coeff === -1n ? 15 : 13) : 12 };
  }

  const env: CExprEnv = {
    indexType: idx,
    access: (id) => {
      const a = program.accesses[id]!;
      if (a.target === 'scalar') return { text: cName(a.variable), type: scalarType(a.variable) };
      const desc = info.arrays.get(a.variable);
      if (!desc) return unsupported(`\`${a.variable}\` is not a known array`);
      const partial = partialAccess.get(id);
      if (partial !== undefined) return { text: partial, type: dtypeType(desc.dtype) };
      return { text: elementText(a), type: dtypeType(desc.dtype) };
    },
    symbol: (name) => {
      if (info.locals.has(name))
        return unsupported(`\`${name}\` is assigned outside loops and read as a fixed value; Loupe cannot follow it`);
      return { text: symbolText(name), type: info.symbolType(name) };
    },
    loopvar: (name) => nameText(name),
    helper: (h) => helpers.add(h),
  };

  // ── scalars: which are locals, loaded cells, partials ──
  const scalarUse = new Map<string, { read: boolean; written: boolean }>();
  for (const s of statements) {
    for (const id of s.accesses) {
      const a = program.accesses[id]!;
      if (a.target !== 'scalar') continue;
      const u = scalarUse.get(a.variable) ?? { read: false, written: false };
      scalarUse.set(a.variable, { read: u.read || a.mode === 'read', written: u.written || a.mode === 'write' });
    }
  }
  const partialScalars = new Set(reductions.filter((r) => r.kind === 'partial' && info.locals.has(r.variable)).map((r) => r.variable));
  const privatized = new Map(spec.privatized.map((p) => [p.variable, p]));
  const localDecl = (name: string): string => dtypeCType(typeDtype(scalarType(name)));
  const deferred = deferredDeclarations(info, spec, statements, partialScalars);

  const w = new CodeWriter();
  const firstLine = spec.grid[0]?.line ?? lineOf(info, spec.body[0]);
  w.line(`// ${describe(spec)}`, firstLine);
  const signatureAt = w.lines.length;
  w.line('__SIGNATURE__', firstLine);
  w.line('{');
  w.indent();

  // Grid variables, outermost first (an inner start may use an outer variable).
  const n = spec.grid.length;
  spec.grid.forEach((l, c) => {
    checkLoopHeader(l);
    const axis = AXES[n - 1 - c]!;
    const counter =
      idx === 'int'
        ? `blockIdx.${axis} * blockDim.${axis} + threadIdx.${axis}`
        : `(long long)blockIdx.${axis} * blockDim.${axis} + threadIdx.${axis}`;
    const start = affineC((l.start as { expr: Aff.Affine }).expr);
    const step = l.step!;
    let value: string;
    if (start.text === '0' && step === 1n) value = counter;
    else {
      const t = `(${idx})(${counter})`;
      const mag = step < 0n ? -step : step;
      const scaled = mag === 1n ? t : `${mag} * ${t}`;
      value = start.text === '0' ? (step < 0n ? `-${scaled}` : scaled) : `${start.text} ${step < 0n ? '-' : '+'} ${scaled}`;
    }
    w.line(`const ${idx} ${cName(l.var)} = ${value}; // line ${l.line}: ${pyFor(l)} (grid ${axis})`, l.line);
  });

  for (const [name, u] of scalarUse) {
    if (partialScalars.has(name)) continue;
    if (spec.kind === 'grid' && u.written && !privatized.has(name)) {
      return unsupported(`internal: \`${name}\` is written by several threads but neither privatized nor a reduction`);
    }
    if (deferred.has(name)) continue;
    const cell = cellOf(name);
    if (spec.kind === 'grid' && !u.written) {
      if (!cell) return unsupported(`\`${name}\` is read in the kernel but never assigned in a kernel`);
      usedCells.add(name);
      w.line(`const ${localDecl(name)} ${cName(name)} = ${cell.cname}[0];`);
    } else if (spec.kind === 'grid') {
      w.line(`${localDecl(name)} ${cName(name)};`);
    } else if (cell) {
      usedCells.add(name);
      w.line(`${localDecl(name)} ${cName(name)} = ${cell.cname}[0];`);
    } else {
      w.line(`${localDecl(name)} ${cName(name)};`);
    }
  }
  for (const r of reductions) {
    if (r.kind !== 'partial') continue;
    w.line(
      `${dtypeCType(r.dtype)} ${r.partial} = ${identityLiteral(atomicOpName(r.op), r.dtype)}; // this thread's part of the ${r.op} reduction into ${r.variable}`,
    );
  }

  const conditions: string[] = spec.grid.map(
    (l) => `${cName(l.var)} ${l.step! > 0n ? '<' : '>'} ${affineC((l.stop as { expr: Aff.Affine }).expr).text}`,
  );
  if (conditions.length > 0) {
    w.line(`if (${conditions.join(' && ')}) {`);
    w.indent();
  }

  // ── body ──
  let ifDepth = 0;
  const emitRegions = (regions: readonly Region[], topLevel: boolean): void => {
    for (const r of regions) {
      switch (r.kind) {
        case 'stmt':
          emitStatement(program.statements[r.id]!, topLevel);
          break;
        case 'loop': {
          checkLoopHeader(r);
          const v = cName(r.var);
          const start = affineC((r.start as { expr: Aff.Affine }).expr).text;
          const stop = affineC((r.stop as { expr: Aff.Affine }).expr).text;
          const step = r.step!;
          const cmp = step > 0n ? '<' : '>';
          const inc = step === 1n ? `${v}++` : step === -1n ? `${v}--` : step > 0n ? `${v} += ${step}` : `${v} -= ${-step}`;
          w.comment(r.line, pyFor(r));
          w.line(`for (${idx} ${v} = ${start}; ${v} ${cmp} ${stop}; ${inc}) {`, r.line);
          w.indent();
          emitRegions(r.body, false);
          w.dedent();
          w.line('}');
          break;
        }
        case 'if': {
          if (r.testStmt === undefined) unsupported(`the \`if\` at line ${r.range.start.line} has no lowered condition`);
          const test = program.statements[r.testStmt]!;
          if (test.rhs === null) unsupported(`the condition at line ${test.line} cannot be translated`);
          const line = r.range.start.line;
          w.comment(line, `if ${pyExpr(program, test.rhs)}:`);
          w.line(`if (${emitC(test.rhs, env).text}) {`, line);
          ifDepth++;
          w.indent();
          emitRegions(r.then, false);
          w.dedent();
          if (r.orelse.length > 0) {
            w.line('} else {');
            w.indent();
            emitRegions(r.orelse, false);
            w.dedent();
          }
          w.line('}');
          ifDepth--;
          break;
        }
        default:
          assertNever(r, 'region');
      }
    }
  };

  const inLoop = spec.kind === 'grid' || spec.hostLoops.length > 0;
  const emitStatement = (s: Statement, topLevel: boolean): void => {
    const role = stmtRole(info, s);
    switch (role.kind) {
      case 'condition':
      case 'skip':
        return;
      case 'refuse':
        return unsupported(role.reason);
      case 'assign':
        break;
      default:
        return assertNever(role, 'statement role');
    }
    // The lowering marks statements after `continue` (or inside flattened `while`/`try` bodies) as guarded
    // without an `if` region around them: their control flow is not in the IR, so it cannot be reproduced.
    if ((inLoop || s.loops.length > 0) && s.guarded && ifDepth === 0)
      unsupported(`line ${s.line} runs only on some iterations (continue, while or try), which code generation does not reproduce`);
    const target = program.accesses[role.target]!;
    w.comment(s.line, pyAssignment(program, role.target, role.rhs));
    const direct = directStmt.get(s.id);
    if (direct) {
      const operand = updateOperand(role.rhs, isTargetRead(target), direct.op);
      const value = castTo(emitC(operand, env), direct.dtype);
      w.line(`${atomicCall(atomicOpName(direct.op), direct.dtype, `&${elementText(target)}`, value, (h) => helpers.add(h))};`, s.line);
      return;
    }
    // C's conversion on assignment is the cast NumPy applies when storing into the element: no cast needed.
    const lhs = env.access(role.target).text;
    const rhs = emitC(role.rhs, env).text;
    if (topLevel && deferred.get(target.variable) === s.id) {
      w.line(`${localDecl(target.variable)} ${lhs} = ${rhs};`, s.line);
      return;
    }
    w.line(`${compound(lhs, rhs, role.rhs, target)};`, s.line);
  };

  /** `x = x op e` → `x op= e` when the text allows it unchanged (the left operand printed exactly as the target). */
  const compound = (lhs: string, rhsText: string, rhs: ValueExpr, target: Access): string => {
    if (rhs.kind === 'binary' && ['+', '-', '*', '/'].includes(rhs.op) && rhs.left.kind === 'ref' && isTargetRead(target)(rhs.left)) {
      const prefix = `${lhs} ${rhs.op} `;
      if (rhsText.startsWith(prefix)) return `${lhs} ${rhs.op}= ${rhsText.slice(prefix.length)}`;
    }
    return `${lhs} = ${rhsText}`;
  };

  const isTargetRead =
    (target: Access) =>
    (v: ValueExpr): boolean => {
      if (v.kind !== 'ref') return false;
      const a = program.accesses[v.access]!;
      if (a.mode !== 'read' || a.variable !== target.variable || a.target !== target.target) return false;
      return (
        a.subscripts.length === target.subscripts.length &&
        a.subscripts.every((x, k) => {
          const y = target.subscripts[k]!;
          return x.kind === 'affine' && y.kind === 'affine' && Aff.equals(x.expr, y.expr);
        })
      );
    };

  emitRegions(spec.body, true);

  // Privatized scalars read after the loop: the thread running the last iteration publishes its value.
  for (const p of spec.privatized) {
    if (!p.liveOut) continue;
    const cell = cellOf(p.variable);
    if (!cell) continue;
    usedCells.add(p.variable);
    const last = spec.grid.map((l) =>
      `${cName(l.var)} + ${l.step!} ${l.step! > 0n ? '>=' : '<='} ${affineC((l.stop as { expr: Aff.Affine }).expr).text}`.replace(
        '+ -',
        '- ',
      ),
    );
    w.line(
      `if (${last.join(' && ')}) ${cell.cname}[0] = ${cName(p.variable)}; // the last iteration's value of ${p.variable}, read after the loop`,
    );
  }
  if (conditions.length > 0) {
    w.dedent();
    w.line('}');
  }
  if (spec.kind === 'serial') {
    for (const [name, u] of scalarUse) {
      const cell = cellOf(name);
      if (u.written && cell) {
        usedCells.add(name);
        w.line(`${cell.cname}[0] = ${cName(name)};`);
      }
    }
  }

  const partials = reductions.filter((r): r is PartialReduction => r.kind === 'partial');
  emitBlockReduction(w, partials, helpers);
  w.dedent();
  w.line('}');

  // ── parameters, in a stable order: arrays, cells, ints, floats, host-loop variables ──
  const params: { param: KernelParam; source: ArgSource; decl: string }[] = [];
  const order = (names: Iterable<string>): string[] => {
    const list = [...names];
    const pos = (x: string): number => {
      const base = x.replace(/\.shape\[\d+\]$/, '');
      const i = info.scope.params.indexOf(base);
      return i < 0 ? info.scope.params.length : i;
    };
    return list.sort((a, b) => pos(a) - pos(b) || (a < b ? -1 : a > b ? 1 : 0));
  };
  for (const a of order(usedArrays)) {
    const dtype = info.arrays.get(a)!.dtype;
    const constness = writtenArrays.has(a) ? '' : 'const ';
    params.push({
      param: { name: a, kind: 'array', dtype },
      source: { kind: 'array', name: a },
      decl: `${constness}${dtypeCType(dtype)}* __restrict__ ${cName(a)}`,
    });
  }
  for (const s of order(usedCells)) {
    const cell = cellOf(s)!;
    params.push({
      param: { name: cell.plan, kind: 'array', dtype: cell.dtype },
      source: { kind: 'cell', scalar: s, plan: cell.plan },
      decl: `${dtypeCType(cell.dtype)}* __restrict__ ${cell.cname}`,
    });
  }
  const intDtype: Dtype = idx === 'int' ? 'int32' : 'int64';
  for (const s of order(usedInts)) {
    params.push({
      param: { name: s, kind: 'int', dtype: intDtype },
      source: { kind: 'int', name: s },
      decl: `${idx} ${extentCName(s) ?? cName(s)}`,
    });
  }
  for (const s of order(usedFloats)) {
    params.push({ param: { name: s, kind: 'float', dtype: 'float64' }, source: { kind: 'float', name: s }, decl: `double ${cName(s)}` });
  }
  for (const l of spec.hostLoops) {
    if (!usedHostVars.has(l.var)) continue;
    params.push({
      param: { name: l.var, kind: 'int', dtype: intDtype },
      source: { kind: 'loopvar', name: l.var },
      decl: `${idx} ${cName(l.var)}`,
    });
  }
  const lines = [...w.lines];
  lines[signatureAt] = `extern "C" __global__ void ${spec.name}(${params.map((p) => p.decl).join(', ')})`;

  return {
    spec,
    lines,
    lineMap: w.lineMap,
    params: params.map(({ param, source }) => ({ param, source })),
    blockSync: partials.length > 0,
    reductions: reductions.map((r) => ({ variable: r.variable, op: r.op, dtype: r.dtype })),
  };

  /** An atomic's operand in the element's type (the CAS helpers take exactly that type). */
  function castTo(e: CExpr, dtype: Dtype): string {
    const want = dtypeCType(dtype);
    return cType(e.type, idx) === want ? e.text : `(${want})(${e.text})`;
  }
}

/**
 * Locals declared where first assigned (`double d1 = …;`) rather than up front: those whose first access in
 * the kernel is a plain write by a statement directly in the kernel's body (not inside an inner loop or if).
 */
function deferredDeclarations(
  info: ScopeInfo,
  spec: KernelSpec,
  statements: readonly Statement[],
  partials: ReadonlySet<string>,
): Map<string, number> {
  const { program } = info;
  const top = new Set(spec.body.filter((r) => r.kind === 'stmt').map((r) => (r as { id: number }).id));
  const seen = new Set<string>();
  const out = new Map<string, number>();
  for (const s of statements) {
    for (const id of s.accesses) {
      const a = program.accesses[id]!;
      if (a.target !== 'scalar' || seen.has(a.variable)) continue;
      const reads = s.accesses.some((x) => program.accesses[x]!.variable === a.variable && program.accesses[x]!.mode === 'read');
      seen.add(a.variable);
      if (partials.has(a.variable)) continue;
      if (top.has(s.id) && s.target !== null && program.accesses[s.target]!.variable === a.variable && !reads && !s.guarded)
        out.set(a.variable, s.id);
    }
  }
  return out;
}

function lineOf(info: ScopeInfo, r: Region | undefined): number {
  if (r === undefined) return 1;
  return r.kind === 'stmt' ? info.program.statements[r.id]!.line : r.range.start.line;
}

function describe(spec: KernelSpec): string {
  if (spec.kind === 'serial') {
    const loops = loopsUnder(spec.body);
    const what = loops.length > 0 ? `the sequential loop nest at line ${loops[0]!.line}` : 'statements outside the parallel loops';
    return `${spec.name}: one thread runs ${what} (no parallelism here; it keeps the data on the device).`;
  }
  const n = spec.grid.length;
  const dims = spec.grid.map((l, c) => `${l.var} (line ${l.line}) → ${AXES[n - 1 - c]}`).join(', ');
  const inner = loopsUnder(spec.body);
  const seq = inner.length > 0 ? `; ${inner.map((l) => `${l.var} (line ${l.line})`).join(', ')} run sequentially in each thread` : '';
  const red =
    spec.reductions.length > 0
      ? `; reduction${spec.reductions.length > 1 ? 's' : ''} on ${spec.reductions.map((r) => `${r.variable} (${r.op})`).join(', ')}`
      : '';
  const priv = spec.privatized.length > 0 ? `; private per thread: ${spec.privatized.map((p) => p.variable).join(', ')}` : '';
  return `${spec.name}: grid loops ${dims}${seq}${red}${priv}.`;
}
