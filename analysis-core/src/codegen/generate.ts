/**
 * Code generation entry point: analysis + bindings → CUDA translation unit, kernel metadata, host plan,
 * Python baselines and notes. Uses the runtime stage's verdicts when bindings were given (the values can
 * prove more), the static stage's otherwise.
 *
 * Order of work, per scope that has loops: plan the structure (which nests become kernels, host loops,
 * serial kernels, host-only steps — each candidate kernel validated by emitting it), decide which scalars
 * must live in device cells (used by several kernels, reduction results, values read after their loop),
 * emit every kernel for real, then derive the plan and the baselines. Pure and synchronous.
 */
import type { Analysis } from '../analyze.js';
import { symbolValues, type Bindings } from '../bindings.js';
import type { Program, Region, Scope } from '../ir/ir.js';
import type { LoopVerdict } from '../verdict/verdict.js';
import { LOUPE_VERSION } from '../version.js';
import { emitKernel, type Cell, type EmittedKernel } from './cudaKernel.js';
import { helpersSource, type HelperName } from './helpers.js';
import { cellArrays, Missing, planArrays, planScalars, planSteps } from './hostPlan.js';
import { cName } from './names.js';
import type { CodegenResult, HostPlan, KernelInfo, PlanArray, PlanStep } from './plan.js';
import { baselineRefusal, prangeLoops, scopeFunction, type Flavour, type ScopeBaseline } from './pythonBaseline.js';
import { statementsUnder } from './regions.js';
import { buildScopeInfo, scalarDtype, type ScopeInfo } from './scopeInfo.js';
import { planScope, scopeIdentifier, specsOf, type KernelSpec, type Piece } from './structure.js';
import { Unsupported } from './unsupported.js';

export function generate(analysis: Analysis, bindings: Bindings): CodegenResult {
  const stage = analysis.runtime ?? analysis.static;
  return generateWithVerdicts(analysis.program, stage.verdicts, bindings, stage.stage);
}

interface ScopeResult {
  readonly info: ScopeInfo;
  readonly pieces: readonly Piece[];
  readonly kernels: readonly EmittedKernel[];
  readonly cells: ReadonlyMap<string, Cell>;
}

/**
 * The same with explicit verdicts. Exported for tests that force a verdict (e.g. declare a sequential loop
 * parallel to show that the shuffled emulation catches it); everything else should call `generate`.
 */
export function generateWithVerdicts(
  program: Program,
  verdicts: readonly LoopVerdict[],
  bindings: Bindings,
  stage: 'static' | 'runtime',
): CodegenResult {
  const env = symbolValues(bindings);
  const notes: string[] = [];
  const helpers = new Set<HelperName>();
  const scopes: ScopeResult[] = [];
  const usedPlanNames = new Set<string>();

  for (const scope of scopesWithLoops(program)) {
    // Code that does not parse (or `exec`s) decides nothing, so nothing is generated from it.
    const hazard = program.loops
      .find((l) => l.scope === scope.name)
      ?.obstacles.find((o) => o.kind === 'syntax-error' || o.kind === 'dynamic-code');
    if (hazard) {
      notes.push(`${scope.name}: no kernel — ${hazard.message}.`);
      continue;
    }
    const info = buildScopeInfo(program, scope, verdicts, bindings, env);
    notes.push(...info.notes);
    const refusal = baselineRefusal(info);
    if (refusal !== null) {
      notes.push(`${scope.name}: no kernel — its CPython baseline cannot be regenerated to check one against (${refusal}).`);
      continue;
    }
    // Validation emits each candidate with no cells and throws away the text: only refusals matter here.
    const pieces = planScope(info, { validate: (spec) => void emitKernel(info, spec, allCells(info), new Set()) });
    let cells = decideCells(info, pieces, usedPlanNames);
    let kernels: EmittedKernel[];
    try {
      kernels = specsOf(pieces).map((spec) => emitKernel(info, spec, cells, helpers));
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      // Validation succeeded with every scalar in a cell, so that always works; fewer cells is only tidier.
      cells = allCells(info);
      kernels = specsOf(pieces).map((spec) => emitKernel(info, spec, cells, helpers));
    }
    scopes.push({ info, pieces, kernels, cells });
    for (const p of pieces)
      if (p.kind === 'host-only') notes.push(`${p.loop ? `line ${p.loop.line}` : info.scope.name}: no kernel — ${p.reason}.`);
  }

  const cuda = assembleCuda(scopes, helpers, stage);
  const plan = buildPlan(scopes);
  if (plan.missing.length > 0) notes.push(`Bind ${plan.missing.join(', ')} to get a runnable launch plan.`);
  const pyNotes: string[] = [];
  const baselines = {
    python: pythonModule(scopes, 'python', pyNotes),
    numba: pythonModule(scopes, 'numba', []),
    numbaParallel: pythonModule(scopes, 'numbaParallel', pyNotes),
  };
  notes.push(...pyNotes);
  return { cuda: cuda.text, kernels: cuda.kernels, plan, ...baselines, notes };
}

function scopesWithLoops(program: Program): Scope[] {
  return program.scopes.filter((s) => program.loops.some((l) => l.scope === s.name));
}

/** During validation every assigned scalar may be a cell: emission then never refuses for lack of one. */
function allCells(info: ScopeInfo): Map<string, Cell> {
  return new Map([...info.locals].map(([name, t]) => [name, { plan: name, cname: `${cName(name)}_cell`, dtype: scalarDtype(t) }]));
}

/**
 * Scalars that outlive one kernel: touched by two or more kernels, reduced across threads, or privatized
 * but read after their loop. Everything else stays a local of the one kernel that uses it.
 */
function decideCells(info: ScopeInfo, pieces: readonly Piece[], usedPlanNames: Set<string>): Map<string, Cell> {
  const { program } = info;
  const touchedBy = new Map<string, number>();
  const forced = new Set<string>();
  const groups = [...specsOf(pieces).map((s) => s.body), ...hostOnlyRegions(pieces)];
  for (const spec of specsOf(pieces)) {
    for (const r of spec.reductions) if (info.locals.has(r.variable)) forced.add(r.variable);
    for (const p of spec.privatized) if (p.liveOut) forced.add(p.variable);
  }
  for (const body of groups) {
    const names = new Set<string>();
    for (const s of statementsUnder(program, body))
      for (const id of s.accesses) if (program.accesses[id]!.target === 'scalar') names.add(program.accesses[id]!.variable);
    for (const n of names) touchedBy.set(n, (touchedBy.get(n) ?? 0) + 1);
  }
  const cells = new Map<string, Cell>();
  const taken = new Set([...info.arrays.keys(), ...info.locals.keys()].map(cName));
  for (const [name, t] of info.locals) {
    if ((touchedBy.get(name) ?? 0) < 2 && !forced.has(name)) continue;
    let plan = name;
    if (usedPlanNames.has(plan) || info.arrays.has(plan)) plan = `${scopeIdentifier(info.scope.name)}_${name}`;
    usedPlanNames.add(plan);
    let cname = `${cName(name)}_cell`;
    while (taken.has(cname)) cname += '_';
    taken.add(cname);
    cells.set(name, { plan, cname, dtype: scalarDtype(t) });
  }
  return cells;
}

/** Regions of host-only steps that have no device fallback (their scalars are shared with the kernels around them). */
function hostOnlyRegions(pieces: readonly Piece[]): (readonly Region[])[] {
  const out: (readonly Region[])[] = [];
  const visit = (ps: readonly Piece[]): void => {
    for (const p of ps) {
      if (p.kind === 'host-loop') visit(p.body);
      else if (p.kind === 'host-only' && p.serial === null) out.push(p.regions);
    }
  };
  visit(pieces);
  return out;
}

function assembleCuda(
  scopes: readonly ScopeResult[],
  helpers: ReadonlySet<HelperName>,
  stage: 'static' | 'runtime',
): { text: string; kernels: KernelInfo[] } {
  const lines: string[] = [];
  const kernels: KernelInfo[] = [];
  lines.push(
    `// Generated by Loupe ${LOUPE_VERSION} from the loop IR (${stage === 'runtime' ? 'verdicts under the bound values' : 'static verdicts: no values bound'}).`,
  );
  lines.push('// Each kernel implements one loop nest; `// line N:` comments give the Python line each statement comes from.');
  lines.push('// Arrays are flat row-major buffers (strides from the bound shapes); launch geometry is in the host plan.');
  lines.push('// Compile: nvcc -ptx -arch=sm_90 (or NVRTC); no headers needed. Double-precision atomicAdd needs sm_60+.');
  const helperText = helpersSource(helpers);
  const usesInfinity =
    helperText.includes('LOUPE_INF') || scopes.some((s) => s.kernels.some((k) => k.lines.some((l) => l.includes('LOUPE_INF'))));
  // NVRTC compiles without system headers, so INFINITY from <math.h> is unavailable: build it from bits.
  if (usesInfinity)
    lines.push('', '#define LOUPE_INF __longlong_as_double(0x7ff0000000000000LL)', '#define LOUPE_INF_F __int_as_float(0x7f800000)');
  if (helperText !== '') lines.push('', helperText);
  for (const s of scopes) {
    for (const k of s.kernels) {
      lines.push('');
      const base = lines.length; // 0-based index of the kernel's first line
      lines.push(...k.lines);
      kernels.push({
        name: k.spec.name,
        nest: k.spec.nest,
        gridLoops: [...k.spec.grid].reverse().map((l) => l.id),
        innerLoops: innerLoopIds(k.spec),
        params: k.params.map((p) => p.param),
        reductions: k.reductions,
        lineMap: k.lineMap.map(([i, py]) => [base + i + 1, py] as const),
        serial: k.spec.kind === 'serial',
        blockSync: k.blockSync,
      });
    }
  }
  return { text: lines.join('\n') + '\n', kernels };
}

function innerLoopIds(spec: KernelSpec): number[] {
  const ids: number[] = [];
  const visit = (rs: KernelSpec['body']): void => {
    for (const r of rs) {
      if (r.kind === 'loop') {
        ids.push(r.id);
        visit(r.body);
      } else if (r.kind === 'if') {
        visit(r.then);
        visit(r.orelse);
      }
    }
  };
  visit(spec.body);
  return ids;
}

function buildPlan(scopes: readonly ScopeResult[]): HostPlan {
  const missing = new Missing();
  const arrays = new Map<string, PlanArray>();
  const scalars = new Map<string, HostPlan['scalars'][number]>();
  const steps: PlanStep[] = [];
  for (const s of scopes) {
    for (const a of [...planArrays(s.info, missing), ...cellArrays(s.cells)]) {
      const prev = arrays.get(a.name);
      // The same name in two scopes is the same binding: merge roles.
      arrays.set(a.name, prev && prev.role !== a.role ? { ...a, role: 'inout' } : a);
    }
    for (const v of planScalars(s.info, missing)) scalars.set(v.name, v);
    const byName = new Map(s.kernels.map((k) => [k.spec.name, k]));
    steps.push(...planSteps(s.info, s.pieces, byName, missing));
  }
  // `A.shape[0]` is implied when `A` itself is missing.
  const names = [...missing.names].filter((n) => !missing.names.has(n.replace(/\.shape\[\d+\]$/, '')) || !n.includes('.shape[')).sort();
  return { arrays: [...arrays.values()], scalars: [...scalars.values()], steps: names.length > 0 ? [] : steps, missing: names };
}

function pythonModule(scopes: readonly ScopeResult[], flavour: Flavour, notes: string[]): string {
  const header = [
    '# Generated by Loupe from the loop IR: the same loops and arithmetic as the analysed code.',
    'import math',
    '',
    'import numpy as np',
  ];
  if (flavour !== 'python') header.push('import numba');
  const parts: string[] = [header.join('\n')];
  const bases = scopes.map((s) => {
    const missing = new Missing();
    const names = [...planArrays(s.info, missing).map((a) => a.name), ...planScalars(s.info, missing).map((v) => v.name)];
    const pos = (n: string): number => {
      const i = s.info.scope.params.indexOf(n);
      return i < 0 ? Infinity : i;
    };
    const params = names
      .map((n, k) => ({ n, k }))
      .sort((a, b) => pos(a.n) - pos(b.n) || a.k - b.k)
      .map((x) => x.n);
    const base: ScopeBaseline = { info: s.info, pieces: s.pieces, results: new Map([...s.cells].map(([v, c]) => [v, c.plan])), params };
    const prange = flavour === 'numbaParallel' ? prangeLoops(s.info, s.pieces, notes) : new Set<number>();
    return { base, prange, fn: `loupe_${scopeIdentifier(s.info.scope.name)}` };
  });
  // One scope whose result is its arrays (or plain CPython): `kernel` is the function itself.
  const only = bases.length === 1 ? bases[0]! : null;
  if (only !== null && (only.base.results.size === 0 || flavour === 'python')) {
    parts.push(scopeFunction(only.base, 'kernel', flavour, only.prange, 'dict'));
    return parts.join('\n\n\n') + '\n';
  }
  for (const b of bases) parts.push(scopeFunction(b.base, b.fn, flavour, b.prange, 'tuple'));
  const all = [...new Set(bases.flatMap((b) => b.base.params))];
  const body = ['    results = {}'];
  for (const b of bases) {
    const call = `${b.fn}(${b.base.params.map((p) => `${p}=${p}`).join(', ')})`;
    const results = [...b.base.results];
    if (results.length === 0) {
      body.push(`    ${call}`);
      continue;
    }
    body.push(`    values = ${call}`);
    results.forEach(([, plan], k) => body.push(`    results[${JSON.stringify(plan)}] = values[${k}]`));
  }
  body.push('    return results');
  parts.push([`def kernel(${all.join(', ')}):`, ...body].join('\n'));
  return parts.join('\n\n\n') + '\n';
}
