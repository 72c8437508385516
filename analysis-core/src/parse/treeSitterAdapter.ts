/**
 * The tree-sitter adapter: the only module in analysis-core that imports web-tree-sitter. It turns Python
 * text into Loupe's readonly syntax (`syntax.ts`) plus diagnostics with ranges, and never throws on user
 * input. The host (Node CLI/server or a browser Worker) says where the two wasm files are, so this module
 * stays free of Node and DOM APIs.
 *
 * Every property of a tree-sitter `Node` is a call into wasm behind JavaScript glue that marshals the node
 * and allocates a `Node` per child, and converting through that API cost most of what the parse itself did. The
 * tree is instead copied once into typed arrays by a cursor walk over web-tree-sitter's wasm exports
 * (treeMirror.ts), and `SyntaxNode` reads the copy; positions come from offsets and a table of line starts.
 * Over the shared corpus the conversion became 1.6 times faster (see treeMirror.ts for the numbers).
 * test/adapterEquivalence.test.ts holds it to the conversion through the `Node` API, kept in
 * referenceConverter.ts. Trees with syntax errors are still walked through `Node` for their diagnostics,
 * which are few.
 */
import { Parser, Language, type Node as TSNode, type Tree } from 'web-tree-sitter';
import type { Diagnostic, Position, SourceRange } from './source.js';
import type * as S from './syntax.js';
import { convertWithNodeApi } from './referenceConverter.js';
import { cursorExports, MISSING, NAMED, NONE, TreeMirror, type CursorExports } from './treeMirror.js';
import { nowMs as now } from '../util/clock.js';

export interface ParserHost {
  /** URL or path of `web-tree-sitter.wasm`; omit in Node to let web-tree-sitter find its own. */
  readonly runtimeWasm?: string;
  /** URL, path or bytes of `tree-sitter-python.wasm`. */
  readonly languageWasm: string | Uint8Array;
}

export interface PythonParser {
  parse(source: string): S.ParseResult;
}

/** Deeper expression nesting than this is reported instead of recursed into (the JS stack is finite). */
const MAX_DEPTH = 200;
const MAX_DIAGNOSTICS = 50;

/**
 * `Parser.init` runs once per realm; emscripten fills the options object it is given with the module's
 * exports, so the first (and only) call is where the mirror's wasm exports can be had.
 */
let runtime: Promise<CursorExports> | null = null;

function initRuntime(host: ParserHost): Promise<CursorExports> {
  runtime ??= (async () => {
    const wasm = host.runtimeWasm;
    const module: { locateFile?: () => string } = wasm === undefined ? {} : { locateFile: () => wasm };
    await Parser.init(module);
    const found = cursorExports(module);
    if ('missing' in found)
      throw new Error(
        `web-tree-sitter lacks the wasm export ${found.missing} that the tree mirror reads; use the version package.json pins`,
      );
    return found;
  })().catch((e: unknown) => {
    runtime = null; // a later parser may try again (say, once the wasm file is where it should be)
    throw e;
  });
  return runtime;
}

async function loadParser(host: ParserHost): Promise<{ parser: Parser; language: Language; wasm: CursorExports }> {
  const wasm = await initRuntime(host);
  const language = await Language.load(host.languageWasm);
  const parser = new Parser();
  parser.setLanguage(language);
  return { parser, language, wasm };
}

export async function createPythonParser(host: ParserHost): Promise<PythonParser> {
  const { parser, language, wasm } = await loadParser(host);
  const grammar = new Grammar(language);
  const mirror = new TreeMirror(wasm);
  return {
    parse(source: string): S.ParseResult {
      const t0 = now();
      const tree = parser.parse(source);
      if (tree === null) return parseFailed(source, t0);
      try {
        const diagnostics: Diagnostic[] = [];
        const root = tree.rootNode;
        // Only a tree with errors has missing nodes: the others skip reading each node's missing flag.
        const hasError = root.hasError;
        if (hasError) collectSyntaxErrors(root, diagnostics);
        mirror.fill(treeAddress(tree), hasError);
        const module = new Converter(source, grammar, hasError, diagnostics).module(new SyntaxNode(mirror, grammar, 0));
        return { module, diagnostics, parseMs: now() - t0 };
      } finally {
        tree.delete();
      }
    },
  };
}

/** web-tree-sitter keeps a tree's wasm address at index 0 (internal, like the exports the mirror calls). */
function treeAddress(tree: Tree): number {
  const address = (tree as unknown as { readonly 0: unknown })[0];
  if (typeof address !== 'number' || address === 0) throw new Error('web-tree-sitter Tree has no wasm address at [0]');
  return address;
}

/**
 * The conversion through tree-sitter's Node API that `createPythonParser` replaced; only the equivalence
 * test uses it (see referenceConverter.ts).
 */
export async function createReferenceParser(host: ParserHost): Promise<PythonParser> {
  const { parser } = await loadParser(host);
  return {
    parse(source: string): S.ParseResult {
      const t0 = now();
      const tree = parser.parse(source);
      if (tree === null) return parseFailed(source, t0);
      try {
        return { ...convertWithNodeApi(tree.rootNode), parseMs: now() - t0 };
      } finally {
        tree.delete();
      }
    },
  };
}

function parseFailed(source: string, t0: number): S.ParseResult {
  const range = rangeOfText(source);
  return {
    module: { kind: 'module', body: [], range },
    diagnostics: [{ severity: 'error', code: 'parse-failed', message: 'The Python parser gave up on this text.', range }],
    parseMs: now() - t0,
  };
}

function rangeOfText(source: string): SourceRange {
  const lines = source.split('\n');
  return {
    start: { line: 1, column: 0 },
    end: { line: lines.length, column: lines[lines.length - 1]?.length ?? 0 },
    startOffset: 0,
    endOffset: source.length,
  };
}

const FIELD_NAMES = [
  'alias',
  'alternative',
  'argument',
  'arguments',
  'attribute',
  'body',
  'condition',
  'consequence',
  'definition',
  'function',
  'left',
  'module_name',
  'name',
  'object',
  'operator',
  'operators',
  'parameters',
  'right',
  'subscript',
  'value',
] as const;

/** Names of the language's node types and fields, read once per parser instead of once per node. */
class Grammar {
  private readonly names: readonly string[];
  /** Field ids by name; -1 for a name the grammar lacks (then, as in tree-sitter, no child has it). */
  readonly field: Readonly<Record<(typeof FIELD_NAMES)[number], number>>;

  constructor(language: Language) {
    // `Node.type` reads `types[id] || "ERROR"`: the error symbol (65535) lies past the table.
    this.names = language.types.map((t) => t || 'ERROR');
    this.field = Object.fromEntries(FIELD_NAMES.map((f) => [f, language.fields.indexOf(f)])) as Grammar['field'];
  }

  typeName(id: number): string {
    return this.names[id] ?? 'ERROR';
  }
}

/**
 * A node of the mirror (treeMirror.ts): reads from its typed arrays, so asking twice costs nothing, and
 * builds child lists on demand. Valid until the parser's next parse refills the mirror.
 */
class SyntaxNode {
  constructor(
    private readonly tree: TreeMirror,
    private readonly grammar: Grammar,
    private readonly index: number,
  ) {}

  get startIndex(): number {
    return this.tree.start[this.index]!;
  }

  get endIndex(): number {
    return this.tree.end[this.index]!;
  }

  get type(): string {
    return this.grammar.typeName(this.tree.type[this.index]!);
  }

  get isNamed(): boolean {
    return (this.tree.flags[this.index]! & NAMED) !== 0;
  }

  get isMissing(): boolean {
    return (this.tree.flags[this.index]! & MISSING) !== 0;
  }

  get namedChildren(): readonly SyntaxNode[] {
    const t = this.tree;
    const out: SyntaxNode[] = [];
    for (let c = t.firstChild[this.index]!; c !== NONE; c = t.nextSibling[c]!) if ((t.flags[c]! & NAMED) !== 0) out.push(this.at(c));
    return out;
  }

  get children(): readonly SyntaxNode[] {
    const t = this.tree;
    const out: SyntaxNode[] = [];
    for (let c = t.firstChild[this.index]!; c !== NONE; c = t.nextSibling[c]!) out.push(this.at(c));
    return out;
  }

  /** `childForFieldName`: the first child in the field; the grammar's field id is looked up once per parser. */
  field(id: number): SyntaxNode | null {
    if (id <= 0) return null;
    const t = this.tree;
    for (let c = t.firstChild[this.index]!; c !== NONE; c = t.nextSibling[c]!) if (t.field[c] === id) return this.at(c);
    return null;
  }

  /** `childrenForFieldName`, likewise. */
  fieldAll(id: number): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    if (id <= 0) return out;
    const t = this.tree;
    for (let c = t.firstChild[this.index]!; c !== NONE; c = t.nextSibling[c]!) if (t.field[c] === id) out.push(this.at(c));
    return out;
  }

  private at(index: number): SyntaxNode {
    return new SyntaxNode(this.tree, this.grammar, index);
  }
}

/** Iterative walk: error nodes can be deep, and recursion must not depend on the user's nesting. */
function collectSyntaxErrors(root: TSNode, diagnostics: Diagnostic[]): void {
  const report = (node: TSNode, code: string, message: string): void => {
    if (diagnostics.length < MAX_DIAGNOSTICS) diagnostics.push({ severity: 'error', code, message, range: nodeRange(node) });
  };
  const stack: TSNode[] = [root];
  while (stack.length > 0 && diagnostics.length < MAX_DIAGNOSTICS) {
    const node = stack.pop()!;
    if (node.isMissing) {
      report(node, 'syntax-missing', `Syntax error: missing \`${node.type}\`.`);
      continue;
    }
    if (node.type === 'ERROR') {
      const text = node.text.split('\n')[0]!.trim();
      const shown = text.length > 30 ? `${text.slice(0, 30)}…` : text;
      report(node, 'syntax-error', shown ? `Syntax error near \`${shown}\`.` : 'Syntax error.');
      continue;
    }
    if (!node.hasError) continue;
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child) stack.push(child);
    }
  }
}

function nodeRange(node: TSNode): SourceRange {
  return {
    start: { line: node.startPosition.row + 1, column: node.startPosition.column },
    end: { line: node.endPosition.row + 1, column: node.endPosition.column },
    startOffset: node.startIndex,
    endOffset: node.endIndex,
  };
}

const BINARY_OPS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '//', '%', '**', '@', '&', '|', '^', '<<', '>>']);
const COMPARE_OPS: ReadonlySet<string> = new Set(['<', '<=', '>', '>=', '==', '!=', 'in', 'not in', 'is', 'is not', '<>']);

class Converter {
  private depth = 0;
  /** Offsets where lines start: tree-sitter counts a row at each '\n' (not at a lone '\r'). */
  private readonly lineStarts: number[] = [0];
  private lastLine = 0;
  private readonly F: Grammar['field'];

  constructor(
    private readonly source: string,
    grammar: Grammar,
    private readonly hasError: boolean,
    readonly diagnostics: Diagnostic[],
  ) {
    this.F = grammar.field;
    for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
  }

  module(root: SyntaxNode): S.Module {
    return { kind: 'module', body: this.statements(root.namedChildren), range: this.rangeOf(root) };
  }

  private position(offset: number): Position {
    const starts = this.lineStarts;
    // The conversion asks in near-source order: try the last line found before searching.
    let lo = this.lastLine;
    if (starts[lo]! <= offset && (lo + 1 === starts.length || offset < starts[lo + 1]!))
      return { line: lo + 1, column: offset - starts[lo]! };
    lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return { line: lo + 1, column: offset - starts[lo]! };
  }

  private rangeOf(node: SyntaxNode): SourceRange {
    return {
      start: this.position(node.startIndex),
      end: this.position(node.endIndex),
      startOffset: node.startIndex,
      endOffset: node.endIndex,
    };
  }

  private spanRange(from: SyntaxNode, to: SyntaxNode): SourceRange {
    return { start: this.position(from.startIndex), end: this.position(to.endIndex), startOffset: from.startIndex, endOffset: to.endIndex };
  }

  private text(node: SyntaxNode): string {
    return this.source.slice(node.startIndex, node.endIndex);
  }

  private report(node: SyntaxNode, code: string, message: string, severity: Diagnostic['severity'] = 'error'): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push({ severity, code, message, range: this.rangeOf(node) });
  }

  private statements(nodes: readonly SyntaxNode[]): S.Stmt[] {
    const out: S.Stmt[] = [];
    for (const node of nodes) {
      if (node.type === 'comment' || node.type === 'ERROR' || (this.hasError && node.isMissing)) continue;
      const stmt = this.statement(node);
      if (stmt) out.push(...stmt);
    }
    return out;
  }

  private block(node: SyntaxNode | null): S.Stmt[] {
    if (!node) return [];
    if (node.type === 'block') return this.statements(node.namedChildren);
    return this.statements([node]);
  }

  private statement(node: SyntaxNode): S.Stmt[] | null {
    const F = this.F;
    const range = this.rangeOf(node);
    switch (node.type) {
      case 'expression_statement':
        return node.namedChildren.map((c) => this.simpleStatement(c, range));
      case 'for_statement': {
        const body = node.field(F.body);
        const header = this.spanRange(node, node.children.find((c) => c.type === ':') ?? node);
        const alt = node.field(F.alternative);
        return [
          {
            kind: 'for',
            target: this.expr(node.field(F.left)),
            iter: this.expr(node.field(F.right)),
            body: this.block(body),
            orelse: alt ? this.block(alt.field(F.body)) : [],
            headerRange: header,
            range,
          },
        ];
      }
      case 'while_statement': {
        const alt = node.field(F.alternative);
        return [
          {
            kind: 'while',
            test: this.expr(node.field(F.condition)),
            body: this.block(node.field(F.body)),
            orelse: alt ? this.block(alt.field(F.body)) : [],
            range,
          },
        ];
      }
      case 'if_statement':
        return [this.ifChain(node, node.fieldAll(F.alternative), range)];
      case 'function_definition':
        return [this.functionDef(node, [], range)];
      case 'decorated_definition': {
        const def = node.field(F.definition);
        const decorators = node.namedChildren.filter((c) => c.type === 'decorator').map((d) => this.expr(d.namedChildren[0] ?? null));
        if (def?.type === 'function_definition') return [this.functionDef(def, decorators, range)];
        if (def) return this.statement(def);
        return null;
      }
      case 'return_statement': {
        const value = node.namedChildren[0];
        return [{ kind: 'return', value: value ? this.expr(value) : null, range }];
      }
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
        return [{ kind: 'compound', what: 'class', body: this.block(node.field(F.body)), range }];
      case 'with_statement':
        return [{ kind: 'compound', what: 'with', body: this.block(node.field(F.body)), range }];
      case 'try_statement': {
        const parts: S.Stmt[] = this.block(node.field(F.body));
        for (const clause of node.namedChildren) {
          if (clause.type === 'block') continue;
          const inner = clause.namedChildren.find((c) => c.type === 'block') ?? null;
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
  private nestedBlocks(node: SyntaxNode): S.Stmt[] {
    const out: S.Stmt[] = [];
    for (const child of node.namedChildren) {
      if (child.type === 'block') out.push(...this.block(child));
      else out.push(...this.nestedBlocks(child));
    }
    return out;
  }

  /** `elif` clauses carry the same `condition`/`consequence` fields as `if`, so one function folds the chain. */
  private ifChain(node: SyntaxNode, alternatives: readonly SyntaxNode[], range: SourceRange): S.IfStmt {
    const F = this.F;
    const [first, ...rest] = alternatives;
    let orelse: S.Stmt[] = [];
    if (first?.type === 'elif_clause') orelse = [this.ifChain(first, rest, this.rangeOf(first))];
    else if (first?.type === 'else_clause') orelse = this.block(first.field(F.body));
    return {
      kind: 'if',
      test: this.expr(node.field(F.condition)),
      body: this.block(node.field(F.consequence)),
      orelse,
      range,
    };
  }

  private functionDef(node: SyntaxNode, decorators: S.Expr[], range: SourceRange): S.FunctionDef {
    const F = this.F;
    const params: string[] = [];
    for (const p of node.field(F.parameters)?.namedChildren ?? []) {
      if (p.type === 'identifier') params.push(this.text(p));
      else {
        const name = p.field(F.name) ?? p.namedChildren.find((c) => c.type === 'identifier') ?? null;
        if (name) params.push(this.text(name));
      }
    }
    const name = node.field(F.name);
    return {
      kind: 'function',
      name: name ? this.text(name) : '<anonymous>',
      params,
      decorators,
      body: this.block(node.field(F.body)),
      range,
    };
  }

  private importStmt(node: SyntaxNode, range: SourceRange): S.ImportStmt {
    const F = this.F;
    const textOr = (n: SyntaxNode | null, fallback: string): string => (n ? this.text(n) : fallback);
    const names: { module: string; name: string | null; alias: string }[] = [];
    if (node.type === 'import_statement') {
      for (const n of node.fieldAll(F.name)) {
        if (n.type === 'aliased_import') {
          const module = textOr(n.field(F.name), '');
          names.push({ module, name: null, alias: textOr(n.field(F.alias), module) });
        } else {
          const text = this.text(n);
          names.push({ module: text, name: null, alias: text.split('.')[0]! });
        }
      }
    } else {
      const module = textOr(node.field(F.module_name), '');
      for (const n of node.fieldAll(F.name)) {
        if (n.type === 'aliased_import') {
          const name = textOr(n.field(F.name), '');
          names.push({ module, name, alias: textOr(n.field(F.alias), name) });
        } else {
          const text = this.text(n);
          names.push({ module, name: text, alias: text });
        }
      }
    }
    return { kind: 'import', names, range };
  }

  private simpleStatement(node: SyntaxNode, stmtRange: SourceRange): S.Stmt {
    const F = this.F;
    if (node.type === 'assignment') {
      const targets: S.Expr[] = [];
      let cur: SyntaxNode | null = node;
      // `a = b = e` nests as assignment(left=a, right=assignment(left=b, right=e)).
      while (cur?.type === 'assignment') {
        targets.push(this.expr(cur.field(F.left)));
        const right: SyntaxNode | null = cur.field(F.right);
        if (right === null) {
          // Annotation without value (`x: int`): nothing is assigned.
          return { kind: 'pass', range: stmtRange };
        }
        cur = right;
      }
      return { kind: 'assign', targets, value: this.expr(cur), range: stmtRange };
    }
    if (node.type === 'augmented_assignment') {
      const opText = node.field(F.operator)?.type ?? '+=';
      const op = opText.slice(0, -1);
      const target = this.expr(node.field(F.left));
      const value = this.expr(node.field(F.right));
      if (!BINARY_OPS.has(op)) return { kind: 'unsupported-stmt', what: `augmented assignment ${opText}`, range: stmtRange };
      return { kind: 'augassign', target, op: op as S.AugOp, value, range: stmtRange };
    }
    return { kind: 'expr', value: this.expr(node), range: stmtRange };
  }

  expr(node: SyntaxNode | null): S.Expr {
    if (node === null) {
      return {
        kind: 'unsupported-expr',
        what: 'missing expression',
        range: { start: { line: 1, column: 0 }, end: { line: 1, column: 0 }, startOffset: 0, endOffset: 0 },
      };
    }
    if (this.depth >= MAX_DEPTH) {
      this.report(node, 'too-deep', `Expression nested more than ${MAX_DEPTH} levels deep; Loupe does not analyse it.`, 'warning');
      return { kind: 'unsupported-expr', what: 'deeply nested expression', range: this.rangeOf(node) };
    }
    this.depth++;
    try {
      return this.exprInner(node);
    } finally {
      this.depth--;
    }
  }

  private exprInner(node: SyntaxNode): S.Expr {
    const F = this.F;
    const range = this.rangeOf(node);
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', id: this.text(node), range };
      case 'integer':
        return parseInteger(this.text(node), range);
      case 'float': {
        const raw = this.text(node);
        const text = raw.replace(/_/g, '');
        if (/[jJ]$/.test(text)) return { kind: 'unsupported-expr', what: 'complex literal', range };
        return { kind: 'float', value: Number(text), text: raw, range };
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
        const inner = node.namedChildren.find((c) => c.type !== 'comment') ?? null;
        return this.expr(inner);
      }
      case 'binary_operator': {
        const op = node.field(F.operator)?.type ?? '';
        if (!BINARY_OPS.has(op)) return { kind: 'unsupported-expr', what: `operator ${op}`, range };
        return {
          kind: 'binary',
          op: op as S.BinaryOp,
          left: this.expr(node.field(F.left)),
          right: this.expr(node.field(F.right)),
          range,
        };
      }
      case 'unary_operator': {
        const op = node.field(F.operator)?.type ?? '';
        return {
          kind: 'unary',
          op: op === '-' || op === '+' || op === '~' ? op : '-',
          operand: this.expr(node.field(F.argument)),
          range,
        };
      }
      case 'not_operator':
        return { kind: 'unary', op: 'not', operand: this.expr(node.field(F.argument)), range };
      case 'boolean_operator': {
        const op = node.field(F.operator)?.type === 'or' ? 'or' : 'and';
        return {
          kind: 'boolop',
          op,
          operands: [this.expr(node.field(F.left)), this.expr(node.field(F.right))],
          range,
        };
      }
      case 'comparison_operator': {
        const operands = node.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c));
        const ops = node.fieldAll(F.operators).map((o) => o.type.replace(/\s+/g, ' '));
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
        const argsNode = node.field(F.arguments);
        const callee = this.expr(node.field(F.function));
        if (argsNode?.type !== 'argument_list') return { kind: 'unsupported-expr', what: 'call with a generator argument', range };
        const args: S.Expr[] = [];
        const keywords: S.Keyword[] = [];
        let hasStarArgs = false;
        for (const a of argsNode.namedChildren) {
          if (a.type === 'comment') continue;
          if (a.type === 'keyword_argument') {
            const name = a.field(F.name);
            keywords.push({ name: name ? this.text(name) : '', value: this.expr(a.field(F.value)) });
          } else if (a.type === 'list_splat' || a.type === 'dictionary_splat') {
            hasStarArgs = true;
          } else {
            args.push(this.expr(a));
          }
        }
        return { kind: 'call', callee, args, keywords, hasStarArgs, range };
      }
      case 'attribute': {
        const object = this.expr(node.field(F.object));
        const attr = node.field(F.attribute);
        return { kind: 'attribute', object, attr: attr ? this.text(attr) : '', range };
      }
      case 'subscript': {
        const indices = node.fieldAll(F.subscript).map((c) => this.expr(c));
        return { kind: 'subscript', value: this.expr(node.field(F.value)), indices, range };
      }
      case 'slice': {
        // Children: [lower] ':' [upper] [':' [step]] — positions relative to the colons.
        const parts: (SyntaxNode | null)[] = [null, null, null];
        let slot = 0;
        for (const c of node.children) {
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
        return { kind: 'tuple', elements: node.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)), range };
      case 'list':
      case 'list_pattern':
        return { kind: 'list', elements: node.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.expr(c)), range };
      case 'list_comprehension':
        // Still unmodelled as a value, but its element tells the value model whether rows are fresh objects.
        return { kind: 'unsupported-expr', what: 'list comprehension', range, element: this.expr(node.field(F.body)) };
      default:
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
