/**
 * Loop interchange suggestions (Allen & Kennedy §5.2): swapping two perfectly nested loops is legal when
 * no dependence's direction vector becomes lexicographically negative, i.e. none has `<` at the outer
 * loop together with `>` at the inner one. We suggest it when the inner loop is parallel, the outer is
 * not, and after the swap the inner loop (now outer) still carries nothing — moving parallelism outward
 * (fewer, larger parallel regions; on a GPU, a grid dimension instead of a sequential loop).
 */
import { GT, LT } from '../deptest/direction.js';
import type { Loop, Program } from '../ir/ir.js';
import type { Dependence } from '../deps/dependence.js';
import type { LoopVerdict } from '../verdict/verdict.js';

export interface InterchangeSuggestion {
  readonly outer: number;
  readonly inner: number;
}

export function interchangeSuggestions(
  program: Program,
  deps: readonly Dependence[],
  verdicts: readonly LoopVerdict[],
): InterchangeSuggestion[] {
  const out: InterchangeSuggestion[] = [];
  for (const outer of program.loops) {
    const only = outer.body.length === 1 ? outer.body[0] : undefined;
    if (only?.kind !== 'loop') continue;
    const inner: Loop = only;
    const vo = verdicts[outer.id]!.kind;
    const vi = verdicts[inner.id]!.kind;
    if (vi !== 'parallel' || vo === 'parallel' || vo === 'unknown' || outer.obstacles.length > 0 || inner.obstacles.length > 0) continue;
    if (legalAndParallel(deps, outer, inner)) out.push({ outer: outer.id, inner: inner.id });
  }
  return out;
}

function legalAndParallel(deps: readonly Dependence[], outer: Loop, inner: Loop): boolean {
  for (const d of deps) {
    const lo = d.common.indexOf(outer.id);
    const li = d.common.indexOf(inner.id);
    if (lo < 0 || li < 0) continue;
    // Carried further out: unaffected by swapping these two.
    if (d.direction.slice(0, lo).some((x) => x === LT)) continue;
    const dOuter = d.direction[lo]!;
    const dInner = d.direction[li]!;
    if (d.certainty === 'assumed') return false;
    if (dOuter & LT && dInner & GT) return false; // would become lexicographically negative
    if (dInner & LT) return false; // would be carried by the inner loop once it is outermost
  }
  return true;
}
