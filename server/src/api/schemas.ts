/**
 * Request schemas (zod). Every route parses its body here first; a failure is a 400 whose `reasons` list
 * says which field is wrong and why. Unknown fields are ignored, so newer clients keep working.
 */
import { z } from 'zod';
import { HttpError } from '../http/errors.js';

/** Limits (documented in docs/server.md). */
export const LIMITS = {
  sourceBytes: 64 * 1024,
  bindings: 64,
  bindingText: 200,
  /** Total array elements a run may allocate (per runner). */
  runElements: 2 ** 26,
  repetitions: 50,
  viewBytes: 16 * 1024,
  resultsBytes: 128 * 1024,
} as const;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

const source = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'must be a string (the Python snippet)') })
  .refine((s) => Buffer.byteLength(s, 'utf8') <= LIMITS.sourceBytes, { message: `must be at most ${LIMITS.sourceBytes / 1024} KB` });

const bindingValue = z.union([z.number().finite(), z.string().max(LIMITS.bindingText)], {
  error: 'must be an integer, a number, or a "dtype[extents]" string such as "float64[64,64]"',
});

const bindings = z
  .record(z.string().regex(IDENT, { message: 'binding names must be Python identifiers' }), bindingValue, {
    error: (issue) => (issue.code === 'invalid_type' ? 'must be an object of NAME: value' : undefined),
  })
  .refine((b) => Object.keys(b).length <= LIMITS.bindings, { message: `at most ${LIMITS.bindings} bindings` });

/** JSON-ish state stored verbatim in links; its serialized size is bounded. */
const boundedJson = (max: number, what: string) =>
  z
    .unknown()
    .refine((v) => v === undefined || JSON.stringify(v).length <= max, { message: `${what} must serialize to at most ${max / 1024} KB` })
    .optional();

export const analyzeBody = z.object({ source, bindings: bindings.optional() });

export const compileBody = z.object({
  source,
  bindings: bindings.optional(),
  arch: z
    .string()
    .regex(/^compute_\d{2,3}a?$/, { message: 'must look like compute_90' })
    .optional(),
});

export const RUNNER_NAMES = ['gpu', 'cpu-emulation', 'python'] as const;
export type RunnerName = (typeof RUNNER_NAMES)[number];

export const runBody = z.object({
  source,
  bindings: bindings.optional(),
  runners: z
    .array(z.enum(RUNNER_NAMES, { error: `each runner must be one of ${RUNNER_NAMES.join(', ')}` }))
    .min(1, { message: 'name at least one runner' })
    .max(RUNNER_NAMES.length)
    .optional(),
  repetitions: z.int({ error: 'must be an integer' }).min(1).max(LIMITS.repetitions).optional(),
  seed: z
    .int({ error: 'must be an integer' })
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
});

export const linkBody = z.object({
  source,
  bindings: bindings.optional(),
  view: boundedJson(LIMITS.viewBytes, 'view'),
  results: boundedJson(LIMITS.resultsBytes, 'results'),
});

function reason(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join('.') : 'body';
  // A bad record key nests the key's own issue (e.g. "binding names must be Python identifiers").
  const message = issue.code === 'invalid_key' && issue.issues.length > 0 ? issue.issues.map((i) => i.message).join('; ') : issue.message;
  return `${where}: ${message}`;
}

/** Parses or throws a 400 HttpError listing every problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError(400, 'Invalid request: expected a JSON object body (Content-Type: application/json)', {
      reasons: ['body: must be a JSON object'],
    });
  }
  const r = schema.safeParse(body);
  if (!r.success) {
    const reasons = r.error.issues.map(reason);
    throw new HttpError(400, `Invalid request: ${reasons.join('; ')}`, { reasons });
  }
  return r.data;
}
