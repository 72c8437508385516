/**
 * Runtime values (staging): integers for symbols (`n=100`) and dtype/shape for arrays (`A=float64[100,100]`),
 * in the CLI's syntax, shared by the CLI, the web app (`# loupe:` comments, the runtime-values panel) and the
 * server's requests. Parsing never throws: problems come back as messages.
 */
import { extentSymbol } from './ir/ir.js';

export const DTYPES = ['float64', 'float32', 'int64', 'int32'] as const;
export type Dtype = (typeof DTYPES)[number];

export interface ArrayBinding {
  readonly dtype: Dtype;
  readonly shape: readonly bigint[];
}

export interface Bindings {
  readonly ints: ReadonlyMap<string, bigint>;
  readonly floats: ReadonlyMap<string, number>;
  readonly arrays: ReadonlyMap<string, ArrayBinding>;
}

export const NO_BINDINGS: Bindings = { ints: new Map(), floats: new Map(), arrays: new Map() };

export const isEmptyBindings = (b: Bindings): boolean => b.ints.size === 0 && b.arrays.size === 0 && b.floats.size === 0;

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type BindingValue = string | number;

/** Parse one `NAME=VALUE` (VALUE an integer, a float, or `dtype[d1,d2,…]`). */
export function parseBindingValue(
  name: string,
  raw: BindingValue,
):
  | { ok: true; kind: 'int'; value: bigint }
  | { ok: true; kind: 'float'; value: number }
  | { ok: true; kind: 'array'; value: ArrayBinding }
  | { ok: false; message: string } {
  if (!NAME.test(name)) return { ok: false, message: `'${name}' is not a Python identifier` };
  if (typeof raw === 'number') {
    if (Number.isInteger(raw)) return { ok: true, kind: 'int', value: BigInt(raw) };
    if (Number.isFinite(raw)) return { ok: true, kind: 'float', value: raw };
    return { ok: false, message: `${name}: ${raw} is not a finite number` };
  }
  const text = raw.trim();
  if (/^[+-]?\d+$/.test(text)) return { ok: true, kind: 'int', value: BigInt(text) };
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(text)) return { ok: true, kind: 'float', value: Number(text) };
  const m = /^([a-z0-9]+)\s*\[\s*([^\]]*)\]$/.exec(text);
  if (m) {
    const dtype = m[1]!;
    if (!(DTYPES as readonly string[]).includes(dtype))
      return { ok: false, message: `${name}: unknown dtype '${dtype}' (use one of ${DTYPES.join(', ')})` };
    const dims = m[2]!.split(',').map((d) => d.trim());
    if (dims.length === 0 || dims.some((d) => !/^\d+$/.test(d)))
      return { ok: false, message: `${name}: shape must be non-negative integers, e.g. ${dtype}[100,100]` };
    return { ok: true, kind: 'array', value: { dtype: dtype as Dtype, shape: dims.map((d) => BigInt(d)) } };
  }
  return { ok: false, message: `${name}: '${text}' is neither an integer, a number, nor dtype[extents]` };
}

export function parseBindings(entries: Iterable<readonly [string, BindingValue]>): { bindings: Bindings; errors: string[] } {
  const ints = new Map<string, bigint>();
  const floats = new Map<string, number>();
  const arrays = new Map<string, ArrayBinding>();
  const errors: string[] = [];
  for (const [name, raw] of entries) {
    const r = parseBindingValue(name.trim(), raw);
    if (!r.ok) errors.push(r.message);
    else if (r.kind === 'int') ints.set(name.trim(), r.value);
    else if (r.kind === 'float') floats.set(name.trim(), r.value);
    else arrays.set(name.trim(), r.value);
  }
  return { bindings: { ints, floats, arrays }, errors };
}

/** `NAME=VALUE` strings (CLI `--bind`). */
export function parseBindingArgs(args: readonly string[]): { bindings: Bindings; errors: string[] } {
  const entries: [string, string][] = [];
  const errors: string[] = [];
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq <= 0) errors.push(`'${a}' is not NAME=VALUE`);
    else entries.push([a.slice(0, eq), a.slice(eq + 1)]);
  }
  const r = parseBindings(entries);
  return { bindings: r.bindings, errors: [...errors, ...r.errors] };
}

/**
 * The `# loupe: n=100, A=float64[100,100]` comment of a snippet, if any (first one wins). Splits on commas
 * outside brackets so shapes keep theirs.
 */
export function bindingsFromComment(source: string): { bindings: Bindings; errors: string[]; line: number } | null {
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*#\s*loupe:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const parts: string[] = [];
    let depth = 0;
    let cur = '';
    for (const ch of m[1]!) {
      if (ch === '[') depth++;
      if (ch === ']') depth--;
      if (ch === ',' && depth === 0) {
        parts.push(cur);
        cur = '';
      } else cur += ch;
    }
    if (cur.trim()) parts.push(cur);
    const r = parseBindingArgs(parts.map((p) => p.trim()).filter((p) => p.length > 0));
    return { ...r, line: i + 1 };
  }
  return null;
}

/** Integer values for every symbol the bindings determine: ints, and extents `A.shape[d]` of bound arrays. */
export function symbolValues(b: Bindings): Map<string, bigint> {
  const env = new Map(b.ints);
  for (const [name, arr] of b.arrays) arr.shape.forEach((extent, d) => env.set(extentSymbol(name, d), extent));
  return env;
}

/** Back to the CLI's text form (for reports and permalinks). */
export function formatBindings(b: Bindings): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of b.ints) out[k] = v.toString();
  for (const [k, v] of b.floats) out[k] = String(v);
  for (const [k, v] of b.arrays) out[k] = `${v.dtype}[${v.shape.join(',')}]`;
  return out;
}
