/**
 * `ValueExpr` → Python source, for the regenerated baselines and the `// line N:` comments of the CUDA.
 * Built from the IR only (names, affine subscripts, operators, canonical function names) — never from the
 * user's text, so the server runs nothing it did not generate. Parenthesised by Python's precedence table.
 */
import * as A from '../affine/affine.js';
import type { Access, AccessId, Bound, Loop, Program, ValueExpr } from '../ir/ir.js';
import { assertNever } from '../util/assert.js';
import { namedConstant } from './cudaExpr.js';
import { pyName } from './names.js';
import { isPureCall } from './scopeInfo.js';
import { unsupported } from './unsupported.js';

interface PyExpr {
  readonly text: string;
  /** 1 conditional, 2 or, 3 and, 4 not, 5 comparison, 6 |, 7 ^, 8 &, 9 shifts, 10 + -, 11 * / // %, 12 unary, 13 **, 15 atom. */
  readonly prec: number;
}

const ATOM = 15;
const PREC: Readonly<Record<string, number>> = {
  or: 2,
  and: 3,
  '|': 6,
  '^': 7,
  '&': 8,
  '<<': 9,
  '>>': 9,
  '+': 10,
  '-': 10,
  '*': 11,
  '/': 11,
  '//': 11,
  '%': 11,
  '**': 13,
};

const wrap = (e: PyExpr, min: number): string => (e.prec < min ? `(${e.text})` : e.text);

/** A Python float literal that reads back as the same double. */
export function pyFloat(v: number): string {
  if (v === Infinity) return 'math.inf';
  if (v === -Infinity) return '-math.inf';
  if (Number.isNaN(v)) return 'math.nan';
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

/** Symbols as Python names: `A.shape[0]` stays an expression over the parameter `A`. */
export function pySymbol(name: string): string {
  const m = /^([A-Za-z_]\w*)\.shape\[(\d+)\]$/.exec(name);
  if (m) return `${pyName(m[1]!)}.shape[${m[2]!}]`;
  return pyName(name);
}

export function pyAffine(a: A.Affine): string {
  const parts: string[] = [];
  for (const t of a.terms) {
    const mag = t.coeff < 0n ? -t.coeff : t.coeff;
    const body = mag === 1n ? pySymbol(t.name) : `${mag} * ${pySymbol(t.name)}`;
    if (parts.length === 0) parts.push(t.coeff < 0n ? `-${body}` : body);
    else parts.push(t.coeff < 0n ? `- ${body}` : `+ ${body}`);
  }
  if (parts.length === 0) return a.constant.toString();
  if (a.constant !== 0n) parts.push(a.constant < 0n ? `- ${-a.constant}` : `+ ${a.constant}`);
  return parts.join(' ');
}

export function pyAccess(access: Access): string {
  if (access.target === 'scalar') return pyName(access.variable);
  const subs = access.subscripts.map((s) => {
    if (s.kind !== 'affine') return unsupported(`the subscript \`${s.text}\` is not affine (${s.reason})`);
    return pyAffine(s.expr);
  });
  return `${pyName(access.variable)}[${subs.join(', ')}]`;
}

export function pyBound(b: Bound): string {
  if (b.kind !== 'affine') return unsupported(`the loop bound \`${b.text}\` is not affine`);
  return pyAffine(b.expr);
}

export function pyExpr(program: Program, e: ValueExpr): string {
  return emitPy(program, e).text;
}

function emitPy(program: Program, e: ValueExpr): PyExpr {
  const sub = (x: ValueExpr): PyExpr => emitPy(program, x);
  switch (e.kind) {
    case 'const':
      if (e.isInt) return { text: String(e.value), prec: e.value < 0 ? 12 : ATOM };
      return { text: pyFloat(e.value), prec: e.value < 0 || !Number.isFinite(e.value) ? 12 : ATOM };
    case 'ref':
      return { text: pyAccess(program.accesses[e.access as AccessId]!), prec: ATOM };
    case 'loopvar':
      return { text: pyName(e.name), prec: ATOM };
    case 'symbol':
      return { text: pySymbol(e.name), prec: ATOM };
    case 'unary': {
      const x = sub(e.operand);
      if (e.op === 'not') return { text: `not ${wrap(x, 4)}`, prec: 4 };
      // `-x ** 2` is `-(x ** 2)` in Python, so the operand only needs parentheses below `**`.
      return { text: `${e.op}${wrap(x, 12)}`, prec: 12 };
    }
    case 'binary': {
      const p = PREC[e.op]!;
      const l = sub(e.left);
      const r = sub(e.right);
      // `**` is right-associative and binds tighter than a unary minus on its left.
      if (e.op === '**') return { text: `${wrap(l, ATOM)} ** ${wrap(r, 12)}`, prec: p };
      return { text: `${wrap(l, p)} ${e.op} ${wrap(r, p + 1)}`, prec: p };
    }
    case 'compare': {
      const l = sub(e.left);
      const r = sub(e.right);
      return { text: `${wrap(l, 6)} ${e.op} ${wrap(r, 6)}`, prec: 5 };
    }
    case 'select': {
      const t = sub(e.test);
      const a = sub(e.then);
      const b = sub(e.orelse);
      return { text: `${wrap(a, 2)} if ${wrap(t, 2)} else ${wrap(b, 1)}`, prec: 1 };
    }
    case 'call': {
      if (e.user === true || !isPureCall(e.fn) || e.fn === 'range') unsupported(`\`${e.fn}(…)\` is not a function Loupe regenerates`);
      return { text: `${e.fn}(${e.args.map((a) => sub(a).text).join(', ')})`, prec: ATOM };
    }
    case 'opaque': {
      const c = namedConstant(e.text);
      if (c !== null) return { text: c === Math.PI ? 'math.pi' : c === Math.E ? 'math.e' : pyFloat(c), prec: ATOM };
      return unsupported(`\`${e.text}\` is not an expression Loupe regenerates`);
    }
    default:
      return assertNever(e, 'value expression');
  }
}

/**
 * A statement `target = rhs` as Python; `t = t op e` comes back as `t op= e` (how the user most likely
 * wrote it, and the same computation).
 */
export function pyAssignment(program: Program, targetId: AccessId, rhs: ValueExpr): string {
  const target = program.accesses[targetId]!;
  const lhs = pyAccess(target);
  if (rhs.kind === 'binary' && rhs.op !== 'and' && rhs.op !== 'or' && rhs.left.kind === 'ref') {
    const left = program.accesses[rhs.left.access]!;
    if (left.mode === 'read' && pyAccess(left) === lhs) return `${lhs} ${rhs.op}= ${emitPy(program, rhs.right).text}`;
  }
  return `${lhs} = ${emitPy(program, rhs).text}`;
}

/** `for v in range(…):` as the user would write it (`range(n)` when it starts at 0 with step 1). */
export function pyFor(l: Loop): string {
  const start = pyBound(l.start);
  const stop = pyBound(l.stop);
  const step = l.step ?? 1n;
  const args = step !== 1n ? `${start}, ${stop}, ${step}` : start === '0' ? stop : `${start}, ${stop}`;
  return `for ${l.var} in range(${args}):`;
}
