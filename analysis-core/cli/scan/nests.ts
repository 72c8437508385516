/**
 * Loop nests from the outline. The outline lists loops in pre-order with their `for`-depth, so a loop's
 * parent is the nearest earlier loop one level up, and a nest is an outermost loop with everything up to
 * the next outermost loop.
 */
import type { LoopOutline } from '../../src/index.js';
import type { NestRecord } from './types.js';

export function parentsOf(outline: readonly LoopOutline[]): (number | null)[] {
  const stack: number[] = []; // stack[d] = index of the latest loop at depth d
  return outline.map((l, i) => {
    stack.length = l.depth;
    const parent = l.depth > 0 ? (stack[l.depth - 1] ?? null) : null;
    stack[l.depth] = i;
    return parent;
  });
}

export function nestsOf(outline: readonly LoopOutline[]): NestRecord[] {
  const parents = parentsOf(outline);
  // Longest chain of range loops ending at each loop (0 for a non-range loop).
  const rangeChain = new Array<number>(outline.length).fill(0);
  const nests: { depth: number; rangeDepth: number }[] = [];
  outline.forEach((l, i) => {
    const p = parents[i]!;
    if (l.bounds !== null) rangeChain[i] = 1 + (p !== null && outline[p]!.bounds !== null ? rangeChain[p]! : 0);
    if (l.depth === 0) nests.push({ depth: 1, rangeDepth: rangeChain[i]! });
    const nest = nests[nests.length - 1];
    if (!nest) return; // cannot happen: pre-order starts at depth 0
    nest.depth = Math.max(nest.depth, l.depth + 1);
    // A range chain counts for the nest only when it reaches up to the nest's outermost loop.
    if (rangeChain[i]! === l.depth + 1) nest.rangeDepth = Math.max(nest.rangeDepth, rangeChain[i]!);
  });
  return nests;
}
