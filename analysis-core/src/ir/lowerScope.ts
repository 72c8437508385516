/**
 * The per-scope walker of lowering (see `lower.ts` for the conventions): its state — the stack of
 * enclosing loops, the guard depth, the forward-substitutable temporaries, the obstacles found so far, the
 * statement being built — and what a name means at a point of the scope (`classify`, `resolveName`,
 * aliases). The walk itself lives beside it, one concept per module (statements, assignments, accesses,
 * post pass): free functions taking the lowerer as first argument. `ScopeLowerer`'s non-private members are
 * internal to those `ir/lower*.ts` modules; the guard depth and the current statement are written only by
 * the methods here.
 */
import { variable, type Affine } from '../affine/affine.js';
import { sliceSource, type SourceRange } from '../parse/source.js';
import type { CallExpr, Expr, NameExpr, SubscriptExpr } from '../parse/syntax.js';
import { assert, assertNever } from '../util/assert.js';
import type { AffineEnv, NameResolution } from './affineOf.js';
import { viewRoot, type Callee, type ImportTable } from './calls.js';
import {
  extentSymbol,
  type AccessId,
  type Loop,
  type LoopId,
  type Obstacle,
  type Scope,
  type StmtId,
  type SymbolInfo,
  type UpdateShape,
  type ValueExpr,
} from './ir.js';
import type { ProgramBuilder } from './lower.js';
import { extentValue, nameValue, reportUnknownCall, reportUnsupported, subscriptValue } from './lowerAccesses.js';
import { finalize, postPass } from './lowerPostPass.js';
import { block } from './lowerStatements.js';
import type { Binding, ScopeFacts, ScopeInput } from './scopes.js';
import { branches, buildValueModel, type ValueModel } from './valueModel.js';
import type { ValueCx } from './values.js';

export type DraftRegion =
  | { readonly kind: 'stmt'; readonly id: StmtId }
  | {
      readonly kind: 'if';
      readonly test: string;
      readonly range: SourceRange;
      readonly then: readonly DraftRegion[];
      readonly orelse: readonly DraftRegion[];
      readonly testStmt: StmtId;
    }
  | { readonly kind: 'loop'; readonly loop: Omit<Loop, 'body' | 'obstacles'>; readonly body: readonly DraftRegion[] };

export interface ForFrame {
  readonly kind: 'for';
  readonly loopId: LoopId;
  /** Every name the target binds. */
  readonly vars: readonly string[];
  /** The affine loop variable of a `range` loop; null for loops Loupe cannot count. */
  readonly rangeVar: string | null;
  /** Loop variables assigned in the body so far: from there on they are ordinary scalars. */
  readonly clobbered: Set<string>;
  /** Guard depth when the loop was entered. */
  readonly guardAtEntry: number;
  /** A `break`/`continue`/`return` was passed: the rest of this iteration may not run. */
  afterJump: boolean;
}
export interface WhileFrame {
  readonly kind: 'while';
  afterJump: boolean;
}
export type Frame = ForFrame | WhileFrame;

/** A forward-substitutable integer temporary: `k = i + 1` valid until killed. */
interface Temp {
  readonly expr: Affine;
  /** Innermost `for` of the definition (-1 outside loops): the value is stale once that loop exits. */
  readonly loopId: LoopId;
  /** Guard depth of the definition: the value is unknown once that branch is left. */
  readonly depth: number;
}

/** What a name stands for at a point of the scope. */
type NameClass =
  | { readonly kind: 'loopvar'; readonly frame: ForFrame }
  | { readonly kind: 'iter-var'; readonly frame: ForFrame }
  | { readonly kind: 'clobbered'; readonly frame: ForFrame }
  | { readonly kind: 'array' }
  | { readonly kind: 'scalar' }
  | { readonly kind: 'stale-loopvar' }
  | { readonly kind: 'symbol' }
  | { readonly kind: 'unstable' }
  | { readonly kind: 'module' };

export interface StmtBuilder {
  readonly id: StmtId;
  readonly accesses: AccessId[];
}

interface NonAffineAccess {
  readonly access: AccessId;
  readonly why: readonly (string | null)[];
}

/** An alias made by a view: `b = a[1:]`, `b = a.T`, … */
interface ViewAlias {
  readonly name: string;
  readonly of: string;
  readonly range: SourceRange;
}

export class ScopeLowerer implements ValueCx {
  readonly source: string;
  readonly imports: ImportTable;
  readonly frames: Frame[] = [];
  /** The `for` frames of `frames`, kept separately: statements ask for them constantly. */
  readonly forStack: ForFrame[] = [];
  /** `Statement.loops` for the current nest, shared by its statements until the nest changes. */
  private loopIdsCache: readonly LoopId[] | null = null;
  guard = 0;
  readonly temps = new Map<string, Temp>();
  cur: StmtBuilder | null = null;
  private stmtOrder = 0;
  readonly obstacles = new Map<LoopId, Obstacle[]>();
  private readonly obstacleKeys = new Set<string>();
  /** Symbols resolved in this scope, recorded program-wide once an affine result uses them. */
  private readonly symbolCandidates = new Map<string, SymbolInfo>();
  readonly nonAffine: NonAffineAccess[] = [];
  readonly scopeAccesses: AccessId[] = [];
  readonly ranks = new Map<string, number>();
  /** Arrays read or written as `a[i][j]` (chained): a list's rows are separate objects there. */
  readonly chainedArrays = new Set<string>();
  /** `b` → `a` for `b = a`. */
  private readonly simpleAliases = new Map<string, string>();
  readonly viewAliases: ViewAlias[] = [];
  private readonly arrayNames: Set<string>;
  readonly affineEnv: AffineEnv;
  /** What each name of the scope may refer to (`valueModel.ts`). */
  readonly values: ValueModel;

  constructor(
    readonly program: ProgramBuilder,
    readonly input: ScopeInput,
    readonly facts: ScopeFacts,
  ) {
    this.source = program.source;
    this.imports = program.imports;
    // ValueCx and AffineEnv both have an `extent` (a value vs an affine term): the AffineEnv is a view object.
    this.affineEnv = {
      source: program.source,
      resolveName: (name) => this.resolveName(name),
      extent: (array, dim) => this.extentAffine(array, dim),
    };
    this.values = buildValueModel(facts, input.params, this.imports, this.source, input.name !== '<module>', program.hazards.globalNames);
    if (input.name === '<module>') program.moduleValues = this.values;
    this.findAliases();
    this.arrayNames = new Set([...facts.arrays, ...this.simpleAliases.values(), ...this.viewAliases.map((v) => v.of)]);
  }

  run(): Scope {
    const body = block(this, this.input.body);
    postPass(this);
    return { name: this.input.name, params: this.input.params, body: body.map((r) => finalize(this, r)) };
  }

  // ───────────────────────────── names ─────────────────────────────

  private findAliases(): void {
    const { facts } = this;
    const isStable = (n: string): boolean =>
      (facts.outsideAssignments.get(n) ?? 0) <= 1 && !facts.loopWritten.has(n) && !facts.loopVars.has(n);
    for (const name of facts.arrays) {
      for (const b of facts.bindings.get(name) ?? []) {
        // A permutation (`u, v = v, u`) only exchanges objects: no new alias (`valueModel.ts`).
        if (b.kind !== 'value' || b.value === null) continue;
        const conditional = b.value.kind === 'conditional';
        for (const v of branches(b.value)) this.viewBinding(name, v, b, conditional, isStable);
      }
    }
  }

  private viewBinding(name: string, value: Expr, b: Binding, conditional: boolean, isStable: (n: string) => boolean): void {
    const root = viewRoot(value, this.imports, this.source);
    if (root === null || root === name) return;
    const plain =
      !conditional && value.kind === 'name' && !b.inLoop && isStable(name) && isStable(root) && !this.input.params.includes(name);
    if (plain) {
      this.simpleAliases.set(name, root);
      this.program.diagnostic(
        'info',
        'alias',
        `\`${name}\` is another name for \`${root}\`: Loupe treats their elements as one array.`,
        b.range,
      );
    } else {
      this.viewAliases.push({ name, of: root, range: b.range });
    }
  }

  /** The array an element access really touches (`b = a` resolved; cycles cut). */
  canonicalArray(name: string): string {
    let cur = name;
    for (let hops = 0; hops < 32; hops++) {
      const next = this.simpleAliases.get(cur);
      if (next === undefined) return cur;
      cur = next;
    }
    return name;
  }

  /** Subscripted names, plus the arrays that aliases name (`a` in `b = a`), which may be used bare. */
  private isArrayName(name: string): boolean {
    return this.arrayNames.has(name);
  }

  classify(name: string): NameClass {
    for (let k = this.frames.length - 1; k >= 0; k--) {
      const f = this.frames[k]!;
      if (f.kind !== 'for' || !f.vars.includes(name)) continue;
      if (f.clobbered.has(name)) return { kind: 'clobbered', frame: f };
      return f.rangeVar === name ? { kind: 'loopvar', frame: f } : { kind: 'iter-var', frame: f };
    }
    const { facts } = this;
    if (this.isArrayName(name)) return { kind: 'array' };
    if (facts.loopWritten.has(name)) return { kind: 'scalar' };
    if (facts.loopVars.has(name)) return { kind: 'stale-loopvar' };
    const assigned = facts.outsideAssignments.get(name) ?? 0;
    if (assigned === 0 && this.imports.has(name)) return { kind: 'module' };
    return assigned <= 1 ? { kind: 'symbol' } : { kind: 'unstable' };
  }

  /** `variable(name)` allocates a Map and sorts; affine values are immutable, so one per name is enough. */
  private readonly variables = new Map<string, NameResolution>();
  private variableOf(name: string): NameResolution {
    let r = this.variables.get(name);
    if (r === undefined) this.variables.set(name, (r = { kind: 'affine', expr: variable(name) }));
    return r;
  }

  /** AffineEnv: what a name means inside a subscript or a bound. */
  resolveName(name: string): NameResolution {
    const c = this.classify(name);
    switch (c.kind) {
      case 'loopvar':
        return this.variableOf(name);
      case 'iter-var':
        return {
          kind: 'fail',
          cause: 'non-affine',
          message: `\`${name}\` is the variable of a loop that does not count over \`range(…)\``,
        };
      case 'clobbered':
        return { kind: 'fail', cause: 'scalar', message: `loop variable \`${name}\` is reassigned inside its loop` };
      case 'array':
        return { kind: 'fail', cause: 'non-affine', message: `\`${name}\` is an array` };
      case 'scalar': {
        const t = this.temps.get(name);
        if (t) return { kind: 'affine', expr: t.expr };
        return { kind: 'fail', cause: 'scalar', message: `\`${name}\` is a scalar assigned inside a loop` };
      }
      case 'stale-loopvar':
        return { kind: 'fail', cause: 'scalar', message: `\`${name}\` is a loop variable used outside its loop` };
      case 'symbol':
        if (!this.symbolCandidates.has(name)) this.symbolCandidates.set(name, { name, kind: 'int' });
        return this.variableOf(name);
      case 'unstable':
        return { kind: 'fail', cause: 'scalar', message: `\`${name}\` is assigned more than once, so its value is not fixed` };
      case 'module':
        return { kind: 'fail', cause: 'non-affine', message: `\`${name}\` is a module` };
      default:
        return assertNever(c, 'name class');
    }
  }

  /** AffineEnv: the symbol of an array extent. */
  extentAffine(array: string, dim: number): Affine {
    const canon = this.canonicalArray(array);
    const name = extentSymbol(canon, dim);
    if (!this.symbolCandidates.has(name)) this.symbolCandidates.set(name, { name, kind: 'extent', array: canon, dim });
    const r = this.variableOf(name);
    assert(r.kind === 'affine', 'variableOf is affine');
    return r.expr;
  }

  /** Records the symbols an affine result (subscript, bound) actually uses. */
  noteSymbols(a: Affine): void {
    for (const t of a.terms) {
      const info = this.symbolCandidates.get(t.name);
      if (info) this.program.symbol(info);
    }
  }

  // ───────────────────────────── values (ValueCx): the bodies are in lowerAccesses.ts ─────────────────────────────

  name(e: NameExpr, wholeArrayOk: boolean): ValueExpr {
    return nameValue(this, e, wholeArrayOk);
  }

  subscript(e: SubscriptExpr): ValueExpr {
    return subscriptValue(this, e);
  }

  extent(array: string, dim: number): ValueExpr {
    return extentValue(this, array, dim);
  }

  unknownCall(e: CallExpr, callee: Callee): void {
    reportUnknownCall(this, e, callee);
  }

  unsupported(e: Expr, message: string): void {
    reportUnsupported(this, e, message);
  }

  // ───────────────────────────── loops, guards, obstacles ─────────────────────────────

  pushFrame(f: Frame): void {
    this.frames.push(f);
    if (f.kind === 'for') {
      this.forStack.push(f);
      this.loopIdsCache = null;
    }
  }

  popFrame(): void {
    const f = this.frames.pop();
    if (f?.kind === 'for') {
      this.forStack.pop();
      this.loopIdsCache = null;
    }
  }

  inLoop(): boolean {
    return this.forStack.length > 0;
  }

  enclosingLoops(): readonly LoopId[] {
    return (this.loopIdsCache ??= this.forStack.map((f) => f.loopId));
  }

  /** May not run in every iteration of the loop nest: under a guard, or after a jump, inside the outermost `for`. */
  private isGuarded(): boolean {
    const outer = this.forStack[0];
    if (outer === undefined) return false;
    if (this.guard > outer.guardAtEntry) return true;
    for (let k = this.frames.indexOf(outer); k < this.frames.length; k++) if (this.frames[k]!.afterJump) return true;
    return false;
  }

  obstacle(loops: readonly LoopId[], kind: Obstacle['kind'], message: string, range: SourceRange): void {
    if (loops.length === 0) return;
    for (const id of loops) {
      const key = `${id}|${kind}|${range.startOffset}:${range.endOffset}|${message}`;
      if (this.obstacleKeys.has(key)) continue;
      this.obstacleKeys.add(key);
      let list = this.obstacles.get(id);
      if (!list) this.obstacles.set(id, (list = []));
      list.push({ kind, message, range });
    }
    this.program.obstacleDiagnostic(kind, message, range);
  }

  /** An obstacle on every enclosing `for` (none outside loops: there is nothing to parallelise there). */
  obstacleHere(kind: Obstacle['kind'], message: string, range: SourceRange): void {
    this.obstacle(this.enclosingLoops(), kind, message, range);
  }

  /** Runs `fn` one guard level deeper; temporaries defined in there are forgotten afterwards. */
  guarded<T>(fn: () => T): T {
    this.guard++;
    try {
      return fn();
    } finally {
      this.guard--;
      for (const [n, t] of this.temps) if (t.depth > this.guard) this.temps.delete(n);
    }
  }

  killTemps(names: Iterable<string>): void {
    for (const n of names) this.temps.delete(n);
  }

  // ───────────────────────────── statements ─────────────────────────────

  text(node: { readonly range: SourceRange }): string {
    return sliceSource(this.source, node.range);
  }

  begin(): StmtBuilder {
    assert(this.cur === null, 'statements do not nest');
    this.cur = { id: this.program.statements.length, accesses: [] };
    return this.cur;
  }

  /** Abandons the statement begun last (it recorded no access and would only be noise). */
  abandon(b: StmtBuilder): void {
    assert(b.accesses.length === 0, 'abandoned statement has accesses');
    this.cur = null;
  }

  end(
    b: StmtBuilder,
    range: SourceRange,
    fields: { readonly shape: UpdateShape; readonly rhs: ValueExpr | null; readonly target: AccessId | null },
  ): DraftRegion {
    assert(this.cur === b, 'statement ended out of order');
    this.program.statements.push({
      id: b.id,
      line: range.start.line,
      range,
      text: sliceSource(this.source, range),
      loops: this.enclosingLoops(),
      guarded: this.isGuarded(),
      accesses: b.accesses,
      shape: fields.shape,
      order: this.stmtOrder++,
      rhs: fields.rhs,
      target: fields.target,
    });
    this.cur = null;
    return { kind: 'stmt', id: b.id };
  }
}
