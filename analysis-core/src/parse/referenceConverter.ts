/**
 * The adapter's conversion as it was before `SyntaxNode` (treeSitterAdapter.ts): it asks tree-sitter's Node
 * API, a wasm call each time, for every property it reads, as often as it reads it. Kept unchanged only as
 * the reference that test/adapterEquivalence.test.ts holds the fast conversion to, result for result;
 * nothing in the product calls it. Only the adapter may import web-tree-sitter, hence the structural type. */
import type { Diagnostic, SourceRange } from './source.js';
import type * as S from './syntax.js';

/** The part of web-tree-sitter's `Node` the reference conversion reads. */
export interface ReferenceNode {
  readonly type: string;
  readonly text: string;
  readonly isNamed: boolean;
  readonly isMissing: boolean;
  readonly hasError: boolean;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly startPosition: { readonly row: number; readonly column: number };
  readonly endPosition: { readonly row: number; readonly column: number };
  readonly childCount: number;
  readonly children: readonly (ReferenceNode | null)[];
  readonly namedChildren: readonly (ReferenceNode | null)[];
  child(index: number): ReferenceNode | null;
  childForFieldName(fieldName: string): ReferenceNode | null;
  childrenForFieldName(fieldName: string): readonly (ReferenceNode | null)[];
}

type TSNode = ReferenceNode;

const MAX_DEPTH = 200;
const MAX_DIAGNOSTICS = 50;

/** The old adapter's result for a parsed tree (`parseMs` is the caller's). */
export function convertWithNodeApi(root: ReferenceNode): { module: S.Module; diagnostics: Diagnostic[] } {
  const converter = new Converter();
  const module = converter.module(root);
  return { module, diagnostics: converter.diagnostics };
}

function rangeOf(node: TSNode): SourceRange {
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column },
    startOffset: node.startIndex,
    endOffset: node.endIndex,
  };
}

function spanRange(from: TSNode, to: TSNode): SourceRange {
  const a = rangeOf(from);
  const b = rangeOf(to);
  return { start: a.start, end: b.end, startOffset: a.startOffset, endOffset: b.endOffset };
}

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>']);
const COMPARE_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=', 'in', 'not in', 'is', 'is not', '<>']);

class Converter {
  readonly diagnostics: Diagnostic[] = [];
  private depth = 0;

  module(root: TSNode): S.Module {
    this.collectSyntaxErrors(root);
    return { kind: 'module', body: this.statements(root.namedChildren), range: rangeOf(root) };
  }

  private report(node: TSNode, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push({ severity, code, message, range: rangeOf(node) });
  }

  /** Iterative walk: error nodes can be deep, and recursion must not depend on the user's nesting. */
  private collectSyntaxErrors(root: TSNode): void {
    if (!root.hasError) return;
    const stack: TSNode[] = [root];
    while (stack.length > 0 && this.diagnostics.length < MAX_DIAGNOSTICS) {
      const node = stack.pop()!;
      if (node.isMissing) {
        this.report(node, 'syntax-missing', `Syntax error: missing \`${node.type}\`.`);
        continue;
      }
      if (node.type === 'ERROR') {
        const text = node.text.split('\n')[0]!.trim();
        const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
        this.report(node, 'syntax-error', shown ? `Syntax error near \`${shown}\`.` : 'Syntax error.');
        continue;
      }
      if (!node.hasError) continue;
      for (let i = node.childCount - 1; i >= 0; i--) {
        const child = node.child(i);
        if (child) stack.push(child);
      }
    }
  }

  private statements(nodes: readonly (TSNode | null)[]): S.Stmt[] {
    const out: S.Stmt[] = [];
    for (const node of nodes) {
      if (!node || node.type === 'comment' || node.type === 'ERROR' || node.isMissing) continue;
      const stmt = this.statement(node);
      if (stmt) out.push(...stmt);
    }
    return out;
  }

  private block(node: TSNode | null): S.Stmt[] {
    if (!node) return [];
    if (node.type === 'block') return this.statements(node.namedChildren);
    return this.statements([node]);
  }

  private statement(node: TSNode): S.Stmt[] | null {
    const range = rangeOf(node);
    switch (node.type) {
      case 'expression_statement':
        return node.namedChildren.filter((c): c is TSNode => c !== null).map((c) => this.simpleStatement(c, range));
      case 'for_statement': {
        const body = node.childForFieldName('body');
        const header = spanRange(node, node.children.find((c) => c?.type === ':') ?? node);
        const alt = node.childForFieldName('alternative');
        return [
          {
            kind: 'for',
            target: this.expr(node.childForFieldName('left')),
            iter: this.expr(node.childForFieldName('right')),
            body: this.block(body),
            orelse: alt ? this.block(alt.childForFieldName('body')) : [],
            headerRange: header,
            range,
          },
        ];
      }
      case 'while_statement': {
        const alt = node.childForFieldName('alternative');
        return [
          {
            kind: 'while',
            test: this.expr(node.childForFieldName('condition')),
            body: this.block(node.childForFieldName('body')),
            orelse: alt ? this.block(alt.childForFieldName('body')) : [],
            range,
          },
        ];
      }
      case 'if_statement':
        return [
          this.ifChain(
            node,
            node.childrenForFieldName('alternative').filter((c): c is TSNode => c !== null),
            range,
          ),
        ];
      case 'function_definition':
        return [this.functionDef(node, [], range)];
      case 'decorated_definition': {
        const def = node.childForFieldName('definition');
        const decorators = node.namedChildren
          .filter((c): c is TSNode => c?.type === 'decorator')
          .map((d) => this.expr(d.namedChildren[0] ?? null));
        if (def?.type === 'function_definition') return [this.functionDef(def, decorators, range)];
        if (def) return this.statement(def);
        return null;
      }
      case 'return_statement':
        return [{ kind: 'return', value: node.namedChildren[0] ? this.expr(node.namedChildren[0]) : null, range }];
      case 'break_statement':
        return [{ kind: 'break', range }];
      case 'continue_statement':
        return [{ kind: 'continue', range }];
      case 'pass_statement':
        return [{ kind: 'pass', range }];
      case 'import_statement':
      case 'import_from_statement':
        return [this.importStmt(node, range)];
      case 'class_definition':
        return [{ kind: 'compound', what: 'class', body: this.block(node.childForFieldName('body')), range }];
      case 'with_statement':
        return [{ kind: 'compound', what: 'with', body: this.block(node.childForFieldName('body')), range }];
      case 'try_statement': {
        const parts: S.Stmt[] = this.block(node.childForFieldName('body'));
        for (const clause of node.namedChildren) {
          if (!clause || clause.type === 'block') continue;
          const inner = clause.namedChildren.find((c) => c?.type === 'block') ?? null;
          parts.push(...this.block(inner));
        }
        return [{ kind: 'compound', what: 'try', body: parts, range }];
      }
      case 'match_statement':
        return [{ kind: 'compound', what: 'match', body: this.nestedBlocks(node), range }];
      default:
        return [{ kind: 'unsupported-stmt', what: node.type.replace(/_statement$/, ''), range }];
    }
  }

  /** All statements in any `block` below `node` (used for `match`, whose case bodies Loupe does not model). */
  private nestedBlocks(node: TSNode): S.Stmt[] {
    const out: S.Stmt[] = [];
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'block') out.push(...this.block(child));
      else out.push(...this.nestedBlocks(child));
    }
    return out;
  }

  /** `elif` clauses carry the same `condition`/`consequence` fields as `if`, so one function folds the chain. */
  private ifChain(node: TSNode, alternatives: readonly TSNode[], range: SourceRange): S.IfStmt {
    const [first, ...rest] = alternatives;
    let orelse: S.Stmt[] = [];
    if (first?.type === 'elif_clause') orelse = [this.ifChain(first, rest, rangeOf(first))];
    else if (first?.type === 'else_clause') orelse = this.block(first.childForFieldName('body'));
    return {
      kind: 'if',
      test: this.expr(node.childForFieldName('condition')),
      body: this.block(node.childForFieldName('consequence')),
      orelse,
      range,
    };
  }

  private functionDef(node: TSNode, decorators: S.Expr[], range: SourceRange): S.FunctionDef {
    const params: string[] = [];
    for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (!p) continue;
      if (p.type === 'identifier') params.push(p.text);
      else {
        const name = p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier') ?? null;
        if (name) params.push(name.text);
      }
    }
    return {
      kind: 'function',
      name: node.childForFieldName('name')?.text ?? '<anonymous>',
      params,
      decorators,
      body: this.block(node.childForFieldName('body')),
      range,
    };
  }

  private importStmt(node: TSNode, range: SourceRange): S.ImportStmt {
    const names: { module: string; name: string | null; alias: string }[] = [];
    if (node.type === 'import_statement') {
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'aliased_import') {
          const module = n.childForFieldName('name')?.text ?? '';
          names.push({ module, name: null, alias: n.childForFieldName('alias')?.text ?? module });
        } else {
          names.push({ module: n.text, name: null, alias: n.text.split('.')[0]! });
        }
      }
    } else {
      const module = node.childForFieldName('module_name')?.text ?? '';
      for (const n of node.childrenForFieldName('name')) {
        if (!n) continue;
        if (n.type === 'aliased_import') {
          const name = n.childForFieldName('name')?.text ?? '';
          names.push({ module, name, alias: n.childForFieldName('alias')?.text ?? name });
        } else {
          names.push({ module, name: n.text, alias: n.text });
        }
      }
    }
    return { kind: 'import', names, range };
  }

  private simpleStatement(node: TSNode, stmtRange: SourceRange): S.Stmt {
    if (node.type === 'assignment') {
      const targets: S.Expr[] = [];
      let cur: TSNode | null = node;
      // `a = b = e` nests as assignment(left=a, right=assignment(left=b, right=e)).
      while (cur?.type === 'assignment') {
        targets.push(this.expr(cur.childForFieldName('left')));
        const right: TSNode | null = cur.childForFieldName('right');
        if (right === null) {
          // Annotation without value (`x: int`): nothing is assigned.
          return { kind: 'pass', range: stmtRange };
        }
        cur = right;
      }
      return { kind: 'assign', targets, value: this.expr(cur), range: stmtRange };
    }
    if (node.type === 'augmented_assignment') {
      const opText = node.childForFieldName('operator')?.type ?? '+=';
      const op = opText.slice(0, -1);
      const target = this.expr(node.childForFieldName('left'));
      const value = this.expr(node.childForFieldName('right'));
      if (!BINARY_OPS.has(op)) return { kind: 'unsupported-stmt', what: `augmented assignment ${opText}`, range: stmtRange };
      return { kind: 'augassign', target, op: op as S.AugOp, value, range: stmtRange };
    }
    return { kind: 'expr', value: this.expr(node), range: stmtRange };
  }

  expr(node: TSNode | null): S.Expr {
    if (node === null) {
      return {
        kind: 'unsupported-expr',
        what: 'missing expression',
        range: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 }, startOffset: 0, endOffset: 0 },
      };
    }
    if (this.depth >= MAX_DEPTH) {
      this.report(node, 'too-deep', `Expression nested more than ${MAX_DEPTH} levels deep; Loupe does not analyse it.`, 'warning');
      return { kind: 'unsupported-expr', what: 'deeply nested expression', range: rangeOf(node) };
    }
    this.depth++;
    try {
      return this.exprInner(node);
    } finally {
      this.depth--;
    }
  }

  private exprInner(node: TSNode): S.Expr {
    const range = rangeOf(node);
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', id: node.text, range };
      case 'integer':
        return parseInteger(node.text, range);
      case 'float': {
        const text = node.text.replace(/_/g, '');
        if (/[jJ]$/.test(text)) return { kind: 'unsupported-expr', what: 'complex literal', range };
        return { kind: 'float', value: Number(text), text: node.text, range };
      }
      case 'true':
      case 'false':
        return { kind: 'bool', value: node.type === 'true', range };
      case 'none':
        return { kind: 'none', range };
      case 'string':
      case 'concatenated_string':
        return { kind: 'string', range };
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c?.type !== 'comment') ?? null;
        return this.expr(inner);
      }
      case 'binary_operator': {
        const op = node.childForFieldName('operator')?.type ?? '';
        if (!BINARY_OPS.has(op)) return { kind: 'unsupported-expr', what: `operator ${op}`, range };
        return {
          kind: 'binary',
          op: op as S.BinaryOp,
          left: this.expr(node.childForFieldName('left')),
          right: this.expr(node.childForFieldName('right')),
          range,
        };
      }
      case 'unary_operator': {
        const op = node.childForFieldName('operator')?.type ?? '';
        return {
          kind: 'unary',
          op: op === '-' || op === '+' || op === '~' ? op : '-',
          operand: this.expr(node.childForFieldName('argument')),
          range,
        };
      }
      case 'not_operator':
        return { kind: 'unary', op: 'not', operand: this.expr(node.childForFieldName('argument')), range };
      case 'boolean_operator': {
        const op = node.childForFieldName('operator')?.type === 'or' ? 'or' : 'and';
        return {
          kind: 'boolop',
          op,
          operands: [this.expr(node.childForFieldName('left')), this.expr(node.childForFieldName('right'))],
          range,
        };
      }
      case 'comparison_operator': {
        const operands = node.namedChildren.filter((c): c is TSNode => c !== null && c.type !== 'comment').map((c) => this.expr(c));
        const ops = node.childrenForFieldName('operators').map((o) => (o?.type ?? '==').replace(/\s+/g, ' '));
        if (ops.some((o) => !COMPARE_OPS.has(o)) || ops.length + 1 !== operands.length) {
          return { kind: 'unsupported-expr', what: 'comparison', range };
        }
        return { kind: 'compare', ops: ops.map((o) => (o === '<>' ? '!=' : o)) as S.CompareOp[], operands, range };
      }
      case 'conditional_expression': {
        const [body, test, orelse] = node.namedChildren;
        return {
          kind: 'conditional',
          body: this.expr(body ?? null),
          test: this.expr(test ?? null),
          orelse: this.expr(orelse ?? null),
          range,
        };
      }
      case 'call': {
        const argsNode = node.childForFieldName('arguments');
        const callee = this.expr(node.childForFieldName('function'));
        if (argsNode?.type !== 'argument_list') return { kind: 'unsupported-expr', what: 'call with a generator argument', range };
        const args: S.Expr[] = [];
        const keywords: S.Keyword[] = [];
        let hasStarArgs = false;
        for (const a of argsNode.namedChildren) {
          if (!a || a.type === 'comment') continue;
          if (a.type === 'keyword_argument') {
            keywords.push({ name: a.childForFieldName('name')?.text ?? '', value: this.expr(a.childForFieldName('value')) });
          } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
            hasStarArgs = true;
          } else {
            args.push(this.expr(a));
          }
        }
        return { kind: 'call', callee, args, keywords, hasStarArgs, range };
      }
      case 'attribute':
        return {
          kind: 'attribute',
          object: this.expr(node.childForFieldName('object')),
          attr: node.childForFieldName('attribute')?.text ?? '',
          range,
        };
      case 'subscript': {
        const indices = node
          .childrenForFieldName('subscript')
          .filter((c): c is TSNode => c !== null)
          .map((c) => this.expr(c));
        return { kind: 'subscript', value: this.expr(node.childForFieldName('value')), indices, range };
      }
      case 'slice': {
        // Children: [lower] ':' [upper] [':' [step]] — positions relative to the colons.
        const parts: (TSNode | null)[] = [null, null, null];
        let slot = 0;
        for (const c of node.children) {
          if (!c) continue;
          if (c.type === ':') slot++;
          else if (c.isNamed && c.type !== 'comment') parts[slot] = c;
        }
        return {
          kind: 'slice',
          lower: parts[0] ? this.expr(parts[0]) : null,
          upper: parts[1] ? this.expr(parts[1]) : null,
          step: parts[2] ? this.expr(parts[2]) : null,
          range,
        };
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
      case 'tuple_pattern':
        return {
          kind: 'tuple',
          elements: node.namedChildren.filter((c): c is TSNode => c !== null && c.type !== 'comment').map((c) => this.expr(c)),
          range,
        };
      case 'list':
      case 'list_pattern':
        return {
          kind: 'list',
          elements: node.namedChildren.filter((c): c is TSNode => c !== null && c.type !== 'comment').map((c) => this.expr(c)),
          range,
        };
      default:
        if (node.type === 'list_comprehension')
          return { kind: 'unsupported-expr', what: 'list comprehension', range, element: this.expr(node.childForFieldName('body')) };
        return { kind: 'unsupported-expr', what: node.type.replace(/_/g, ' '), range };
    }
  }
}

function parseInteger(text: string, range: SourceRange): S.Expr {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) return { kind: 'unsupported-expr', what: 'complex literal', range };
  try {
    // Python 2 style octal ("017") is a syntax error in Python 3; BigInt would read it as decimal.
    if (/^0\d/.test(clean) && !/^0+$/.test(clean)) return { kind: 'unsupported-expr', what: 'legacy octal literal', range };
    return { kind: 'int', value: BigInt(clean.replace(/[lL]$/, '')), range };
  } catch {
    return { kind: 'unsupported-expr', what: 'integer literal', range };
  }
}
