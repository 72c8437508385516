/**
 * Direction sets as bit sets, narrowed with `&` (Allen & Kennedy §2.2). For a common loop level, `<`
 * means the source iteration comes before the sink iteration, `=` the same iteration, `>` after.
 */
export type Direction = number;
export const LT: Direction = 1;
export const EQ: Direction = 2;
export const GT: Direction = 4;
export const NONE: Direction = 0;
export const ALL: Direction = LT | EQ | GT;

export function directionText(d: Direction): string {
  switch (d) {
    case LT:
      return '<';
    case EQ:
      return '=';
    case GT:
      return '>';
    case LT | EQ:
      return '<=';
    case GT | EQ:
      return '>=';
    case LT | GT:
      return '<>';
    case ALL:
      return '*';
    default:
      return '∅';
  }
}

/** Direction of a distance `sink − source` (in iterations). */
export function directionOfDistance(d: bigint): Direction {
  return d > 0n ? LT : d < 0n ? GT : EQ;
}

export const singleDirections: readonly Direction[] = [LT, EQ, GT];
