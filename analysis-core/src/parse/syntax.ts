/**
 * Loupe's own readonly syntax for the Python subset it reasons about. The tree-sitter adapter
 * (`treeSitterAdapter.ts`) is the only producer; every later phase consumes this and never sees
 * tree-sitter. Constructs Loupe does not model keep their range and a `what`, so later phases can
 * explain precisely what stopped them instead of silently dropping code.
 */
import type { SourceRange, Diagnostic } from './source.js';

export type BinaryOp = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '@' | '&' | '|' | '^' | '<<' | '>>';
export type UnaryOp = '-' | '+' | '~' | 'not';
export type CompareOp = '<' | '<=' | '>' | '>=' | '==' | '!=' | 'in' | 'not in' | 'is' | 'is not';
export type AugOp = BinaryOp;

interface Node {
  readonly range: SourceRange;
}

export interface NameExpr extends Node {
  readonly kind: 'name';
  readonly id: string;
}
export interface IntExpr extends Node {
  readonly kind: 'int';
  readonly value: bigint;
}
export interface FloatExpr extends Node {
  readonly kind: 'float';
  readonly value: number;
  readonly text: string;
}
export interface BoolExpr extends Node {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface NoneExpr extends Node {
  readonly kind: 'none';
}
export interface StringExpr extends Node {
  readonly kind: 'string';
}
export interface BinaryExpr extends Node {
  readonly kind: 'binary';
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
}
export interface UnaryExpr extends Node {
  readonly kind: 'unary';
  readonly op: UnaryOp;
  readonly operand: Expr;
}
export interface CompareExpr extends Node {
  readonly kind: 'compare';
  readonly ops: readonly CompareOp[];
  /** `ops.length + 1` operands: `a < b <= c` has operands [a, b, c]. */
  readonly operands: readonly Expr[];
}
export interface BoolOpExpr extends Node {
  readonly kind: 'boolop';
  readonly op: 'and' | 'or';
  readonly operands: readonly Expr[];
}
export interface Keyword {
  readonly name: string;
  readonly value: Expr;
}
export interface CallExpr extends Node {
  readonly kind: 'call';
  readonly callee: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
  /** `*args` / `**kwargs` at the call site make arity unknowable. */
  readonly hasStarArgs: boolean;
}
export interface AttributeExpr extends Node {
  readonly kind: 'attribute';
  readonly object: Expr;
  readonly attr: string;
}
/** `a[i, j]` has two indices; `a[i][j]` is a subscript of a subscript. */
export interface SubscriptExpr extends Node {
  readonly kind: 'subscript';
  readonly value: Expr;
  readonly indices: readonly Expr[];
}
export interface SliceExpr extends Node {
  readonly kind: 'slice';
  readonly lower: Expr | null;
  readonly upper: Expr | null;
  readonly step: Expr | null;
}
export interface TupleExpr extends Node {
  readonly kind: 'tuple';
  readonly elements: readonly Expr[];
}
export interface ListExpr extends Node {
  readonly kind: 'list';
  readonly elements: readonly Expr[];
}
export interface ConditionalExpr extends Node {
  readonly kind: 'conditional';
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}
/** Lambdas, comprehensions, f-strings, walrus, starred, …: kept opaque with the tree-sitter node type. */
export interface UnsupportedExpr extends Node {
  readonly kind: 'unsupported-expr';
  readonly what: string;
  /** A list comprehension's element expression (`row` in `[row for _ in range(n)]`), for the value model only. */
  readonly element?: Expr;
}

export type Expr =
  | NameExpr
  | IntExpr
  | FloatExpr
  | BoolExpr
  | NoneExpr
  | StringExpr
  | BinaryExpr
  | UnaryExpr
  | CompareExpr
  | BoolOpExpr
  | CallExpr
  | AttributeExpr
  | SubscriptExpr
  | SliceExpr
  | TupleExpr
  | ListExpr
  | ConditionalExpr
  | UnsupportedExpr;

export interface ForStmt extends Node {
  readonly kind: 'for';
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
  /** The `for … :` header only, for gutter badges and hovers. */
  readonly headerRange: SourceRange;
}
export interface WhileStmt extends Node {
  readonly kind: 'while';
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}
export interface IfStmt extends Node {
  readonly kind: 'if';
  readonly test: Expr;
  readonly body: readonly Stmt[];
  /** `elif` chains become a single nested `if` here. */
  readonly orelse: readonly Stmt[];
}
export interface AssignStmt extends Node {
  readonly kind: 'assign';
  /** `a = b = e` has targets [a, b]. */
  readonly targets: readonly Expr[];
  readonly value: Expr;
}
export interface AugAssignStmt extends Node {
  readonly kind: 'augassign';
  readonly target: Expr;
  readonly op: AugOp;
  readonly value: Expr;
}
export interface ExprStmt extends Node {
  readonly kind: 'expr';
  readonly value: Expr;
}
export interface FunctionDef extends Node {
  readonly kind: 'function';
  readonly name: string;
  readonly params: readonly string[];
  readonly decorators: readonly Expr[];
  readonly body: readonly Stmt[];
}
export interface ReturnStmt extends Node {
  readonly kind: 'return';
  readonly value: Expr | null;
}
export interface JumpStmt extends Node {
  readonly kind: 'break' | 'continue' | 'pass';
}
export interface ImportStmt extends Node {
  readonly kind: 'import';
  /** `import numpy as np` → { module: 'numpy', alias: 'np' }; `from math import sqrt` → { module: 'math', name: 'sqrt', alias: 'sqrt' }. */
  readonly names: readonly { readonly module: string; readonly name: string | null; readonly alias: string }[];
}
/** `with`, `try`, `class`, …: their statements are still visited (loops inside them are still loops). */
export interface OtherCompoundStmt extends Node {
  readonly kind: 'compound';
  readonly what: string;
  readonly body: readonly Stmt[];
}
/** `global`, `del`, `raise`, `assert`, …: a statement Loupe does not model. */
export interface UnsupportedStmt extends Node {
  readonly kind: 'unsupported-stmt';
  readonly what: string;
}

export type Stmt =
  | ForStmt
  | WhileStmt
  | IfStmt
  | AssignStmt
  | AugAssignStmt
  | ExprStmt
  | FunctionDef
  | ReturnStmt
  | JumpStmt
  | ImportStmt
  | OtherCompoundStmt
  | UnsupportedStmt;

export interface Module {
  readonly kind: 'module';
  readonly body: readonly Stmt[];
  readonly range: SourceRange;
}

export interface ParseResult {
  readonly module: Module;
  readonly diagnostics: readonly Diagnostic[];
  /** Milliseconds spent in tree-sitter plus conversion. */
  readonly parseMs: number;
}
