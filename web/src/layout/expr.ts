/**
 * A tiny evaluator for the loop bounds the report prints (`n - 1`, `2*i + 1`, `A.shape[0]`, `-i`, `len(a)` is
 * *not* one of them: non-affine bounds come back as written and evaluate to null). Integers only; `//` and `%`
 * floor like Python. Unknown names or syntax give null, never an exception.
 */
export type Env = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

type Token = { t: 'num'; v: number } | { t: 'name'; v: string } | { t: 'op'; v: string };

const TOKEN = /\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*(?:\.shape\[\d+\])?)|(\/\/|[-+*%()]))/y;

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) return null;
    if (m[1] !== undefined) out.push({ t: 'num', v: Number(m[1]) });
    else if (m[2] !== undefined) out.push({ t: 'name', v: m[2] });
    else out.push({ t: 'op', v: m[3]! });
    pos = TOKEN.lastIndex;
  }
  return out;
}

const lookup = (env: Env, name: string): number | undefined =>
  env instanceof Map ? env.get(name) : (env as Readonly<Record<string, number>>)[name];

/** Names (symbols and loop variables) an expression mentions; null when it does not parse. */
export function namesIn(text: string): string[] | null {
  const tokens = tokenize(text);
  if (!tokens) return null;
  return [...new Set(tokens.filter((t) => t.t === 'name').map((t) => t.v))];
}

export function evaluate(text: string, env: Env): number | null {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return null;
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (v: string): boolean => {
    const t = peek();
    return t !== undefined && t.t === 'op' && t.v === v;
  };
  // expr := term (('+'|'-') term)* ; term := unary (('*'|'//'|'%') unary)* ; unary := '-' unary | atom
  const expr = (): number | null => {
    let a = term();
    while (a !== null && (isOp('+') || isOp('-'))) {
      const op = (tokens[i++] as { v: string }).v;
      const b = term();
      if (b === null) return null;
      a = op === '+' ? a + b : a - b;
    }
    return a;
  };
  const term = (): number | null => {
    let a = unary();
    while (a !== null && (isOp('*') || isOp('//') || isOp('%'))) {
      const op = (tokens[i++] as { v: string }).v;
      const b = unary();
      if (b === null) return null;
      if (op === '*') a = a * b;
      else if (b === 0) return null;
      else if (op === '//') a = Math.floor(a / b);
      else a = a - b * Math.floor(a / b);
    }
    return a;
  };
  const unary = (): number | null => {
    if (isOp('-')) {
      i++;
      const v = unary();
      return v === null ? null : -v;
    }
    if (isOp('+')) {
      i++;
      return unary();
    }
    return atom();
  };
  const atom = (): number | null => {
    const t = tokens[i++];
    if (t === undefined) return null;
    if (t.t === 'num') return t.v;
    if (t.t === 'name') return lookup(env, t.v) ?? null;
    if (t.v === '(') {
      const v = expr();
      if (!isOp(')')) return null;
      i++;
      return v;
    }
    return null;
  };
  const v = expr();
  return v !== null && i === tokens.length && Number.isSafeInteger(v) ? v : null;
}

/** The values of `range(start, stop, step)`, or null when the count exceeds `limit`. */
export function rangeValues(start: number, stop: number, step: number, limit: number): number[] | null {
  if (step === 0) return null;
  const count = step > 0 ? Math.max(0, Math.ceil((stop - start) / step)) : Math.max(0, Math.ceil((start - stop) / -step));
  if (count > limit) return null;
  return Array.from({ length: count }, (_, k) => start + k * step);
}
