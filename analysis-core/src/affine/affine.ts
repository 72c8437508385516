/**
 * Exact affine expressions `c0 + Σ ck·xk` over named integer variables (loop variables and symbols),
 * with bigint coefficients: the classical tests multiply and take gcds of coefficients, and silent
 * float/int32 overflow there would turn into wrong independence proofs.
 */
export interface Term {
  readonly name: string;
  readonly coeff: bigint;
}

export interface Affine {
  readonly kind: 'affine';
  readonly constant: bigint;
  /** Sorted by name, no zero coefficients: structural equality is equality of the expressions. */
  readonly terms: readonly Term[];
}

export function affine(constant: bigint, terms: Iterable<readonly [string, bigint]> = []): Affine {
  const acc = new Map<string, bigint>();
  for (const [name, c] of terms) acc.set(name, (acc.get(name) ?? 0n) + c);
  return normalize(constant, acc);
}

export const constant = (c: bigint): Affine => ({ kind: 'affine', constant: c, terms: [] });
export const variable = (name: string, coeff = 1n): Affine =>
  coeff === 0n ? ZERO : { kind: 'affine', constant: 0n, terms: [{ name, coeff }] };
export const ZERO = constant(0n);

function normalize(c: bigint, acc: ReadonlyMap<string, bigint>): Affine {
  const terms = [...acc]
    .filter(([, k]) => k !== 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, coeff]) => ({ name, coeff }));
  return { kind: 'affine', constant: c, terms };
}

/**
 * `a + k·b` by merging the two sorted term lists: the hot operation of problem building (substitution is
 * a sum of scaled affines), so it allocates only the result.
 */
export function addScaled(a: Affine, b: Affine, k: bigint): Affine {
  if (k === 0n || (b.terms.length === 0 && b.constant === 0n)) return a;
  const x = a.terms;
  const y = b.terms;
  const terms: Term[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    const tx = x[i];
    const ty = y[j];
    if (ty === undefined || (tx !== undefined && tx.name < ty.name)) {
      terms.push(tx!);
      i++;
    } else if (tx === undefined || ty.name < tx.name) {
      terms.push(k === 1n ? ty : { name: ty.name, coeff: ty.coeff * k });
      j++;
    } else {
      const c = tx.coeff + ty.coeff * k;
      if (c !== 0n) terms.push(c === tx.coeff ? tx : { name: tx.name, coeff: c });
      i++;
      j++;
    }
  }
  return { kind: 'affine', constant: a.constant + b.constant * k, terms };
}

export const add = (a: Affine, b: Affine): Affine => addScaled(a, b, 1n);

export function scale(a: Affine, k: bigint): Affine {
  if (k === 0n) return ZERO;
  if (k === 1n) return a;
  return { kind: 'affine', constant: a.constant * k, terms: a.terms.map((t) => ({ name: t.name, coeff: t.coeff * k })) };
}

export const sub = (a: Affine, b: Affine): Affine => addScaled(a, b, -1n);
export const negate = (a: Affine): Affine => scale(a, -1n);

export function coeff(a: Affine, name: string): bigint {
  return a.terms.find((t) => t.name === name)?.coeff ?? 0n;
}

export const isConstant = (a: Affine): boolean => a.terms.length === 0;
export const names = (a: Affine): string[] => a.terms.map((t) => t.name);
export const mentions = (a: Affine, name: string): boolean => a.terms.some((t) => t.name === name);

export function equals(a: Affine, b: Affine): boolean {
  if (a.constant !== b.constant || a.terms.length !== b.terms.length) return false;
  return a.terms.every((t, i) => t.name === b.terms[i]!.name && t.coeff === b.terms[i]!.coeff);
}

/** Replace `name` by `by` (e.g. a loop variable by `lower + step·t` when normalising a loop). */
export function substitute(a: Affine, name: string, by: Affine): Affine {
  const k = coeff(a, name);
  if (k === 0n) return a;
  return addScaled({ kind: 'affine', constant: a.constant, terms: a.terms.filter((t) => t.name !== name) }, by, k);
}

/**
 * Replace several variables at once. Simultaneous, not sequential: a replacement may mention a name that
 * is itself being replaced (loop counters are named like their loop variables) and must not be rewritten again.
 */
export function substituteAll(a: Affine, by: ReadonlyMap<string, Affine>): Affine {
  if (a.terms.every((t) => !by.has(t.name))) return a;
  // Terms not replaced stay sorted: start from them and merge each replacement in.
  let out: Affine = { kind: 'affine', constant: a.constant, terms: a.terms.filter((t) => !by.has(t.name)) };
  for (const t of a.terms) {
    const r = by.get(t.name);
    if (r !== undefined) out = addScaled(out, r, t.coeff);
  }
  return out;
}

/** Rename variables (e.g. `i` → `i'` for the sink side of a dependence problem). */
export function rename(a: Affine, f: (name: string) => string): Affine {
  return affine(
    a.constant,
    a.terms.map((t) => [f(t.name), t.coeff] as const),
  );
}

/** Value under an environment; `null` when a variable is unbound. */
export function evaluate(a: Affine, env: ReadonlyMap<string, bigint>): bigint | null {
  let v = a.constant;
  for (const t of a.terms) {
    const x = env.get(t.name);
    if (x === undefined) return null;
    v += t.coeff * x;
  }
  return v;
}

/** Bind the variables that `env` knows; the rest stay symbolic. */
export function partialEvaluate(a: Affine, env: ReadonlyMap<string, bigint>): Affine {
  if (env.size === 0) return a;
  let c = a.constant;
  const rest: Term[] = [];
  for (const t of a.terms) {
    const x = env.get(t.name);
    if (x === undefined) rest.push(t);
    else c += t.coeff * x;
  }
  return rest.length === a.terms.length ? a : { kind: 'affine', constant: c, terms: rest };
}

/** A compact canonical string for the expression: equal keys ⇔ equal expressions (names never start with a digit or sign). */
export function keyOf(a: Affine): string {
  let k = `${a.constant}`;
  for (const t of a.terms) k += ` ${t.coeff}${t.name}`;
  return k;
}

/** Python-like rendering: `2*i + j - 1`. */
export function format(a: Affine): string {
  const parts: string[] = [];
  for (const t of a.terms) {
    const mag = t.coeff < 0n ? -t.coeff : t.coeff;
    const body = mag === 1n ? t.name : `${mag}*${t.name}`;
    if (parts.length === 0) parts.push(t.coeff < 0n ? `-${body}` : body);
    else parts.push(t.coeff < 0n ? `- ${body}` : `+ ${body}`);
  }
  if (parts.length === 0) return a.constant.toString();
  if (a.constant !== 0n) parts.push(a.constant < 0n ? `- ${-a.constant}` : `+ ${a.constant}`);
  return parts.join(' ');
}
