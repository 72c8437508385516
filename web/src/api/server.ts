/**
 * The server's HTTP API as the page uses it (see docs/server.md): compile, run, short links. Only the fields
 * the views read are typed; everything else is kept as plain JSON (a link freezes the whole run reply).
 * Errors never throw past these helpers: they come back as `{ ok: false, status, … }`.
 */

export type Bindings = Readonly<Record<string, string>>;

export interface ApiError {
  readonly ok: false;
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly error: string;
  /** The reply body (e.g. `missing`, `nvrtcLog`, `notes`, `reasons`), when there is one. */
  readonly body: Readonly<Record<string, unknown>>;
}

export type ApiResult<T> = { readonly ok: true; readonly value: T } | ApiError;

export interface CompiledKernel {
  readonly name: string;
  readonly ptx?: string;
}

export interface CompileReply {
  readonly cuda: string;
  readonly ptx: string;
  readonly kernels: readonly CompiledKernel[];
  readonly nvrtcLog: string;
  readonly compileMs: number;
  readonly compiler: string;
  readonly version: string;
  readonly arch?: string;
  readonly cached?: boolean;
}

/** The runner ids a request may ask for. */
export const RUNNER_IDS = ['cpu-emulation', 'python', 'gpu'] as const;
export type RunnerId = (typeof RUNNER_IDS)[number];

export const RUNNER_LABELS: Readonly<Record<RunnerId, string>> = {
  'cpu-emulation': 'CPU emulation (checks correctness)',
  python: 'Python baselines (CPython timed, Numba)',
  gpu: 'GPU (CUDA driver)',
};

export interface Timing {
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly repetitions?: number;
}

export interface RunnerReply {
  readonly available: boolean;
  readonly reason?: string;
  readonly error?: string;
  readonly note?: string;
  readonly medianMs?: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly estimated?: boolean;
  readonly estimate?: string;
  readonly reference?: boolean;
  readonly correct?: boolean;
  readonly maxError?: number | null;
  readonly mismatches?: number;
  readonly jitMs?: number;
  readonly kernel?: Timing;
  readonly endToEnd?: Timing;
}

export interface RunReply {
  readonly correct: boolean;
  readonly reference: string;
  readonly referenceNote?: string;
  readonly tolerance: Readonly<Record<string, { readonly rtol: number; readonly atol: number }>>;
  readonly runners: Readonly<Record<string, RunnerReply | undefined>>;
  readonly speedups?: {
    readonly vsCpython?: Readonly<Record<string, number | null | undefined>>;
    readonly vsNumba?: Readonly<Record<string, number | null | undefined>>;
    readonly estimated?: boolean;
  };
  readonly device: { readonly name: string; readonly computeCapability?: string } | null;
  readonly deviceNote?: string;
  readonly versions: Readonly<Record<string, string | null | undefined>>;
  readonly sizes?: { readonly arrays: readonly { readonly name: string; readonly dtype: string }[] };
  readonly repetitions?: number;
  readonly totalMs?: number;
  readonly notes?: readonly string[];
  readonly bindings?: Bindings;
}

export interface LinkReply {
  readonly id: string;
  readonly url: string;
}

export interface StoredLink {
  readonly id: string;
  readonly url: string;
  readonly createdAt: string;
  readonly loupeVersion: string;
  readonly source: string;
  readonly bindings: Bindings | null;
  readonly view: unknown;
  readonly results: unknown;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown, signal?: AbortSignal): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (err) {
    return {
      ok: false,
      status: 0,
      error: `the server could not be reached (${err instanceof Error ? err.message : String(err)})`,
      body: {},
    };
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (res.ok && json !== null) return { ok: true, value: json as T };
  const rec = isRecord(json) ? json : {};
  const error = typeof rec.error === 'string' ? rec.error : `${res.status} ${res.statusText}`;
  return { ok: false, status: res.status, error, body: rec };
}

export const compile = (source: string, bindings: Bindings): Promise<ApiResult<CompileReply>> =>
  call<CompileReply>('POST', '/api/compile', { source, bindings });

export const run = (
  source: string,
  bindings: Bindings,
  runners: readonly RunnerId[],
  repetitions: number,
  signal?: AbortSignal,
): Promise<ApiResult<RunReply>> => call<RunReply>('POST', '/api/run', { source, bindings, runners, repetitions }, signal);

export const createLink = (body: { source: string; bindings: Bindings; view: unknown; results: unknown }): Promise<ApiResult<LinkReply>> =>
  call<LinkReply>('POST', '/api/links', body);

export const getLink = (id: string): Promise<ApiResult<StoredLink>> => call<StoredLink>('GET', `/api/links/${encodeURIComponent(id)}`);

/** The short-link id in a URL hash (`#s=<id>`), or null. */
export function linkIdOf(hash: string): string | null {
  const m = /^#?(?:.*&)?s=([0-9A-Za-z]{1,32})(?:&|$)/.exec(hash);
  return m ? m[1]! : null;
}

/** `missing` of a 503 reply as one line: `nvrtc: …; nvcc: …`. */
export function describeMissing(body: Readonly<Record<string, unknown>>): string {
  const missing = body.missing;
  if (!isRecord(missing)) return '';
  return Object.entries(missing)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : isRecord(v) && typeof v.detail === 'string' ? v.detail : JSON.stringify(v)}`)
    .join('; ');
}
