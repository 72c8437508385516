/**
 * Permalinks: the shareable part of the state, JSON, compressed with lz-string into the URL hash
 * (`#c=<compressToEncodedURIComponent(json)>`). Decoding never throws: anything malformed gives `null` (the
 * whole link) or the default (one field), so an old or hand-edited link still opens.
 */
import * as lzModule from 'lz-string';

// lz-string is CommonJS: bundlers expose its functions as named exports, Node's ESM loader only as `default`.
const lz = (lzModule as unknown as { default?: typeof lzModule }).default ?? lzModule;

export const TABS = ['verdicts', 'graph', 'space', 'vectors', 'runtime', 'cuda', 'run'] as const;
export type Tab = (typeof TABS)[number];

export interface SpaceSettings {
  /** Loop ids drawn as rows (outer) and columns (inner); inner null draws a single loop. */
  readonly outer: number | null;
  readonly inner: number | null;
  /** Values for the symbols of the bounds, small enough to draw (e.g. n = 6). */
  readonly draw: Readonly<Record<string, number>>;
  /** Iteration values of the other loops of the nest (the slice shown). Keys are loop ids. */
  readonly fixed: Readonly<Record<string, number>>;
}

export interface Shared {
  readonly source: string;
  readonly overrides: Readonly<Record<string, string>>;
  readonly selectedLoop: number | null;
  readonly selectedDep: number | null;
  readonly tab: Tab;
  readonly space: SpaceSettings;
  readonly graphScope: 'all' | 'loop';
}

export const DEFAULT_SPACE: SpaceSettings = { outer: null, inner: null, draw: {}, fixed: {} };

const HASH_KEY = 'c';
const VERSION = 1;

interface Wire {
  v: number;
  s: string;
  o?: Record<string, string>;
  l?: number | null;
  d?: number | null;
  t?: string;
  sp?: { o?: number | null; i?: number | null; d?: Record<string, number>; f?: Record<string, number> };
  g?: string;
}

export function encodeShared(state: Shared): string {
  const wire: Wire = { v: VERSION, s: state.source };
  if (Object.keys(state.overrides).length > 0) wire.o = { ...state.overrides };
  if (state.selectedLoop !== null) wire.l = state.selectedLoop;
  if (state.selectedDep !== null) wire.d = state.selectedDep;
  if (state.tab !== 'verdicts') wire.t = state.tab;
  const sp = state.space;
  if (sp.outer !== null || sp.inner !== null || Object.keys(sp.draw).length > 0 || Object.keys(sp.fixed).length > 0) {
    wire.sp = { o: sp.outer, i: sp.inner, d: { ...sp.draw }, f: { ...sp.fixed } };
  }
  if (state.graphScope !== 'all') wire.g = state.graphScope;
  return `#${HASH_KEY}=${lz.compressToEncodedURIComponent(JSON.stringify(wire))}`;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const intOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isInteger(x) ? x : null);

function stringRecord(x: unknown): Record<string, string> {
  if (!isRecord(x)) return {};
  return Object.fromEntries(Object.entries(x).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

function intRecord(x: unknown): Record<string, number> {
  if (!isRecord(x)) return {};
  return Object.fromEntries(Object.entries(x).filter((e): e is [string, number] => typeof e[1] === 'number' && Number.isInteger(e[1])));
}

/** The shared state in a URL hash (`#c=…`), or null when the hash holds none (or garbage). */
export function decodeShared(hash: string): Shared | null {
  const m = new RegExp(`^#?(?:.*&)?${HASH_KEY}=([^&]*)`).exec(hash);
  if (!m) return null;
  let wire: unknown;
  try {
    const json = lz.decompressFromEncodedURIComponent(m[1]!);
    if (!json) return null;
    wire = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(wire) || typeof wire.s !== 'string' || typeof wire.v !== 'number' || wire.v > VERSION) return null;
  const sp = isRecord(wire.sp) ? wire.sp : {};
  return {
    source: wire.s,
    overrides: stringRecord(wire.o),
    selectedLoop: intOrNull(wire.l),
    selectedDep: intOrNull(wire.d),
    tab: (TABS as readonly unknown[]).includes(wire.t) ? (wire.t as Tab) : 'verdicts',
    space: { outer: intOrNull(sp.o), inner: intOrNull(sp.i), draw: intRecord(sp.d), fixed: intRecord(sp.f) },
    graphScope: wire.g === 'loop' ? 'loop' : 'all',
  };
}
