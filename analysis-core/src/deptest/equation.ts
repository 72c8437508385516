/**
 * The dependence equation of one subscript pair, split the way the cheap tests read it, plus the small
 * formatting helpers they share for "show the work".
 *
 * For a pair `src = sink` we form h = src − sink and sort its terms into source counters (names that are a
 * loop's `srcName`), sink counters (a loop's `sinkName`) and symbols (everything else: unknown integers).
 * The equation then reads
 *
 *     Σ a_k·x_k − Σ b_k·y_k + Σ s_k·n_k = δ,      δ = c2 − c1,
 *
 * with a_k the coefficient of x_k as written in the source subscript and b_k that of y_k in the sink
 * subscript (so `2*i + 1 = 3*i'` has a = 2, b = 3, δ = −1). Working from h rather than from the two sides
 * separately means a name is classified once, whatever side it was written on.
 */
import * as A from '../affine/affine.js';
import type { ProblemLoop, SubscriptPair, TestName, TestResult, Work, WorkStep } from './types.js';

export interface CounterUse {
  /** Index into `pair.loops`. */
  readonly loopIndex: number;
  readonly loop: ProblemLoop;
  readonly name: string;
  /** Coefficient as written on its own side (source subscript for source counters, sink for sink). */
  readonly coeff: bigint;
}

export interface DependenceEquation {
  readonly src: readonly CounterUse[];
  readonly sink: readonly CounterUse[];
  /** Symbol terms of src − sink: unknown loop-invariant integers. */
  readonly symbols: readonly A.Term[];
  /** c2 − c1, the right-hand side once every variable term is on the left. */
  readonly delta: bigint;
}

export function dependenceEquation(pair: SubscriptPair): DependenceEquation {
  const h = A.sub(pair.src, pair.sink);
  const src: CounterUse[] = [];
  const sink: CounterUse[] = [];
  const symbols: A.Term[] = [];
  for (const t of h.terms) {
    const si = pair.loops.findIndex((l) => l.srcName === t.name);
    const ki = si < 0 ? pair.loops.findIndex((l) => l.sinkName === t.name) : -1;
    if (si >= 0) src.push({ loopIndex: si, loop: pair.loops[si]!, name: t.name, coeff: t.coeff });
    // A sink counter sits on the right-hand side: its coefficient in h is −b.
    else if (ki >= 0) sink.push({ loopIndex: ki, loop: pair.loops[ki]!, name: t.name, coeff: -t.coeff });
    // Not a counter of any loop here: an unknown integer, whatever `pair.symbols` says (sound either way).
    else symbols.push(t);
  }
  return { src, sink, symbols, delta: -h.constant };
}

/** A loop with a known negative upper bound never runs, so an access inside it touches nothing. */
export function emptyLoop(pair: SubscriptPair): ProblemLoop | null {
  return pair.loops.find((l) => l.upper !== null && l.upper < 0n) ?? null;
}

export function loopLabel(l: ProblemLoop): string {
  return l.srcName ?? l.sinkName ?? '?';
}

/** Shared first step of every test: a loop that never runs proves independence outright. */
export function emptyLoopResult(test: TestName, pair: SubscriptPair, l: ProblemLoop): TestResult {
  const name = loopLabel(l);
  return {
    kind: 'independent',
    test,
    work: work(test, pair, [
      step(
        `the loop over ${name} runs no iterations (upper bound ${l.upper} < 0), so the access never executes`,
        `${texName(name)} \\in [0, ${texInt(l.upper ?? 0n)}] = \\emptyset`,
      ),
    ]),
  };
}

export function equationText(pair: SubscriptPair): string {
  return `${A.format(pair.src)} = ${A.format(pair.sink)}`;
}

export function equationTex(pair: SubscriptPair): string {
  return `${texAffine(pair.src)} = ${texAffine(pair.sink)}`;
}

export function work(test: TestName, pair: SubscriptPair, steps: readonly WorkStep[]): Work {
  return { test, equation: equationText(pair), steps };
}

export function step(text: string, tex?: string): WorkStep {
  return tex === undefined ? { text } : { text, tex };
}

/** `i`, `i'`, `n` stay as they are; longer or odd names (`i#3`, `i.start`) go in \mathit with escapes. */
export function texName(name: string): string {
  const m = /^(.*?)('*)$/.exec(name);
  const base = m?.[1] ?? name;
  const primes = m?.[2] ?? '';
  if (/^[A-Za-z]$/.test(base)) return base + primes;
  return `\\mathit{${base.replace(/([#_$%&{}])/g, '\\$1')}}${primes}`;
}

export function texInt(v: bigint): string {
  return v.toString();
}

export function texAffine(a: A.Affine): string {
  const parts: string[] = [];
  for (const t of a.terms) {
    const mag = t.coeff < 0n ? -t.coeff : t.coeff;
    const body = mag === 1n ? texName(t.name) : `${mag}${texName(t.name)}`;
    if (parts.length === 0) parts.push(t.coeff < 0n ? `-${body}` : body);
    else parts.push(t.coeff < 0n ? `- ${body}` : `+ ${body}`);
  }
  if (parts.length === 0) return texInt(a.constant);
  if (a.constant !== 0n) parts.push(a.constant < 0n ? `- ${-a.constant}` : `+ ${a.constant}`);
  return parts.join(' ');
}

/** "n" / "n, m" for reasons and work text. */
export function symbolList(terms: readonly A.Term[]): string {
  return [...new Set(terms.map((t) => t.name))].join(', ');
}

/** The "0 ≤ i ≤ U" range of a counter as text; an unknown upper bound reads as unbounded. */
export function rangeText(name: string, upper: bigint | null): string {
  return upper === null ? `0 ≤ ${name} (upper bound unknown)` : `0 ≤ ${name} ≤ ${upper}`;
}

export function rangeTex(name: string, upper: bigint | null): string {
  return upper === null ? `0 \\le ${texName(name)}` : `0 \\le ${texName(name)} \\le ${texInt(upper)}`;
}

/** A small linear expression for the work, as text (`2*i - 3*i'`, `3*t + 2`) and TeX (`2i - 3i'`). */
export function lin(c: bigint, terms: readonly (readonly [string, bigint])[]): { text: string; tex: string } {
  const e = A.affine(c, terms);
  return { text: A.format(e), tex: texAffine(e) };
}

/** `k·(inner)` with the coefficient elided for ±1, as text and TeX. */
export function scaled(k: bigint, innerText: string, innerTex: string): { text: string; tex: string } {
  if (k === 1n) return { text: `(${innerText})`, tex: `(${innerTex})` };
  if (k === -1n) return { text: `−(${innerText})`, tex: `-(${innerTex})` };
  return { text: `${k}·(${innerText})`, tex: `${k}(${innerTex})` };
}
