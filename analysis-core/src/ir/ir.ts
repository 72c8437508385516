/**
 * Loupe's loop IR: what the dependence analysis, verdicts, explanations and code generation consume.
 * Produced from the syntax by `lower.ts`. Plain readonly data (structured-clonable for the Worker).
 *
 * Shape: a Program holds scopes (the module's top level and each function); each scope has a tree of
 * regions (loops, ifs, statements) and flat tables (loops, statements, accesses) indexed by id for the
 * pairwise dependence phase. Anything Loupe cannot model is kept with a reason (`Obstacle`) so a verdict
 * can say exactly what stopped it — an obstacle never disappears silently.
 */
import type { Affine } from '../affine/affine.js';
import type { SourceRange, Diagnostic } from '../parse/source.js';

export type LoopId = number;
export type StmtId = number;
export type AccessId = number;

/** Why something could not be analysed. Attached to loops (and inherited by enclosing loops where relevant). */
export interface Obstacle {
  readonly kind:
    | 'not-range' // for x in something other than range(...)
    | 'non-affine-bound'
    | 'non-constant-step'
    | 'zero-step'
    | 'non-affine-subscript' // a[i*j], a[idx[i]]
    | 'indirect-subscript'
    | 'slice' // a[1:n]
    | 'unknown-call' // call to a function that may write its arguments or globals
    | 'while' // a while loop inside the nest
    | 'break' // break/continue/return: iteration count not fixed
    | 'alias' // two names may denote the same array
    | 'loop-var-assigned' // the loop variable is assigned in the body
    | 'unsupported-statement'
    | 'unsupported-expression'
    | 'scalar-in-subscript' // a subscript uses a scalar assigned inside the loop
    | 'syntax-error' // the loop's code (or its scope's) does not parse: nothing is decided
    | 'dynamic-code'; // exec/eval/globals()/…: any name may be re-bound
  readonly message: string;
  readonly range: SourceRange;
}

export type Bound = { readonly kind: 'affine'; readonly expr: Affine } | { readonly kind: 'non-affine'; readonly text: string };

export interface Loop {
  readonly kind: 'loop';
  readonly id: LoopId;
  readonly var: string;
  /** `range(start, stop, step)`; for a non-range loop both bounds are non-affine and `step` is null. */
  readonly start: Bound;
  readonly stop: Bound;
  /** Constant step (negative for reversed loops); null when not a compile-time integer. */
  readonly step: bigint | null;
  /** 1-based line of the `for` statement. */
  readonly line: number;
  readonly range: SourceRange;
  readonly headerRange: SourceRange;
  /** Enclosing loops, outermost first (not including this one). */
  readonly outer: readonly LoopId[];
  readonly scope: string;
  readonly body: readonly Region[];
  /** Things inside this loop (or in its header) that prevent an exact analysis. Empty when analysable. */
  readonly obstacles: readonly Obstacle[];
}

export interface IfRegion {
  readonly kind: 'if';
  /** Source text of the condition; the analysis treats guarded statements as may-execute. */
  readonly test: string;
  readonly range: SourceRange;
  readonly then: readonly Region[];
  readonly orelse: readonly Region[];
  /** The pseudo-statement (target null, rhs = the condition) that holds the condition's reads; it precedes this region. */
  readonly testStmt?: StmtId;
}

export interface StmtRegion {
  readonly kind: 'stmt';
  readonly id: StmtId;
}

export type Region = Loop | IfRegion | StmtRegion;

/** How a statement updates its target, for reduction recognition. */
export type UpdateShape =
  | { readonly kind: 'assign' }
  /** `t op= e`, `t = t op e`, `t = e op t` (commutative ops), `t = min(t, e)`, `t = max(t, e)` — with `e` not reading `t`. */
  | { readonly kind: 'update'; readonly op: '+' | '-' | '*' | 'min' | 'max' | '&' | '|' | '^' }
  | { readonly kind: 'other' };

export type Subscript =
  | { readonly kind: 'affine'; readonly expr: Affine; readonly text: string }
  | { readonly kind: 'non-affine'; readonly text: string; readonly reason: string };

export interface Access {
  readonly id: AccessId;
  readonly stmt: StmtId;
  /** Array or scalar name as written (after resolving simple aliases). */
  readonly variable: string;
  readonly target: 'array' | 'scalar';
  readonly mode: 'read' | 'write';
  /** One per dimension (`a[i][j]` and `a[i, j]` both give two); empty for scalars. */
  readonly subscripts: readonly Subscript[];
  /** Source text, e.g. `a[i + 1]`, and its range. */
  readonly text: string;
  readonly range: SourceRange;
  /** Evaluation order within the statement: all reads of the right-hand side come before the write. */
  readonly order: number;
}

export interface Statement {
  readonly id: StmtId;
  readonly line: number;
  readonly range: SourceRange;
  readonly text: string;
  /** Enclosing loops, outermost first. */
  readonly loops: readonly LoopId[];
  /** Inside an `if` within its innermost loop nest (may not execute every iteration). */
  readonly guarded: boolean;
  readonly accesses: readonly AccessId[];
  readonly shape: UpdateShape;
  /** Position in source order among all statements of the scope (for loop-independent ordering). */
  readonly order: number;
  /** The expression assigned, as IR, for code generation; null when the statement is not an assignment. */
  readonly rhs: ValueExpr | null;
  /** The assigned target's access id (array element or scalar), null for expression statements. */
  readonly target: AccessId | null;
}

/** Value expressions for code generation and the oracle's interpreter (subset of Python arithmetic). */
export type ValueExpr =
  | { readonly kind: 'const'; readonly value: number; readonly isInt: boolean }
  | { readonly kind: 'ref'; readonly access: AccessId }
  | { readonly kind: 'loopvar'; readonly name: string }
  | { readonly kind: 'symbol'; readonly name: string }
  /** Bitwise ops serve `&=`/`|=`/`^=` reductions; `and`/`or` serve guards (Python's short-circuit, as values). */
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/' | '//' | '%' | '**' | '&' | '|' | '^' | '<<' | '>>' | 'and' | 'or';
      readonly left: ValueExpr;
      readonly right: ValueExpr;
    }
  | { readonly kind: 'unary'; readonly op: '-' | '+' | '~' | 'not'; readonly operand: ValueExpr }
  /** `user`: a callee Loupe did not resolve to a known function (the user's own `max` is not the builtin). */
  | { readonly kind: 'call'; readonly fn: string; readonly args: readonly ValueExpr[]; readonly user?: true }
  | { readonly kind: 'compare'; readonly op: '<' | '<=' | '>' | '>=' | '==' | '!='; readonly left: ValueExpr; readonly right: ValueExpr }
  | { readonly kind: 'select'; readonly test: ValueExpr; readonly then: ValueExpr; readonly orelse: ValueExpr }
  | { readonly kind: 'opaque'; readonly text: string };

export interface ArrayInfo {
  readonly name: string;
  /** Largest number of subscripts seen (rank as used). */
  readonly rank: number;
  readonly scope: string;
  /** Function parameter (may alias other parameters: assumed distinct, stated as an assumption). */
  readonly isParameter: boolean;
  /** A module-level name the file never assigns: an input of the snippet, assumed distinct like a parameter. */
  readonly isFreeInput: boolean;
  /** Allocated in this scope (`np.zeros`, `np.empty`, …): provably distinct from every other array. */
  readonly isLocalAllocation: boolean;
  /**
   * Its elements are numbers (a NumPy array, a list of numbers), as reductions need: `t[k] += [x]` on a
   * list of lists concatenates. Parameters and globals count as NumPy arrays (an assumption verdicts state).
   */
  readonly numericElements: boolean;
  /** Why the elements are not known to be numbers (when `numericElements` is false). */
  readonly notNumericWhy: string | null;
  /**
   * A parameter or module global read as `a[i][j]`: if it is a list, its rows may be one object. Verdicts
   * state the assumption that it is a NumPy array (or a list of distinct rows).
   */
  readonly rowsAssumed: boolean;
}

/** A tracked scalar (assigned inside some loop): whether every binding gives it a number. */
export interface ScalarInfo {
  readonly name: string;
  readonly scope: string;
  readonly numeric: boolean;
  /** Some binding may be a float: reassociating `+`/`*` may change the rounding. */
  readonly float: boolean;
  /** Why it is not known to be a number (when `numeric` is false). */
  readonly why: string | null;
}

export type SymbolKind = 'int' | 'extent';

/** A free integer symbol: a name read but never assigned in loops (`n`, `k`), or an extent `a.shape[0]` / `len(a)`. */
export interface SymbolInfo {
  readonly name: string;
  readonly kind: SymbolKind;
  /** For extents: which array and dimension. */
  readonly array?: string;
  readonly dim?: number;
}

export interface Scope {
  readonly name: string; // '<module>' or the function name
  readonly params: readonly string[];
  readonly body: readonly Region[];
}

export interface Program {
  readonly source: string;
  readonly scopes: readonly Scope[];
  /** Every `for` loop in the file, in source order (index = id). */
  readonly loops: readonly Loop[];
  readonly statements: readonly Statement[];
  readonly accesses: readonly Access[];
  readonly arrays: readonly ArrayInfo[];
  readonly scalars: readonly ScalarInfo[];
  readonly symbols: readonly SymbolInfo[];
  readonly diagnostics: readonly Diagnostic[];
  /** Names some function declares `global` or `nonlocal`: code outside the loop's function sees them. */
  readonly escapingNames: ReadonlySet<string>;
}

/** Canonical symbol names for extents, shared by lowering, bindings and codegen. */
export const extentSymbol = (array: string, dim: number): string => `${array}.shape[${dim}]`;
