/**
 * Whole-file hazards: facts outside any one loop that take away every verdict a part of the file could
 * otherwise prove.
 *
 * - Code that does not parse decides nothing. Tree-sitter recovers from errors by guessing, and a guess
 *   can drop the very statement (`b = a if` …) that made two names one array, so it is not enough to
 *   distrust the loops that contain an error: an error inside a function takes away the verdicts of every
 *   loop of that function (nested ones included); an error outside every function, or a parser that gave up,
 *   those of the whole file. The loops keep their dependences for display, but are `unknown`.
 * - Dynamic code (`exec`, `eval`, `globals()`, `locals()`, `vars()`, `setattr`, `delattr`, `__import__`)
 *   can bind any name to anything, so no alias or type fact of the file holds: every loop is `unknown`.
 * - `global x` / `nonlocal x` in a function lets a call re-bind `x` behind the back of the scope that owns
 *   it: the value model treats such names as bound to something unknown (`globalNames`).
 */
import type { Diagnostic, SourceRange } from '../parse/source.js';
import type { Module, Stmt } from '../parse/syntax.js';
import type { ImportTable } from './calls.js';
import type { Obstacle } from './ir.js';
import { nestedBodies } from './walk.js';

const SYNTAX_CODES: ReadonlySet<string> = new Set(['syntax-error', 'syntax-missing', 'parse-failed']);
/** The adapters stop reporting at this many diagnostics: past it, an error may hide anywhere. */
const DIAGNOSTIC_CAP = 50;
const DYNAMIC = /\b(exec|eval|globals|locals|vars|setattr|delattr|__import__)\s*\(/g;

export interface FileHazards {
  /** Obstacles for a loop at `range` (empty when none applies). */
  obstaclesFor(range: SourceRange): readonly Obstacle[];
  /** Names some function declares `global` or `nonlocal`. */
  readonly globalNames: ReadonlySet<string>;
  /** The first dynamic-code call, for a diagnostic. */
  readonly dynamic: Obstacle | null;
}

interface Poison {
  /** Offsets the poison covers (a function, or the whole file). */
  readonly start: number;
  readonly end: number;
  readonly obstacle: Obstacle;
}

/** `code`: the source with strings and comments blanked (`blankStringsAndComments`), offsets unchanged. */
export function fileHazards(
  module: Module,
  source: string,
  code: string,
  diagnostics: readonly Diagnostic[],
  imports: ImportTable,
): FileHazards {
  const poisons: Poison[] = [];
  const whole = { start: 0, end: Number.MAX_SAFE_INTEGER };
  const functions: { start: number; end: number }[] = [];
  const stack: Stmt[] = [...module.body];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (s.kind === 'function') functions.push({ start: s.range.startOffset, end: s.range.endOffset });
    for (const b of nestedBodies(s)) stack.push(...b);
  }

  const errors = diagnostics.filter((d) => SYNTAX_CODES.has(d.code));
  const capped = diagnostics.length >= DIAGNOSTIC_CAP;
  for (const d of errors) {
    const at = d.range.startOffset;
    // The outermost function holding the error: a nested function's error may have eaten its parent's lines.
    let scope: { start: number; end: number } | null = null;
    for (const f of functions) if (f.start <= at && at < f.end && (scope === null || f.start < scope.start)) scope = f;
    const region = scope === null || d.code === 'parse-failed' || capped ? whole : scope;
    poisons.push({
      ...region,
      obstacle: {
        kind: 'syntax-error',
        message: `this code does not parse (line ${d.range.start.line}: ${d.message.replace(/\.$/, '')}), so Loupe decides nothing about ${
          region === whole ? 'the loops of this file' : 'the loops of this function'
        }`,
        range: d.range,
      },
    });
  }

  let dynamic: Obstacle | null = null;
  DYNAMIC.lastIndex = 0;
  for (let m = DYNAMIC.exec(code); m !== null; m = DYNAMIC.exec(code)) {
    // A user's own `eval` is an unknown call where it is called; the builtin re-binds names anywhere.
    if (!imports.builtins.has(m[1]!) || code[m.index - 1] === '.') continue;
    const range = rangeAt(source, m.index, m.index + m[1]!.length);
    dynamic = { kind: 'dynamic-code', message: `\`${m[1]}(…)\` (line ${range.start.line}) can re-bind any name of the file`, range };
    poisons.push({ ...whole, obstacle: dynamic });
    break;
  }

  const globalNames = new Set<string>();
  for (const m of code.matchAll(/\b(?:global|nonlocal)[ \t]+([A-Za-z_][\w \t,]*)/g))
    for (const n of m[1]!.match(/[A-Za-z_]\w*/g) ?? []) globalNames.add(n);

  return {
    globalNames,
    dynamic,
    obstaclesFor(range) {
      const out: Obstacle[] = [];
      for (const p of poisons) if (p.start <= range.startOffset && range.endOffset <= p.end) out.push(p.obstacle);
      // One syntax error is enough to say it; a file with fifty says the first.
      return out.length > 2 ? out.slice(0, 2) : out;
    },
  };
}

function rangeAt(source: string, start: number, end: number): SourceRange {
  const before = source.slice(0, start);
  const line = before.split('\n').length;
  const column = start - (before.lastIndexOf('\n') + 1);
  return { start: { line, column }, end: { line, column: column + (end - start) }, startOffset: start, endOffset: end };
}
