/**
 * Which physical lines of Python text start a *logical* line. IPython only treats `%`, `!` and `?` as
 * special at the start of a logical line; inside an open bracket, a triple-quoted string or after a
 * backslash, the same characters are ordinary Python (`print("%d"\n      % x)`). A tiny tokenizer
 * (strings, comments, brackets, continuations) is enough to tell the two apart — no full lexer needed.
 */

interface Scan {
  depth: number;
  /** The closing delimiter of an open triple-quoted string, or null. */
  inString: string | null;
  /** The previous line ended with a backslash continuation. */
  continued: boolean;
}

/**
 * For each line: does it begin a logical line (not inside brackets, a string or a continuation)?
 * `skip(i)` is asked only at logical starts and marks lines that are not Python (magics): they leave the state alone.
 */
export function logicalLineStarts(lines: readonly string[], skip: (index: number) => boolean): boolean[] {
  const st: Scan = { depth: 0, inString: null, continued: false };
  const out: boolean[] = [];
  // A magic line may continue with a trailing backslash (IPython joins them): its continuation lines are
  // part of the magic, not Python, so they must not be tokenized either.
  let inMagic = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inMagic) {
      out.push(false);
      inMagic = /\\\s*$/.test(line);
      continue;
    }
    const start = st.depth === 0 && st.inString === null && !st.continued;
    out.push(start);
    if (start && skip(i)) {
      inMagic = /\\\s*$/.test(line);
      continue;
    }
    scanLine(line, st);
  }
  return out;
}

/** The only characters that change the scanner's state outside a string: everything between is skipped in one search. */
const SPECIAL = /["'#\\()[\]{}]/g;

function scanLine(line: string, st: Scan): void {
  st.continued = false;
  let i = 0;
  while (i < line.length) {
    if (st.inString !== null) {
      const end = line.indexOf(st.inString, i);
      const esc = line.indexOf('\\', i);
      if (esc !== -1 && (end === -1 || esc < end)) {
        i = esc + 2;
        continue;
      }
      if (end === -1) return; // the triple-quoted string goes on to the next line
      i = end + st.inString.length;
      st.inString = null;
      continue;
    }
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(line);
    if (m === null) return;
    i = m.index;
    const c = line[i]!;
    if (c === '#') return;
    if (c === '\\') {
      if (i === line.length - 1) {
        st.continued = true;
        return;
      }
    } else if (c === '"' || c === "'") {
      if (line.startsWith(c.repeat(3), i)) {
        st.inString = c.repeat(3);
        i += 3;
        continue;
      }
      i = skipShortString(line, i + 1, c);
      continue;
    } else if (c === '(' || c === '[' || c === '{') st.depth++;
    else st.depth = Math.max(0, st.depth - 1);
    i++;
  }
}

/** Past the closing quote of a one-line string (an unterminated one ends the line, as a syntax error would). */
function skipShortString(line: string, from: number, quote: string): number {
  let i = from;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\') i += 2;
    else if (c === quote) return i + 1;
    else i++;
  }
  return i;
}

/** The line's code with strings and comments blanked, for pattern checks that must ignore both. */
export function codeOnly(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '#') break;
    if (c === '"' || c === "'") {
      const j = line.startsWith(c.repeat(3), i) ? tripleEnd(line, i + 3, c.repeat(3)) : skipShortString(line, i + 1, c);
      out += c + ' '.repeat(Math.max(0, j - i - 2)) + c;
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

function tripleEnd(line: string, from: number, delim: string): number {
  const j = line.indexOf(delim, from);
  return j === -1 ? line.length : j + delim.length;
}
