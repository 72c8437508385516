import { format } from '../../src/affine/affine.js';
import type { Access, Bound, Loop, Program, Statement, Subscript } from '../../src/ir/ir.js';
import { lowerProgram } from '../../src/ir/lower.js';
import { parser } from '../helpers/parser.js';

export async function lower(source: string): Promise<Program> {
  const { module } = (await parser()).parse(source);
  return lowerProgram(module, source);
}

/** `2*i + j - 1` for affine subscripts, `?<reason>` otherwise. */
export const sub = (s: Subscript): string => (s.kind === 'affine' ? format(s.expr) : `?${s.reason}`);

export const bound = (b: Bound): string => (b.kind === 'affine' ? format(b.expr) : `?${b.text}`);

/** `R a[i - 1]`, `W s` — an access as mode, variable and subscripts. */
export const acc = (a: Access): string =>
  `${a.mode === 'read' ? 'R' : 'W'} ${a.variable}${a.target === 'array' ? `[${a.subscripts.map(sub).join(', ')}]` : ''}`;

/** The accesses of a statement, in their evaluation order. */
export function accessesOf(p: Program, s: Statement): string[] {
  return s.accesses.map((id) => p.accesses[id]!).map(acc);
}

/** The first statement whose text starts with `prefix`. */
export function stmt(p: Program, prefix: string): Statement {
  const s = p.statements.find((x) => x.text.startsWith(prefix));
  if (!s) throw new Error(`no statement starting with ${JSON.stringify(prefix)}: ${p.statements.map((x) => x.text).join(' | ')}`);
  return s;
}

export const obstacleKinds = (l: Loop): string[] => l.obstacles.map((o) => o.kind);

export function loopByVar(p: Program, v: string): Loop {
  const l = p.loops.find((x) => x.var === v);
  if (!l) throw new Error(`no loop over ${v}`);
  return l;
}
