/**
 * Why a loop is `unknown` or `sequential`, as short group keys that stay stable across files (no variable
 * names), so the summary can count them and show where the front end gives up most often:
 *   - `obstacle: <kind>` — a loop-level obstacle (unknown call, while, break, not-range, …);
 *   - `proven <flow|anti|output> dependence (<test>)` — a real dependence, found by that test;
 *   - `assumed <kind> dependence: <cause>` — one that could not be ruled out, by cause (subscripts not
 *     comparable and why — non-affine, indirect, slice, … —, non-affine bound, guarded statement, …).
 * A loop counts once under each of its keys, so key counts can add up to more than the loops.
 */
import type { CitedDependence, ReportLoop } from '../../src/index.js';

/**
 * Causes of an assumed dependence, matched on the clauses of its `reason` (`; `-separated). The first
 * clause of a pair whose subscripts could not be compared is `cannot compare subscripts: <why>`, and every
 * further dropped dimension adds a bare `<why>` clause: those are grouped by subscript shape.
 */
const CAUSES: readonly (readonly [RegExp, string])[] = [
  [/^a loop bound or step is not affine/, 'non-affine loop bound or step'],
  [/^a statement runs under a condition/, 'statement under a condition'],
  [/^exists only for some values/, 'depends on unbound symbols'],
  [/^the exact test could not decide/, 'exact test out of budget'],
];
const COMPARE = 'cannot compare subscripts: ';
/** Subscript shapes, as `lower`/`accesses.ts` word them. */
const SUBSCRIPT_CAUSES: readonly (readonly [RegExp, string])[] = [
  [/^non-affine subscript/, 'non-affine subscript'],
  [/^indirect subscript/, 'indirect subscript'],
  [/^slice/, 'slice'],
  [/^scalar-in-subscript/, 'scalar assigned in the loop'],
  [/different numbers of subscripts/, 'different numbers of subscripts'],
];

export function dependenceIndex(dependences: readonly CitedDependence[]): Map<number, CitedDependence> {
  return new Map(dependences.map((d) => [d.id, d]));
}

export function loopReasons(loop: ReportLoop, deps: ReadonlyMap<number, CitedDependence>): string[] {
  if (loop.verdict !== 'unknown' && loop.verdict !== 'sequential') return [];
  const keys = new Set<string>();
  for (const o of loop.obstacles) keys.add(`obstacle: ${o.kind}`);
  for (const id of loop.blocking) {
    const d = deps.get(id);
    if (!d) continue;
    if (d.certainty === 'proven') {
      keys.add(`proven ${d.kind} dependence (${d.decidedBy})`);
      continue;
    }
    for (const cause of assumedCauses(d)) keys.add(`assumed ${d.kind} dependence: ${cause}`);
  }
  if (keys.size === 0) keys.add('(no reason given)');
  return [...keys].sort();
}

function assumedCauses(d: CitedDependence): string[] {
  if (d.reason === null || d.reason.trim() === '') return [`no reason given (${d.decidedBy})`];
  const causes: string[] = [];
  for (const clause of d.reason.split('; ')) {
    const top = CAUSES.find(([re]) => re.test(clause));
    if (top) causes.push(top[1]);
    else {
      const why = clause.startsWith(COMPARE) ? clause.slice(COMPARE.length) : clause;
      const sub = SUBSCRIPT_CAUSES.find(([re]) => re.test(why));
      causes.push(sub ? `subscripts not comparable (${sub[1]})` : genericCause(clause));
    }
  }
  return causes;
}

/** Unrecognised wording: drop quoted code and numbers so the same cause in different files groups together. */
function genericCause(clause: string): string {
  return clause
    .replace(/`[^`]*`/g, '…')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 80);
}
