/**
 * IPython syntax that is not Python: line magics (`%matplotlib inline`, `t = %timeit -o f()`), cell
 * magics (`%%bash`, `%%writefile x.py`), shell escapes (`!pip install …`, `files = !ls`) and help
 * (`np.sum?`, `??f`). Each is replaced so the Python parser sees valid text with the same line numbers:
 * a blank line at the left margin, `pass` at the same indentation inside a block (a blank line would leave
 * `for …:` with an empty body). Every replacement is counted, so the report says how much was skipped.
 */
import { codeOnly, logicalLineStarts } from './pyLines.js';

export type MagicKind = 'line-magic' | 'cell-magic' | 'shell' | 'help';

export interface CleanedCell {
  readonly source: string;
  readonly counts: Readonly<Record<MagicKind, number>>;
}

/**
 * Cell magics whose body is ordinary Python run by IPython (timed, profiled, captured): only the `%%` line
 * is blanked and the loops inside are analysed. Every other cell magic (`%%bash`, `%%cython`, `%%html`,
 * `%%writefile`, …) holds another language or plain text, so the whole cell is blanked.
 */
const PYTHON_BODY_CELL_MAGICS: ReadonlySet<string> = new Set(['time', 'timeit', 'prun', 'capture', 'memit']);

/** `name = %magic …` / `a, b = !cmd` (IPython's assignment forms). */
const ASSIGNED = /^\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[%!]/;

export function blankMagics(cell: string): CleanedCell {
  const counts: Record<MagicKind, number> = { 'line-magic': 0, 'cell-magic': 0, shell: 0, help: 0 };
  const lines = cell.split('\n');
  const first = lines[0] ?? '';
  if (/^%%/.test(first)) {
    counts['cell-magic']++;
    const name = /^%%(\w+)/.exec(first)?.[1] ?? '';
    if (!PYTHON_BODY_CELL_MAGICS.has(name)) return { source: lines.map(() => '').join('\n'), counts };
    lines[0] = '';
  }
  const kinds: (MagicKind | null)[] = lines.map(() => null);
  const starts = logicalLineStarts(lines, (i) => {
    const kind = magicKind(lines[i]!);
    kinds[i] = kind;
    return kind !== null;
  });
  // A magic line ending in a backslash swallows the following physical lines too.
  let continuing = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const kind = starts[i] ? kinds[i]! : null;
    if (kind !== null) counts[kind]++;
    if (kind !== null) lines[i] = placeholder(line);
    // Continuation lines may be indented deeper than any block: always blank them.
    else if (continuing) lines[i] = '';
    continuing = (kind !== null || continuing) && /\\\s*$/.test(line);
  }
  return { source: lines.join('\n'), counts };
}

function magicKind(line: string): MagicKind | null {
  const t = line.trimStart();
  if (t.startsWith('%')) return 'line-magic';
  if (t.startsWith('!')) return 'shell';
  // Cheap character checks first: every logical line of every cell comes through here, and almost none
  // is a magic, so the regular expression and the string-blanking scan run only where they can match.
  if (line.includes('=') && (line.includes('%') || line.includes('!'))) {
    const m = ASSIGNED.exec(line);
    if (m) return line[m[0].length - 1] === '!' ? 'shell' : 'line-magic';
  }
  // `?` is never Python outside strings and comments, so any `?` left in the code part is IPython help.
  if (line.includes('?') && codeOnly(line).includes('?')) return 'help';
  return null;
}

function placeholder(line: string): string {
  const indent = /^[ \t]*/.exec(line)![0];
  return indent.length === 0 ? '' : `${indent}pass`;
}
