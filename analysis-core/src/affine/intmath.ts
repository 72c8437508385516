/** Exact integer helpers on bigint (floor semantics match Python's `//`). */
export const abs = (a: bigint): bigint => (a < 0n ? -a : a);

export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

export function gcdAll(xs: Iterable<bigint>): bigint {
  let g = 0n;
  for (const x of xs) g = gcd(g, x);
  return g;
}

export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

export function mod(a: bigint, b: bigint): bigint {
  return a - b * floorDiv(a, b);
}

/** Extended Euclid: returns [g, x, y] with a·x + b·y = g = gcd(a, b) ≥ 0. */
export function extendedGcd(a: bigint, b: bigint): [bigint, bigint, bigint] {
  let [oldR, r] = [a, b];
  let [oldS, s] = [1n, 0n];
  let [oldT, t] = [0n, 1n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
    [oldT, t] = [t, oldT - q * t];
  }
  return oldR < 0n ? [-oldR, -oldS, -oldT] : [oldR, oldS, oldT];
}

export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
