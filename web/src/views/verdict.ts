/** How each verdict looks: an icon and words, never colour alone. */
import type { ReportDependence, ReportLoop } from '@loupe/analysis-core';

export type VerdictKind = ReportLoop['verdict'];

export interface VerdictLook {
  readonly icon: string;
  readonly label: string;
  /** One line for people new to the terms. */
  readonly gloss: string;
}

export const VERDICT: Readonly<Record<VerdictKind, VerdictLook>> = {
  parallel: { icon: '∥', label: 'parallel', gloss: 'no iteration depends on another: all may run at once' },
  reduction: { icon: 'Σ', label: 'parallel reduction', gloss: 'iterations only combine into an accumulator with an associative operator' },
  privatizable: {
    icon: '∥ₚ',
    label: 'parallel (privatized)',
    gloss: 'a scratch variable is written before it is read in every iteration: give each iteration its own copy',
  },
  sequential: { icon: '→', label: 'sequential', gloss: 'some iteration uses what an earlier one produced' },
  unknown: { icon: '?', label: 'unknown', gloss: 'Loupe cannot prove it either way from what it sees' },
};

export const isParallelVerdict = (v: VerdictKind): boolean => v === 'parallel' || v === 'reduction' || v === 'privatizable';

/** `for i in range(1, n, 1)` with every bound spelled out. */
export function loopHeader(l: Pick<ReportLoop, 'var' | 'bounds'>): string {
  return `for ${l.var} in range(${l.bounds.start}, ${l.bounds.stop}${l.bounds.step === null ? '' : `, ${l.bounds.step}`})`;
}

export const vectorText = (xs: readonly (string | number | null)[]): string =>
  `(${xs.map((x) => (x === null ? '·' : String(x))).join(', ')})`;

/** "iteration i=1 → i=2" from a witness, or null. */
export function witnessText(d: Pick<ReportDependence, 'witness'>): string | null {
  const w = d.witness;
  if (!w) return null;
  const it = (m: Record<string, number>): string =>
    Object.entries(m)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
  const syms = Object.keys(w.symbols).length > 0 ? ` (with ${it(w.symbols)})` : '';
  return `(${it(w.source)}) → (${it(w.sink)}) on ${w.element}${syms}`;
}

export const depName = (id: number): string => `d${id + 1}`;

const TEST_NAMES: Readonly<Record<string, string>> = {
  ziv: 'ZIV test (zero index variables)',
  'strong-siv': 'strong SIV test',
  'weak-zero-siv': 'weak-zero SIV test',
  'weak-crossing-siv': 'weak-crossing SIV test',
  'exact-siv': 'exact SIV test',
  rdiv: 'RDIV test',
  gcd: 'GCD test',
  banerjee: 'Banerjee bounds test',
  omega: 'exact integer (Omega) test',
  difference: 'exact test on difference constraints (longest paths)',
  scalar: 'scalar dependence',
  conservative: 'conservative assumption',
};

export const testName = (t: string): string => TEST_NAMES[t] ?? t;
