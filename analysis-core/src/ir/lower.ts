/**
 * Lowering: Loupe syntax → loop IR (`ir.ts`).
 *
 * One pass per scope (the module's top level, then each function, nested ones included), after a fact-
 * gathering pre-pass (`scopes.ts`) that tells each name's role. The walk keeps a stack of enclosing loops
 * (`for`, and `while` for `break`/`continue` targeting), a guard depth (inside `if`/`while`/`try`), and a
 * table of forward-substitutable integer temporaries. Every `for` becomes a Loop; everything Loupe cannot
 * model becomes an Obstacle on the loops it affects, with a diagnostic beside it. Nothing here throws on
 * user input: unexpected shapes become obstacles, and only broken internal invariants assert.
 *
 * Conventions a consumer must know:
 * - Access order within a statement follows Python's evaluation: for `t = e`, the reads of `e` (left to
 *   right, a subscript's index reads before the element read), then the reads inside `t`'s subscripts,
 *   then the write of `t`. For `t op= e`: `t`'s index reads, the read of `t`, the reads of `e`, the write.
 * - Scalars: a name assigned by some statement inside some `for` of the scope is a tracked scalar — all
 *   its reads and writes in the scope (inside loops or not) are accesses. Other scalars are loop invariant:
 *   `symbol` in values, an int `SymbolInfo` when used in a subscript or bound.
 * - `b = a` (plain name, `b` bound once outside loops, `a` fixed) is resolved: `b[i]` is an access of `a`.
 *   Views (`a[1:]`, `a.T`, `a.reshape(…)`, `np.asarray(a)`) are `alias` obstacles instead.
 */
import { isConstant, variable, type Affine } from '../affine/affine.js';
import { sliceSource, type Diagnostic, type Severity, type SourceRange } from '../parse/source.js';
import type {
  AssignStmt,
  AugAssignStmt,
  CallExpr,
  Expr,
  ForStmt,
  IfStmt,
  Module,
  NameExpr,
  Stmt,
  SubscriptExpr,
  WhileStmt,
} from '../parse/syntax.js';
import { assert, assertNever } from '../util/assert.js';
import { flattenSubscript, lowerSubscript, obstacleKindOf, sameSubscripts } from './accesses.js';
import { affineOf, type AffineEnv, type NameResolution } from './affineOf.js';
import { canonicalName, collectImports, isAllocation, isRangeCallee, viewRoot, type Callee, type ImportTable } from './calls.js';
import {
  extentSymbol,
  type Access,
  type AccessId,
  type ArrayInfo,
  type Bound,
  type IfRegion,
  type Loop,
  type LoopId,
  type Obstacle,
  type Program,
  type Region,
  type Scope,
  type Statement,
  type StmtId,
  type Subscript,
  type SymbolInfo,
  type UpdateShape,
  type ValueExpr,
} from './ir.js';
import { collectScopeFacts, numberLoops, targetNames, type ScopeFacts, type ScopeInput } from './scopes.js';
import { assignShape, augAssignShape } from './shapes.js';
import { lowerValue, type ValueCx } from './values.js';

export function lowerProgram(module: Module, source: string): Program {
  const program = new ProgramBuilder(source, collectImports(module), numberLoops(module));
  program.lowerScope({ name: '<module>', params: [], body: module.body });
  return program.finish();
}

/** Diagnostic code per obstacle kind: stable strings the UI and CLI key on. */
const DIAGNOSTIC_CODE: { readonly [K in Obstacle['kind']]: string } = {
  'not-range': 'not-range',
  'non-affine-bound': 'non-affine-bound',
  'non-constant-step': 'non-constant-step',
  'zero-step': 'zero-step',
  'non-affine-subscript': 'non-affine-subscript',
  'indirect-subscript': 'indirect-subscript',
  slice: 'slice-subscript',
  'unknown-call': 'unknown-call',
  while: 'unsupported-while',
  break: 'loop-exit',
  alias: 'alias',
  'loop-var-assigned': 'loop-var-assigned',
  'unsupported-statement': 'unsupported-statement',
  'unsupported-expression': 'unsupported-expression',
  'scalar-in-subscript': 'scalar-in-subscript',
};

/** Program-wide tables: ids of loops, statements and accesses are global (index = id). */
class ProgramBuilder {
  /** Filled as scopes finish (inner loops before outer ones): ordered by id in `finish`. */
  readonly loops = new Map<LoopId, Loop>();
  readonly statements: Statement[] = [];
  readonly accesses: Access[] = [];
  readonly arrays: ArrayInfo[] = [];
  readonly scopes: Scope[] = [];
  private readonly symbols = new Map<string, SymbolInfo>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly diagnosticKeys = new Set<string>();
  private readonly scopeNames = new Set<string>();

  constructor(
    readonly source: string,
    readonly imports: ImportTable,
    readonly loopIds: ReadonlyMap<ForStmt, LoopId>,
  ) {}

  lowerScope(input: ScopeInput): void {
    const facts = collectScopeFacts(input);
    const lowerer = new ScopeLowerer(this, input, facts);
    this.scopes.push(lowerer.run());
    for (const fn of facts.functions) this.lowerScope({ name: this.uniqueScopeName(fn.name), params: fn.params, body: fn.body });
  }

  /** Two functions may share a name (methods of different classes, redefinitions): scope names stay unique. */
  uniqueScopeName(name: string): string {
    let unique = name;
    for (let k = 2; this.scopeNames.has(unique) || unique === '<module>'; k++) unique = `${name}#${k}`;
    this.scopeNames.add(unique);
    return unique;
  }

  symbol(info: SymbolInfo): void {
    if (!this.symbols.has(info.name)) this.symbols.set(info.name, info);
  }

  diagnostic(severity: Severity, code: string, message: string, range: SourceRange): void {
    const key = `${code}@${range.startOffset}:${range.endOffset}`;
    if (this.diagnosticKeys.has(key)) return;
    this.diagnosticKeys.add(key);
    this.diagnostics.push({ severity, code, message, range });
  }

  finish(): Program {
    const loops: Loop[] = [];
    for (let id = 0; id < this.loopIds.size; id++) {
      const l = this.loops.get(id);
      assert(l !== undefined, `loop ${id} was numbered but never lowered`);
      loops.push(l);
    }
    const diagnostics = [...this.diagnostics].sort((a, b) => a.range.startOffset - b.range.startOffset);
    return {
      source: this.source,
      scopes: this.scopes,
      loops,
      statements: this.statements,
      accesses: this.accesses,
      arrays: this.arrays,
      symbols: [...this.symbols.values()],
      diagnostics,
    };
  }
}

type DraftRegion =
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

interface ForFrame {
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
interface WhileFrame {
  readonly kind: 'while';
  afterJump: boolean;
}
type Frame = ForFrame | WhileFrame;

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

interface StmtBuilder {
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

/** What an assignment target turned out to be, after its index reads. */
type PreparedTarget =
  | {
      readonly kind: 'element';
      readonly variable: string;
      readonly subscripts: readonly Subscript[];
      /** Per subscript, why it is not affine (null when it is). */
      readonly why: readonly (string | null)[];
      readonly text: string;
      readonly range: SourceRange;
    }
  | { readonly kind: 'scalar'; readonly name: string; readonly range: SourceRange }
  | { readonly kind: 'untracked'; readonly name: string }
  | { readonly kind: 'none' };

class ScopeLowerer implements ValueCx {
  readonly source: string;
  readonly imports: ImportTable;
  private readonly frames: Frame[] = [];
  /** The `for` frames of `frames`, kept separately: statements ask for them constantly. */
  private readonly forStack: ForFrame[] = [];
  /** `Statement.loops` for the current nest, shared by its statements until the nest changes. */
  private loopIdsCache: readonly LoopId[] | null = null;
  private guard = 0;
  private readonly temps = new Map<string, Temp>();
  private cur: StmtBuilder | null = null;
  private stmtOrder = 0;
  private readonly obstacles = new Map<LoopId, Obstacle[]>();
  private readonly obstacleKeys = new Set<string>();
  /** Symbols resolved in this scope, recorded program-wide once an affine result uses them. */
  private readonly symbolCandidates = new Map<string, SymbolInfo>();
  private readonly nonAffine: NonAffineAccess[] = [];
  private readonly scopeAccesses: AccessId[] = [];
  private readonly ranks = new Map<string, number>();
  /** `b` → `a` for `b = a`. */
  private readonly simpleAliases = new Map<string, string>();
  private readonly viewAliases: ViewAlias[] = [];
  private readonly arrayNames: Set<string>;
  private readonly affineEnv: AffineEnv;

  constructor(
    private readonly program: ProgramBuilder,
    private readonly input: ScopeInput,
    private readonly facts: ScopeFacts,
  ) {
    this.source = program.source;
    this.imports = program.imports;
    // ValueCx and AffineEnv both have an `extent` (a value vs an affine term): the AffineEnv is a view object.
    this.affineEnv = {
      source: program.source,
      resolveName: (name) => this.resolveName(name),
      extent: (array, dim) => this.extentAffine(array, dim),
    };
    this.findAliases();
    this.arrayNames = new Set([...facts.arrays, ...this.simpleAliases.values(), ...this.viewAliases.map((v) => v.of)]);
  }

  run(): Scope {
    const body = this.block(this.input.body);
    this.postPass();
    return { name: this.input.name, params: this.input.params, body: body.map((r) => this.finalize(r)) };
  }

  // ───────────────────────────── names ─────────────────────────────

  private findAliases(): void {
    const { facts } = this;
    const isStable = (n: string): boolean =>
      (facts.outsideAssignments.get(n) ?? 0) <= 1 && !facts.loopWritten.has(n) && !facts.loopVars.has(n);
    for (const name of facts.arrays) {
      for (const b of facts.bindings.get(name) ?? []) {
        if (b.value === null) continue;
        const root = viewRoot(b.value, this.imports, this.source);
        if (root === null || root === name) continue;
        const plain = b.value.kind === 'name' && !b.inLoop && isStable(name) && isStable(root) && !this.input.params.includes(name);
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
    }
  }

  /** The array an element access really touches (`b = a` resolved; cycles cut). */
  private canonicalArray(name: string): string {
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

  private classify(name: string): NameClass {
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
  private noteSymbols(a: Affine): void {
    for (const t of a.terms) {
      const info = this.symbolCandidates.get(t.name);
      if (info) this.program.symbol(info);
    }
  }

  // ───────────────────────────── values (ValueCx) ─────────────────────────────

  name(e: NameExpr, wholeArrayOk: boolean): ValueExpr {
    const c = this.classify(e.id);
    switch (c.kind) {
      case 'loopvar':
        return { kind: 'loopvar', name: e.id };
      case 'iter-var':
        return { kind: 'opaque', text: e.id };
      case 'clobbered':
      case 'scalar':
        return { kind: 'ref', access: this.addAccess(e.id, 'scalar', 'read', [], e.id, e.range, []) };
      case 'array':
        if (!wholeArrayOk) {
          this.obstacleHere(
            'unsupported-expression',
            `\`${e.id}\` is used as a whole array here; Loupe only follows element accesses like \`${e.id}[i]\``,
            e.range,
          );
        }
        return { kind: 'opaque', text: e.id };
      case 'stale-loopvar':
        this.obstacleHere(
          'unsupported-expression',
          `\`${e.id}\` is read after the loop that sets it; Loupe does not follow its last value`,
          e.range,
        );
        return this.inLoop() ? { kind: 'opaque', text: e.id } : { kind: 'symbol', name: e.id };
      case 'symbol':
      case 'unstable':
        return { kind: 'symbol', name: e.id };
      case 'module': {
        // `from math import pi` → `math.pi`, the spelling code generation knows.
        const q = this.imports.get(e.id);
        return { kind: 'opaque', text: q === undefined ? e.id : canonicalName({ qualified: q, display: e.id, isMethod: false }) };
      }
      default:
        return assertNever(c, 'name class');
    }
  }

  subscript(e: SubscriptExpr): ValueExpr {
    const { base, indices } = flattenSubscript(e);
    if (base.kind !== 'name') {
      lowerValue(base, this);
      for (const ix of indices) lowerValue(ix, this);
      if (base.kind !== 'call') {
        this.obstacleHere(
          'unsupported-expression',
          `\`${this.text(e)}\` is not an element of a named array; Loupe cannot tell what it reads`,
          e.range,
        );
      }
      return { kind: 'opaque', text: this.text(e) };
    }
    const target = this.elementTarget(base.id, indices, e);
    assert(target.kind === 'element', 'elementTarget returns an element');
    return { kind: 'ref', access: this.addElement(target, 'read') };
  }

  extent(array: string, dim: number): ValueExpr {
    const a = this.extentAffine(array, dim);
    this.noteSymbols(a);
    return { kind: 'symbol', name: a.terms[0]!.name };
  }

  unknownCall(e: CallExpr, callee: Callee): void {
    this.obstacleHere('unknown-call', `call to \`${callee.display}\` may write memory Loupe cannot see`, e.range);
  }

  unsupported(e: Expr, message: string): void {
    this.obstacleHere('unsupported-expression', message, e.range);
  }

  // ───────────────────────────── accesses ─────────────────────────────

  /** Index reads (in order), then the subscripts: everything about `a[…]` except the access itself. */
  private elementTarget(baseName: string, indices: readonly Expr[], whole: Expr): PreparedTarget & { kind: 'element' } {
    const subscripts: Subscript[] = [];
    const why: (string | null)[] = [];
    for (const ix of indices) {
      lowerValue(ix, this);
      const l = lowerSubscript(ix, this.affineEnv);
      if (l.subscript.kind === 'affine') this.noteSymbols(l.subscript.expr);
      subscripts.push(l.subscript);
      why.push(l.why);
    }
    return { kind: 'element', variable: this.canonicalArray(baseName), subscripts, why, text: this.text(whole), range: whole.range };
  }

  private addElement(t: PreparedTarget & { kind: 'element' }, mode: 'read' | 'write'): AccessId {
    return this.addAccess(t.variable, 'array', mode, t.subscripts, t.text, t.range, t.why);
  }

  private addAccess(
    variable: string,
    target: 'array' | 'scalar',
    mode: 'read' | 'write',
    subscripts: readonly Subscript[],
    text: string,
    range: SourceRange,
    why: readonly (string | null)[],
  ): AccessId {
    const cur = this.cur;
    assert(cur !== null, 'access recorded outside a statement');
    const id = this.program.accesses.length;
    this.program.accesses.push({ id, stmt: cur.id, variable, target, mode, subscripts, text, range, order: cur.accesses.length });
    cur.accesses.push(id);
    this.scopeAccesses.push(id);
    if (target === 'array') this.ranks.set(variable, Math.max(this.ranks.get(variable) ?? 0, subscripts.length));
    if (subscripts.some((s) => s.kind === 'non-affine') && this.inLoop()) this.nonAffine.push({ access: id, why });
    return id;
  }

  // ───────────────────────────── loops, guards, obstacles ─────────────────────────────

  private pushFrame(f: Frame): void {
    this.frames.push(f);
    if (f.kind === 'for') {
      this.forStack.push(f);
      this.loopIdsCache = null;
    }
  }

  private popFrame(): void {
    const f = this.frames.pop();
    if (f?.kind === 'for') {
      this.forStack.pop();
      this.loopIdsCache = null;
    }
  }

  private inLoop(): boolean {
    return this.forStack.length > 0;
  }

  private enclosingLoops(): readonly LoopId[] {
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

  private obstacle(loops: readonly LoopId[], kind: Obstacle['kind'], message: string, range: SourceRange): void {
    if (loops.length === 0) return;
    for (const id of loops) {
      const key = `${id}|${kind}|${range.startOffset}:${range.endOffset}|${message}`;
      if (this.obstacleKeys.has(key)) continue;
      this.obstacleKeys.add(key);
      let list = this.obstacles.get(id);
      if (!list) this.obstacles.set(id, (list = []));
      list.push({ kind, message, range });
    }
    this.program.diagnostic('warning', DIAGNOSTIC_CODE[kind], message, range);
  }

  /** An obstacle on every enclosing `for` (none outside loops: there is nothing to parallelise there). */
  private obstacleHere(kind: Obstacle['kind'], message: string, range: SourceRange): void {
    this.obstacle(this.enclosingLoops(), kind, message, range);
  }

  /** Runs `fn` one guard level deeper; temporaries defined in there are forgotten afterwards. */
  private guarded<T>(fn: () => T): T {
    this.guard++;
    try {
      return fn();
    } finally {
      this.guard--;
      for (const [n, t] of this.temps) if (t.depth > this.guard) this.temps.delete(n);
    }
  }

  private killTemps(names: Iterable<string>): void {
    for (const n of names) this.temps.delete(n);
  }

  // ───────────────────────────── statements ─────────────────────────────

  private text(node: { readonly range: SourceRange }): string {
    return sliceSource(this.source, node.range);
  }

  private begin(): StmtBuilder {
    assert(this.cur === null, 'statements do not nest');
    this.cur = { id: this.program.statements.length, accesses: [] };
    return this.cur;
  }

  /** Abandons the statement begun last (it recorded no access and would only be noise). */
  private abandon(b: StmtBuilder): void {
    assert(b.accesses.length === 0, 'abandoned statement has accesses');
    this.cur = null;
  }

  private end(
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

  /** A pseudo-statement that holds the reads of an expression evaluated for its value or effect. */
  private exprStmt(e: Expr, range: SourceRange, keepEmpty: boolean): DraftRegion | null {
    const b = this.begin();
    const rhs = lowerValue(e, this);
    if (!keepEmpty && b.accesses.length === 0) {
      this.abandon(b);
      return null;
    }
    return this.end(b, range, { shape: { kind: 'assign' }, rhs, target: null });
  }

  private block(stmts: readonly Stmt[]): DraftRegion[] {
    const out: DraftRegion[] = [];
    for (const s of stmts) this.stmt(s, out);
    return out;
  }

  private stmt(s: Stmt, out: DraftRegion[]): void {
    switch (s.kind) {
      case 'for':
        this.forStmt(s, out);
        return;
      case 'while':
        this.whileStmt(s, out);
        return;
      case 'if':
        this.ifStmt(s, out);
        return;
      case 'assign':
        out.push(this.assign(s));
        return;
      case 'augassign':
        out.push(this.augAssign(s));
        return;
      case 'expr': {
        // Docstrings and bare constants do nothing.
        const v = s.value.kind;
        if (v === 'string' || v === 'int' || v === 'float' || v === 'none' || v === 'bool') return;
        const r = this.exprStmt(s.value, s.range, true);
        if (r) out.push(r);
        return;
      }
      case 'return': {
        if (s.value !== null) {
          const r = this.exprStmt(s.value, s.range, true);
          if (r) out.push(r);
        }
        this.obstacleHere('break', '`return` leaves the loop early, so its number of iterations is not fixed', s.range);
        for (const f of this.frames) f.afterJump = true;
        return;
      }
      case 'break': {
        const f = this.frames[this.frames.length - 1];
        if (!f) return;
        if (f.kind === 'for')
          this.obstacle([f.loopId], 'break', '`break` leaves the loop early, so its number of iterations is not fixed', s.range);
        f.afterJump = true;
        return;
      }
      case 'continue': {
        // `continue` only shortens this iteration: what follows is guarded, the loop stays analysable.
        const f = this.frames[this.frames.length - 1];
        if (f) f.afterJump = true;
        return;
      }
      case 'function':
        // Lowered as its own scope (ProgramBuilder.lowerScope); calling it is an unknown call.
        return;
      case 'compound': {
        // `try`/`match` bodies may stop part-way or not run: guarded. `with`/`class` bodies run in order.
        const regions = s.what === 'try' || s.what === 'match' ? this.guarded(() => this.block(s.body)) : this.block(s.body);
        out.push(...regions);
        return;
      }
      case 'unsupported-stmt':
        this.obstacleHere('unsupported-statement', `a \`${s.what}\` statement is not modelled by Loupe`, s.range);
        return;
      case 'pass':
      case 'import':
        return;
      default:
        assertNever(s, 'statement kind');
    }
  }

  private forStmt(s: ForStmt, out: DraftRegion[]): void {
    const id = this.program.loopIds.get(s);
    assert(id !== undefined, 'every for statement is numbered');
    // The header is evaluated once, before the loop binds its variable: its reads belong to the outer nest.
    const header = this.exprStmt(s.iter, s.iter.range, false);
    if (header) out.push(header);
    const { start, stop, step, rangeVar } = this.header(s, id);

    const vars = targetNames(s.target);
    for (const v of vars) {
      for (const f of this.forStack) {
        if (!f.vars.includes(v)) continue;
        this.obstacle(
          [f.loopId],
          'loop-var-assigned',
          `the inner loop reuses \`${v}\` as its variable, changing the outer loop's \`${v}\``,
          s.headerRange,
        );
        f.clobbered.add(v);
      }
    }
    this.killTemps(this.facts.assignedIn.get(s) ?? []);
    const outer = this.enclosingLoops();
    const frame: ForFrame = { kind: 'for', loopId: id, vars, rangeVar, clobbered: new Set(), guardAtEntry: this.guard, afterJump: false };
    this.pushFrame(frame);
    let body: DraftRegion[];
    try {
      body = this.block(s.body);
    } finally {
      this.popFrame();
    }
    for (const [n, t] of this.temps) if (t.loopId === id) this.temps.delete(n);
    const var_ = s.target.kind === 'name' ? s.target.id : this.text(s.target);
    out.push({
      kind: 'loop',
      loop: {
        kind: 'loop',
        id,
        var: var_,
        start,
        stop,
        step,
        line: s.range.start.line,
        range: s.range,
        headerRange: s.headerRange,
        outer,
        scope: this.input.name,
      },
      body,
    });
    // `for … else`: runs only when no `break` fired — conditional, hence guarded.
    if (s.orelse.length > 0) out.push(...this.guarded(() => this.block(s.orelse)));
  }

  /** Bounds and step of `for v in range(…)`; obstacles on this loop for anything else. */
  private header(s: ForStmt, id: LoopId): { start: Bound; stop: Bound; step: bigint | null; rangeVar: string | null } {
    const iterText = this.text(s.iter);
    const notRange = (why: string): { start: Bound; stop: Bound; step: null; rangeVar: null } => {
      this.obstacle([id], 'not-range', why, s.headerRange);
      return { start: { kind: 'non-affine', text: iterText }, stop: { kind: 'non-affine', text: iterText }, step: null, rangeVar: null };
    };
    const iter = s.iter;
    if (iter.kind !== 'call' || !isRangeCallee(iter.callee, this.imports)) {
      return notRange(`\`for … in ${iterText}\`: Loupe analyses loops over \`range(…)\` only`);
    }
    if (s.target.kind !== 'name') return notRange(`\`for ${this.text(s.target)} in …\`: only a single loop variable is analysed`);
    if (iter.keywords.length > 0 || iter.hasStarArgs)
      return notRange(`\`${iterText}\`: keyword or starred arguments to range are not analysed`);
    const [a0, a1, a2] = iter.args;
    if (a0 === undefined || iter.args.length > 3) return notRange(`\`${iterText}\` does not have 1 to 3 arguments`);
    const v = s.target.id;
    const bound = (e: Expr | undefined, which: 'start' | 'stop'): Bound => {
      if (e === undefined) return { kind: 'affine', expr: { kind: 'affine', constant: 0n, terms: [] } };
      const r = affineOf(e, this.affineEnv);
      if (r.ok) {
        this.noteSymbols(r.expr);
        return { kind: 'affine', expr: r.expr };
      }
      this.obstacle(
        [id],
        'non-affine-bound',
        `the ${which} bound \`${this.text(e)}\` of loop \`${v}\` is not affine: ${r.failure.message}`,
        e.range,
      );
      return { kind: 'non-affine', text: this.text(e) };
    };
    const start = bound(a1 === undefined ? undefined : a0, 'start');
    const stop = bound(a1 ?? a0, 'stop');
    let step: bigint | null = 1n;
    if (a2 !== undefined) {
      const r = affineOf(a2, this.affineEnv);
      if (!r.ok || !isConstant(r.expr)) {
        this.obstacle([id], 'non-constant-step', `the step \`${this.text(a2)}\` of loop \`${v}\` is not a constant integer`, a2.range);
        step = null;
      } else if (r.expr.constant === 0n) {
        this.obstacle([id], 'zero-step', `loop \`${v}\` has step 0 (Python raises ValueError)`, a2.range);
        step = null;
      } else {
        step = r.expr.constant;
      }
    }
    return { start, stop, step, rangeVar: v };
  }

  private whileStmt(s: WhileStmt, out: DraftRegion[]): void {
    if (this.inLoop()) {
      this.obstacleHere('while', 'a `while` loop inside runs an unknown number of times', s.range);
    } else {
      this.program.diagnostic(
        'info',
        'unsupported-while',
        'Loupe analyses `for … in range(…)` loops; this `while` loop itself is not analysed (loops inside it are).',
        s.range,
      );
    }
    this.killTemps(this.facts.assignedIn.get(s) ?? []);
    const test = this.exprStmt(s.test, s.test.range, true);
    if (test) out.push(test);
    const frame: WhileFrame = { kind: 'while', afterJump: false };
    this.pushFrame(frame);
    try {
      // No WhileRegion exists: the body is flattened into the enclosing regions, guarded (it may run 0 times).
      out.push(...this.guarded(() => this.block(s.body)));
    } finally {
      this.popFrame();
    }
    if (s.orelse.length > 0) out.push(...this.guarded(() => this.block(s.orelse)));
  }

  private ifStmt(s: IfStmt, out: DraftRegion[]): void {
    const test = this.exprStmt(s.test, s.test.range, true);
    assert(test !== null && test.kind === 'stmt', 'kept condition statement');
    out.push(test);
    const then = this.guarded(() => this.block(s.body));
    const orelse = this.guarded(() => this.block(s.orelse));
    out.push({ kind: 'if', test: this.text(s.test), range: s.range, then, orelse, testStmt: test.id });
  }

  // ───────────────────────────── assignments ─────────────────────────────

  /**
   * Index reads of the target (for elements), and what it is. Must run after the value's reads for `=`,
   * before them for `op=` (Python's evaluation order).
   */
  private prepareTarget(t: Expr, stmt: Stmt, value: Expr | null): PreparedTarget {
    switch (t.kind) {
      case 'name': {
        const c = this.classify(t.id);
        switch (c.kind) {
          case 'loopvar':
          case 'iter-var':
          case 'clobbered': {
            this.obstacle([c.frame.loopId], 'loop-var-assigned', `loop variable \`${t.id}\` is assigned in its own body`, stmt.range);
            c.frame.clobbered.add(t.id);
            return { kind: 'scalar', name: t.id, range: t.range };
          }
          case 'scalar':
            return { kind: 'scalar', name: t.id, range: t.range };
          case 'array': {
            // Re-binding an array name inside a loop changes which memory `t[…]` means from then on.
            const root = value === null ? null : viewRoot(value, this.imports, this.source);
            if (stmt.kind === 'augassign') {
              this.obstacleHere(
                'unsupported-statement',
                `\`${this.text(stmt)}\` updates the whole array \`${t.id}\`; Loupe only follows element accesses`,
                stmt.range,
              );
            } else if (root !== null && root !== t.id) {
              this.obstacleHere('alias', `\`${t.id}\` is re-bound inside the loop to a view of \`${root}\``, stmt.range);
            } else {
              this.obstacleHere(
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
          lowerValue(base, this);
          for (const ix of indices) lowerValue(ix, this);
          this.obstacleHere(
            'unsupported-statement',
            `assignment to \`${this.text(t)}\`, which is not an element of a named array`,
            stmt.range,
          );
          return { kind: 'none' };
        }
        return this.elementTarget(base.id, indices, t);
      }
      case 'attribute':
        lowerValue(t.object, this);
        this.obstacleHere('unsupported-statement', `assignment to attribute \`${this.text(t)}\` is not modelled`, stmt.range);
        return { kind: 'none' };
      default:
        this.obstacleHere('unsupported-statement', `assignment to \`${this.text(t)}\` is not modelled`, stmt.range);
        return { kind: 'none' };
    }
  }

  private readTarget(p: PreparedTarget): ValueExpr | null {
    switch (p.kind) {
      case 'element':
        return { kind: 'ref', access: this.addElement(p, 'read') };
      case 'scalar':
        return { kind: 'ref', access: this.addAccess(p.name, 'scalar', 'read', [], p.name, p.range, []) };
      case 'untracked':
        return { kind: 'symbol', name: p.name };
      case 'none':
        return null;
      default:
        return assertNever(p, 'target kind');
    }
  }

  private writeTarget(p: PreparedTarget): AccessId | null {
    switch (p.kind) {
      case 'element':
        return this.addElement(p, 'write');
      case 'scalar':
        this.temps.delete(p.name);
        return this.addAccess(p.name, 'scalar', 'write', [], p.name, p.range, []);
      case 'untracked':
      case 'none':
        return null;
      default:
        return assertNever(p, 'target kind');
    }
  }

  /** Reads in statement `b` of the variable `p` names (same array, or same scalar). */
  private readsOf(b: StmtBuilder, p: PreparedTarget, except: AccessId | null = null): AccessId[] {
    if (p.kind !== 'element' && p.kind !== 'scalar') return [];
    const variable = p.kind === 'element' ? p.variable : p.name;
    const target = p.kind === 'element' ? 'array' : 'scalar';
    return b.accesses.filter((id) => {
      const a = this.program.accesses[id]!;
      return id !== except && a.mode === 'read' && a.variable === variable && a.target === target;
    });
  }

  private isTargetValue(p: PreparedTarget): (v: ValueExpr) => boolean {
    return (v) => {
      if (p.kind === 'untracked') return v.kind === 'symbol' && v.name === p.name;
      if (v.kind !== 'ref') return false;
      const a = this.program.accesses[v.access]!;
      if (a.mode !== 'read') return false;
      if (p.kind === 'scalar') return a.target === 'scalar' && a.variable === p.name;
      if (p.kind === 'element') return a.target === 'array' && a.variable === p.variable && sameSubscripts(a.subscripts, p.subscripts);
      return false;
    };
  }

  private assign(s: AssignStmt): DraftRegion {
    const [target] = s.targets;
    if (
      target === undefined ||
      s.targets.length !== 1 ||
      (target.kind !== 'name' && target.kind !== 'subscript' && target.kind !== 'attribute')
    ) {
      return this.multiAssign(s);
    }
    // A tracked scalar assigned an affine value is a substitutable temporary: its affine form is taken before
    // the write (`k = k + 1` reads the old `k`). Other targets skip the work.
    const temp = target.kind === 'name' && this.classify(target.id).kind === 'scalar' ? affineOf(s.value, this.affineEnv) : null;
    const b = this.begin();
    const rhs = lowerValue(s.value, this);
    const p = this.prepareTarget(target, s, s.value);
    const w = this.writeTarget(p);
    if (p.kind === 'scalar' && temp !== null && temp.ok) {
      this.temps.set(p.name, { expr: temp.expr, loopId: this.forStack.at(-1)?.loopId ?? -1, depth: this.guard });
    }
    const targetReads = p.kind === 'untracked' ? countSymbol(rhs, p.name) : this.readsOf(b, p).length;
    const shape = assignShape(rhs, this.isTargetValue(p), targetReads);
    return this.end(b, s.range, { shape, rhs, target: w });
  }

  /** `x, y = …`, `a = b = …`, `*xs = …`: accesses recorded, but the statement itself is an obstacle. */
  private multiAssign(s: AssignStmt): DraftRegion {
    const b = this.begin();
    lowerValue(s.value, this);
    const leaves = (t: Expr): Expr[] => (t.kind === 'tuple' || t.kind === 'list' ? t.elements.flatMap(leaves) : [t]);
    for (const t of s.targets) {
      for (const leaf of leaves(t)) {
        const p = this.prepareTarget(leaf, s, null);
        this.writeTarget(p);
        if (leaf.kind === 'name') this.temps.delete(leaf.id);
      }
    }
    const what = s.targets.length > 1 ? 'chained assignment' : 'tuple assignment';
    this.obstacleHere('unsupported-statement', `${what} \`${this.text(s)}\` is not modelled`, s.range);
    return this.end(b, s.range, { shape: { kind: 'other' }, rhs: null, target: null });
  }

  private augAssign(s: AugAssignStmt): DraftRegion {
    if (s.target.kind !== 'name' && s.target.kind !== 'subscript' && s.target.kind !== 'attribute') {
      const b = this.begin();
      lowerValue(s.value, this);
      this.obstacleHere('unsupported-statement', `augmented assignment to \`${this.text(s.target)}\` is not modelled`, s.range);
      return this.end(b, s.range, { shape: { kind: 'other' }, rhs: null, target: null });
    }
    const b = this.begin();
    const p = this.prepareTarget(s.target, s, null);
    const current = this.readTarget(p);
    const readId = current?.kind === 'ref' ? current.access : null;
    const value = lowerValue(s.value, this);
    const w = this.writeTarget(p);
    const valueReadsTarget = p.kind === 'untracked' ? countSymbol(value, p.name) > 0 : this.readsOf(b, p, readId).length > 0;
    const shape = augAssignShape(s.op, valueReadsTarget);
    const rhs: ValueExpr =
      current === null || s.op === '@' ? { kind: 'opaque', text: this.text(s) } : { kind: 'binary', op: s.op, left: current, right: value };
    return this.end(b, s.range, { shape, rhs, target: w });
  }

  // ───────────────────────────── after the walk ─────────────────────────────

  /**
   * Obstacles that depend on the whole scope:
   * - a non-affine subscript stops loop L only if the access writes, or L writes the same array
   *   (a gather `b[i] = a[idx[i]]` from a read-only `a` carries no dependence);
   * - a view alias stops L when L accesses two names of one alias class and writes one of them.
   */
  private postPass(): void {
    const { accesses, statements } = this.program;
    const written = new Map<LoopId, Set<string>>();
    const touched = new Map<LoopId, Set<string>>();
    const add = (m: Map<LoopId, Set<string>>, id: LoopId, v: string): void => {
      let set = m.get(id);
      if (!set) m.set(id, (set = new Set()));
      set.add(v);
    };
    for (const id of this.scopeAccesses) {
      const a = accesses[id]!;
      if (a.target !== 'array') continue;
      for (const l of statements[a.stmt]!.loops) {
        add(touched, l, a.variable);
        if (a.mode === 'write') add(written, l, a.variable);
      }
    }

    for (const { access, why } of this.nonAffine) {
      const a = accesses[access]!;
      for (const l of statements[a.stmt]!.loops) {
        if (a.mode !== 'write' && !written.get(l)?.has(a.variable)) continue;
        a.subscripts.forEach((sub, k) => {
          if (sub.kind !== 'non-affine') return;
          const detail = why[k] ?? sub.reason;
          this.obstacle([l], obstacleKindOf(sub), `\`${a.text}\`: ${detail}`, a.range);
        });
      }
    }

    if (this.viewAliases.length > 0) {
      const parent = new Map<string, string>();
      const find = (x: string): string => {
        let r = x;
        while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
        return r;
      };
      for (const v of this.viewAliases) {
        const a = find(this.canonicalArray(v.name));
        const b = find(this.canonicalArray(v.of));
        if (a !== b) parent.set(a, b);
      }
      for (const [l, names] of touched) {
        const byClass = new Map<string, string[]>();
        for (const n of names) {
          const c = find(n);
          byClass.set(c, [...(byClass.get(c) ?? []), n]);
        }
        for (const v of this.viewAliases) {
          // Report the view(s) this loop actually uses, not every view of the same array.
          if (!names.has(this.canonicalArray(v.name))) continue;
          const members = byClass.get(find(this.canonicalArray(v.name))) ?? [];
          if (members.length < 2 || !members.some((m) => written.get(l)?.has(m))) continue;
          this.obstacle([l], 'alias', `\`${v.name}\` and \`${v.of}\` may share memory (\`${sliceSource(this.source, v.range)}\`)`, v.range);
        }
      }
    }

    for (const [name, rank] of this.ranks) {
      this.program.arrays.push({
        name,
        rank,
        scope: this.input.name,
        isParameter: this.input.params.includes(name),
        isLocalAllocation: this.isLocalAllocation(name),
      });
    }
  }

  /** Every binding of the name is a fresh allocation outside loops (and it is not a parameter). */
  private isLocalAllocation(name: string): boolean {
    if (this.input.params.includes(name)) return false;
    const bindings = this.facts.bindings.get(name) ?? [];
    return bindings.length > 0 && bindings.every((b) => !b.inLoop && b.value !== null && isAllocation(b.value, this.imports, this.source));
  }

  private finalize(r: DraftRegion): Region {
    switch (r.kind) {
      case 'stmt':
        return r;
      case 'if': {
        const region: IfRegion = {
          kind: 'if',
          test: r.test,
          range: r.range,
          then: r.then.map((x) => this.finalize(x)),
          orelse: r.orelse.map((x) => this.finalize(x)),
          testStmt: r.testStmt,
        };
        return region;
      }
      case 'loop': {
        const d = r.loop;
        const loop: Loop = {
          kind: 'loop',
          id: d.id,
          var: d.var,
          start: d.start,
          stop: d.stop,
          step: d.step,
          line: d.line,
          range: d.range,
          headerRange: d.headerRange,
          outer: d.outer,
          scope: d.scope,
          body: r.body.map((x) => this.finalize(x)),
          obstacles: this.obstacles.get(d.id) ?? [],
        };
        this.program.loops.set(loop.id, loop);
        return loop;
      }
      default:
        return assertNever(r, 'region kind');
    }
  }
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
