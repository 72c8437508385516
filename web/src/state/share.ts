/**
 * Short links (POST /api/links): what a link stores and how it is read back. The view is stored as the
 * permalink hash of the shared state (so the permalink's validation applies when reading it), plus the Run
 * pane's choices; the results are the last run reply, verbatim, shown later as frozen.
 */
import { RUNNER_IDS, type Bindings, type RunReply, type RunnerId, type StoredLink } from '../api/server';
import { decodeShared, encodeShared, type Shared } from './permalink';
import { DEFAULT_REPETITIONS, DEFAULT_RUNNERS, sharedDefaults, type LinkRestore } from './store';

export interface LinkView {
  /** `#c=…` of the shared state (source included, for a self-contained view). */
  readonly permalink: string;
  readonly runners: readonly RunnerId[];
  readonly repetitions: number;
  /** What the results were measured for: their values, and whether the source was the shared one. */
  readonly results?: { readonly bindings: Bindings | null; readonly sameSource: boolean };
}

export interface LinkBody {
  readonly source: string;
  readonly bindings: Bindings;
  readonly view: LinkView;
  readonly results: RunReply | null;
}

export interface LinkResults {
  readonly reply: RunReply;
  readonly source: string | null;
  readonly bindings: Bindings | null;
}

export function linkBody(
  shared: Shared,
  bindings: Bindings,
  runners: readonly RunnerId[],
  repetitions: number,
  results: LinkResults | null,
): LinkBody {
  const view: LinkView = {
    permalink: encodeShared(shared),
    runners,
    repetitions,
    ...(results ? { results: { bindings: results.bindings, sameSource: results.source === shared.source } } : {}),
  };
  return { source: shared.source, bindings, view, results: results?.reply ?? null };
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function stringValues(x: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(x)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** A stored link → what the app restores; malformed parts fall back to defaults (never throws). */
export function restoreFromLink(link: StoredLink): LinkRestore {
  const view = isRecord(link.view) ? link.view : {};
  const decoded = typeof view.permalink === 'string' ? decodeShared(view.permalink) : null;
  const shared: Shared = { ...(decoded ?? sharedDefaults(link.source)), source: link.source };
  const runners = Array.isArray(view.runners) ? RUNNER_IDS.filter((r) => (view.runners as unknown[]).includes(r)) : [...DEFAULT_RUNNERS];
  const reps = typeof view.repetitions === 'number' && Number.isInteger(view.repetitions) ? view.repetitions : DEFAULT_REPETITIONS;
  const bindings: Record<string, string> = {};
  if (isRecord(link.bindings))
    for (const [k, v] of Object.entries(link.bindings)) if (typeof v === 'string' || typeof v === 'number') bindings[k] = String(v);
  const results = isRecord(link.results) && isRecord(link.results.runners) ? (link.results as unknown as RunReply) : null;
  const ran = isRecord(view.results) ? view.results : {};
  const resultsBindings = isRecord(ran.bindings) ? stringValues(ran.bindings) : bindings;
  return {
    shared,
    bindings,
    runners,
    repetitions: Math.min(50, Math.max(1, reps)),
    results,
    resultsSource: ran.sameSource === false ? null : link.source,
    resultsBindings,
    createdAt: link.createdAt,
  };
}
