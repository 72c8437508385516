/**
 * "Loops with affine subscripts": the loops the dependence tests can reason about exactly. A loop counts
 * when it touches at least one subscripted array element (nested loops included) and
 *   - every subscript of every such access lowered to an affine expression, and
 *   - the loop carries no obstacle of the kinds that make a subscript opaque (non-affine, indirect, slice,
 *     a scalar assigned in the loop used in a subscript).
 * Read from the lowered program rather than the report: the report drops exactly these obstacles, since the
 * dependences they cause already say "assumed".
 */
import type { Obstacle, Program } from '../../src/index.js';

const OPAQUE_SUBSCRIPT: ReadonlySet<Obstacle['kind']> = new Set([
  'non-affine-subscript',
  'indirect-subscript',
  'slice',
  'scalar-in-subscript',
]);

export interface SubscriptShape {
  readonly subscripted: boolean;
  readonly affine: boolean;
}

/** One entry per loop id. One pass over the statements: each statement informs every loop around it. */
export function subscriptShapes(program: Program): SubscriptShape[] {
  const subscripted = program.loops.map(() => false);
  const opaque = program.loops.map((l) => l.obstacles.some((o) => OPAQUE_SUBSCRIPT.has(o.kind)));
  for (const s of program.statements) {
    let has = false;
    let allAffine = true;
    for (const id of s.accesses) {
      const a = program.accesses[id];
      if (!a || a.target !== 'array' || a.subscripts.length === 0) continue;
      has = true;
      if (a.subscripts.some((x) => x.kind !== 'affine')) allAffine = false;
    }
    if (!has) continue;
    for (const l of s.loops) {
      subscripted[l] = true;
      if (!allAffine) opaque[l] = true;
    }
  }
  return program.loops.map((_, i) => ({ subscripted: subscripted[i]!, affine: subscripted[i]! && !opaque[i]! }));
}
