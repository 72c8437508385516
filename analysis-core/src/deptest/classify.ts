/**
 * Subscript classification for the test dispatcher (Goff, Kennedy & Tseng, "Practical Dependence
 * Testing", PLDI 1991, "subscript classification"; Allen & Kennedy ch. 3, §3.3). Only counters count; symbols are unknown
 * integers and leave the class unchanged (`a[i + n]` vs `a[i]` is still strong SIV, with a symbolic
 * constant that the SIV tests then report as undecided).
 *
 *   ZIV   no counter on either side:                         a[5]      vs a[n + 1]
 *   SIV   counters of a single common level only (i, i'):    a[2*i]    vs a[i' + 1]
 *   RDIV  at most one counter per side, from different loops: a[i]     vs a[j']   (GKT's restricted double
 *         index variable); also one counter of a loop around only one side against a constant, a[j] vs a[0],
 *         which is RDIV with one coefficient zero (the weak-zero analogue for a non-common loop)
 *   MIV   anything else:                                      a[i + j]  vs a[i']
 *
 * SIV subscripts a·i + c1 = b·i' + c2 split further by their coefficients:
 *   strong (a = b), weak-zero (a = 0 or b = 0), weak-crossing (a = −b), exact (any other a, b).
 */
import { dependenceEquation } from './equation.js';
import type { ProblemLoop, SubscriptPair } from './types.js';
import { InternalError } from '../util/assert.js';

export type SubscriptClass = 'ziv' | 'siv' | 'rdiv' | 'miv';
export type SivVariant = 'strong' | 'weak-zero' | 'weak-crossing' | 'exact';

export function classifySubscript(pair: SubscriptPair): SubscriptClass {
  const eq = dependenceEquation(pair);
  const uses = [...eq.src, ...eq.sink];
  if (uses.length === 0) return 'ziv';
  const loops = new Set(uses.map((u) => u.loopIndex));
  const [only] = loops;
  // One loop can contribute both a source and a sink counter only when it encloses both sides.
  if (loops.size === 1 && only !== undefined && pair.loops[only]!.level !== null) return 'siv';
  if (eq.src.length <= 1 && eq.sink.length <= 1) return 'rdiv';
  return 'miv';
}

/** An SIV subscript a·i + c1 = b·i' + c2 read off at its level (symbol terms are not included). */
export interface SivForm {
  readonly level: number;
  readonly loopIndex: number;
  readonly loop: ProblemLoop;
  /** Source and sink counter names (`i`, `i'`). */
  readonly srcName: string;
  readonly sinkName: string;
  /** Coefficient of i in the source subscript, of i' in the sink subscript (either may be 0, not both). */
  readonly a: bigint;
  readonly b: bigint;
  /** c2 − c1. */
  readonly delta: bigint;
  readonly upper: bigint | null;
}

export function sivForm(pair: SubscriptPair): SivForm | null {
  if (classifySubscript(pair) !== 'siv') return null;
  const eq = dependenceEquation(pair);
  const use = eq.src[0] ?? eq.sink[0];
  if (use === undefined) return null;
  const loop = use.loop;
  if (loop.level === null || loop.srcName === null || loop.sinkName === null) return null;
  return {
    level: loop.level,
    loopIndex: use.loopIndex,
    loop,
    srcName: loop.srcName,
    sinkName: loop.sinkName,
    a: eq.src[0]?.coeff ?? 0n,
    b: eq.sink[0]?.coeff ?? 0n,
    delta: eq.delta,
    upper: loop.upper,
  };
}

/** Which SIV subtest applies. Calling it on a non-SIV subscript is a dispatcher bug. */
export function sivVariant(pair: SubscriptPair): SivVariant {
  const f = sivForm(pair);
  if (f === null) throw new InternalError(`sivVariant on a non-SIV subscript (${classifySubscript(pair)})`);
  return variantOf(f.a, f.b);
}

export function variantOf(a: bigint, b: bigint): SivVariant {
  if (a === 0n || b === 0n) return 'weak-zero';
  if (a === b) return 'strong';
  if (a === -b) return 'weak-crossing';
  return 'exact';
}
