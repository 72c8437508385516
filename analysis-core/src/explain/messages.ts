/**
 * The message catalogue: every user-facing sentence about loops and dependences is built here, so the
 * CLI, the web app and the golden files speak with one voice (pyright's localize.ts, in spirit).
 */
import type { DepKind } from '../deps/dependence.js';
import type { TestName } from '../deptest/types.js';

export const TEST_NAMES: Record<TestName, string> = {
  ziv: 'the ZIV test',
  'strong-siv': 'the strong SIV test',
  'weak-zero-siv': 'the weak-zero SIV test',
  'weak-crossing-siv': 'the weak-crossing SIV test',
  'exact-siv': 'the exact SIV test',
  rdiv: 'the RDIV test',
  gcd: 'the GCD test',
  banerjee: "Banerjee's inequalities",
  omega: 'the exact integer (Omega) test',
  difference: 'the exact integer test on difference constraints',
  scalar: 'scalar analysis (every iteration uses the same variable)',
  conservative: 'conservative analysis',
};

export const KIND_TEXT: Record<DepKind, string> = { flow: 'flow dependence', anti: 'anti dependence', output: 'output dependence' };

const MODE_VERB = { read: 'reads', write: 'writes' } as const;

export const msg = {
  loopHeader: (v: string, line: number) => `Loop ${v} (line ${line})`,
  parallel: (head: string) => `${head} is parallel: no dependence is carried from one of its iterations to another.`,
  parallelNoAccesses: (head: string) => `${head} is parallel: its iterations touch no shared memory that any of them writes.`,
  notNumericReduction: (variable: string, op: string, why: string) =>
    op === 'min' || op === 'max'
      ? `the ${op} into \`${variable}\` is not known to be a reduction that can run in any order: ${why}`
      : `\`${variable} ${op}= …\` is not known to be a reduction that can run in any order: ${why}, and \`${op}\` reorders safely only on numbers (on lists, strings and tuples it concatenates in order)`,
  floatReassociation: (variable: string, what: 'sum' | 'product') =>
    `Combining the floating-point ${what} into ${variable} in another order may change its rounding.`,
  reduction: (head: string, parts: string) =>
    `${head} is parallel as a reduction: the only values carried between iterations are ${parts}, which can be combined in any order.`,
  privatizable: (head: string, vars: string, liveOut: boolean) =>
    `${head} is parallel after privatizing ${vars}: each iteration writes ${vars.includes(',') ? 'them' : 'it'} before reading, so every iteration can have its own copy${liveOut ? ' (the last iteration’s value must be copied out: it is used after the loop)' : ''}.`,
  sequential: (head: string, evidence: string) => `${head} is sequential: ${evidence}`,
  unknown: (head: string, why: string) => `${head} is undecided: ${why}${/[.!?]$/.test(why) ? '' : '.'}`,
  access: (iter: string, mode: 'read' | 'write', element: string, line: number) => `${iter} ${MODE_VERB[mode]} ${element} (line ${line})`,
  evidence: (srcPart: string, sinkPart: string, kind: DepKind, distance: string | null, test: TestName, symbols: string) =>
    `${srcPart} and ${sinkPart}${symbols} — ${KIND_TEXT[kind]}${distance ? `, distance ${distance}` : ''}, proven by ${TEST_NAMES[test]}.`,
  evidenceNoWitness: (src: string, sink: string, kind: DepKind, test: TestName) =>
    `${src} and then ${sink} touch the same element in different iterations — ${KIND_TEXT[kind]}, proven by ${TEST_NAMES[test]}.`,
  assumedDependence: (src: string, sink: string, reason: string) =>
    `${src} and ${sink} may touch the same element in different iterations (${reason}).`,
  conditional: (symbols: string) =>
    `whether iterations conflict depends on the value of ${symbols}; bind ${symbols.includes(',') ? 'them' : 'it'} to decide.`,
  obstacle: (message: string, line: number) => `${message} (line ${line})`,
  interchange: (outerVar: string, outerLine: number, innerVar: string) =>
    `Interchanging loops ${outerVar} (line ${outerLine}) and ${innerVar} is legal and moves the parallel loop ${innerVar} outward.`,
  assumption: (text: string) => `Loupe ${text}.`,
  stageChanged: (before: string, after: string) => `Without runtime values: ${before}; with them: ${after}.`,
} as const;
