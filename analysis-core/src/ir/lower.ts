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
import type { Diagnostic, Severity, SourceRange } from '../parse/source.js';
import type { ForStmt, Module } from '../parse/syntax.js';
import { assert } from '../util/assert.js';
import { blankStringsAndComments, collectImports, type ImportTable } from './calls.js';
import { fileHazards, type FileHazards } from './hazards.js';
import type { ArrayInfo, Access, Loop, LoopId, Obstacle, Program, ScalarInfo, Scope, Statement, SymbolInfo } from './ir.js';
import { ScopeLowerer } from './lowerScope.js';
import { collectScopeFacts, numberLoops, type ScopeInput } from './scopes.js';
import type { ValueModel } from './valueModel.js';

// The lowering is split by concept; this module is the entry and the program-wide tables.
// - `lowerScope.ts`: the per-scope walker's state (loop stack, guards, temporaries, obstacles, statement
//   begin/end) and what names mean there;
// - `lowerStatements.ts`: statements and loop headers;
// - `lowerAssignments.ts`: assignment targets and update shapes;
// - `lowerAccesses.ts`: element and scalar accesses, and the `ValueCx` callbacks that record them;
// - `lowerPostPass.ts`: obstacles that need the whole scope, array facts, and the final regions.

/** `parseDiagnostics`: the parser's, so that code that does not parse decides nothing (`hazards.ts`). */
export function lowerProgram(module: Module, source: string, parseDiagnostics: readonly Diagnostic[] = []): Program {
  // Both read names out of the text; strings and comments are blanked once for them.
  const code = blankStringsAndComments(source);
  const imports = collectImports(module, code);
  const hazards = fileHazards(module, source, code, parseDiagnostics, imports);
  const program = new ProgramBuilder(source, imports, numberLoops(module), hazards);
  if (hazards.dynamic) program.obstacleDiagnostic('dynamic-code', hazards.dynamic.message, hazards.dynamic.range);
  program.lowerScope({ name: '<module>', params: [], body: module.body, source });
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
  'syntax-error': 'syntax-error',
  'dynamic-code': 'dynamic-code',
};

/**
 * Program-wide tables: ids of loops, statements and accesses are global (index = id). Exported for the
 * other `lower*.ts` modules only (they fill the tables); nothing outside `ir/` uses it.
 */
export class ProgramBuilder {
  /** Filled as scopes finish (inner loops before outer ones): ordered by id in `finish`. */
  readonly loops = new Map<LoopId, Loop>();
  readonly statements: Statement[] = [];
  readonly accesses: Access[] = [];
  readonly arrays: ArrayInfo[] = [];
  readonly scalars: ScalarInfo[] = [];
  readonly scopes: Scope[] = [];
  /** The module scope's value model: what a function's globals refer to. Set once the module is lowered. */
  moduleValues: ValueModel | null = null;
  private readonly symbols = new Map<string, SymbolInfo>();
  private readonly diagnostics: Diagnostic[] = [];
  private readonly diagnosticKeys = new Set<string>();
  private readonly scopeNames = new Set<string>();

  constructor(
    readonly source: string,
    readonly imports: ImportTable,
    readonly loopIds: ReadonlyMap<ForStmt, LoopId>,
    readonly hazards: FileHazards,
  ) {}

  lowerScope(input: ScopeInput): void {
    const facts = collectScopeFacts(input);
    const lowerer = new ScopeLowerer(this, input, facts);
    this.scopes.push(lowerer.run());
    for (const fn of facts.functions)
      this.lowerScope({ name: this.uniqueScopeName(fn.name), params: fn.params, body: fn.body, source: this.source });
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

  /** The warning beside an obstacle, under its kind's stable code (`DIAGNOSTIC_CODE`). */
  obstacleDiagnostic(kind: Obstacle['kind'], message: string, range: SourceRange): void {
    this.diagnostic('warning', DIAGNOSTIC_CODE[kind], message, range);
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
      scalars: this.scalars,
      symbols: [...this.symbols.values()],
      diagnostics,
      escapingNames: this.hazards.globalNames,
    };
  }
}
