/**
 * The app's one store: state, actions (plain objects with a `kind`) and a pure reducer. Views read the state
 * and dispatch actions; nothing else mutates it.
 */
import type { AnalysisResult } from '../analysis/protocol';
import type { ApiError, Bindings, CompileReply, RunReply, RunnerId } from '../api/server';
import { assertNever } from '../util/assertNever';
import { DEFAULT_SPACE, type Shared, type SpaceSettings, type Tab } from './permalink';

export type ThemeName = 'light' | 'dark';

/** The last NVRTC compile (POST /api/compile), for the source and values it was asked for. */
export type CompileState =
  | { readonly status: 'idle' }
  | { readonly status: 'compiling'; readonly source: string; readonly bindings: Bindings }
  | { readonly status: 'done'; readonly source: string; readonly bindings: Bindings; readonly reply: CompileReply }
  | { readonly status: 'failed'; readonly source: string; readonly bindings: Bindings; readonly error: ApiError };

/** The last run (POST /api/run) or the results a short link froze. */
export interface RunState {
  readonly running: boolean;
  readonly reply: RunReply | null;
  readonly error: ApiError | null;
  /** The source and values of `reply`. */
  readonly source: string | null;
  readonly bindings: Bindings | null;
  /** When the results came from a short link: its creation time (the results are frozen, not re-run). */
  readonly frozenAt: string | null;
}

export type ShareState =
  | { readonly status: 'idle' }
  | { readonly status: 'sharing' }
  | { readonly status: 'done'; readonly id: string; readonly url: string }
  | { readonly status: 'failed'; readonly error: string };

export const DEFAULT_RUNNERS: readonly RunnerId[] = ['cpu-emulation', 'python', 'gpu'];
export const DEFAULT_REPETITIONS = 3;

/** What a short link restores beyond the permalink's shared state. */
export interface LinkRestore {
  readonly shared: Shared;
  readonly bindings: Bindings;
  readonly runners: readonly RunnerId[];
  readonly repetitions: number;
  readonly results: RunReply | null;
  /** The source and values the results were measured for (they may differ from the shared ones). */
  readonly resultsSource: string | null;
  readonly resultsBindings: Bindings | null;
  readonly createdAt: string;
}

export interface State extends Shared {
  /** Editor model version of `source`. */
  readonly version: number;
  /** Bumped when the source is replaced from outside the editor (example, permalink): the editor then loads it. */
  readonly loadSeq: number;
  readonly analysis: AnalysisResult | null;
  readonly failure: string | null;
  readonly theme: ThemeName;
  readonly presentation: boolean;
  readonly galleryOpen: boolean;
  /** Which example was last loaded (for the header), null after edits or for a link. */
  readonly example: string | null;
  /** Values typed in the Run pane; they override the effective runtime values for runs and compiles. */
  readonly runSizes: Readonly<Record<string, string>>;
  readonly runners: readonly RunnerId[];
  readonly repetitions: number;
  readonly compile: CompileState;
  readonly run: RunState;
  readonly share: ShareState;
  /** A short link (`#s=<id>`) being fetched, or why it could not be. */
  readonly link:
    | { readonly status: 'idle' }
    | { readonly status: 'loading'; readonly id: string }
    | { readonly status: 'failed'; readonly id: string; readonly error: string };
}

export type Action =
  | { readonly kind: 'edit'; readonly source: string; readonly version: number }
  | { readonly kind: 'analysed'; readonly result: AnalysisResult }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'loadExample'; readonly id: string; readonly source: string }
  | { readonly kind: 'restore'; readonly shared: Shared }
  | { readonly kind: 'setOverride'; readonly name: string; readonly value: string }
  | { readonly kind: 'resetOverrides' }
  | { readonly kind: 'selectLoop'; readonly loop: number | null }
  | { readonly kind: 'selectDep'; readonly dep: number | null }
  | { readonly kind: 'setTab'; readonly tab: Tab }
  | { readonly kind: 'setSpace'; readonly space: Partial<SpaceSettings> }
  | { readonly kind: 'setGraphScope'; readonly scope: 'all' | 'loop' }
  | { readonly kind: 'setTheme'; readonly theme: ThemeName }
  | { readonly kind: 'setPresentation'; readonly on: boolean }
  | { readonly kind: 'setGallery'; readonly open: boolean }
  | { readonly kind: 'setRunSize'; readonly name: string; readonly value: string }
  | { readonly kind: 'resetRunSizes' }
  | { readonly kind: 'setRunner'; readonly runner: RunnerId; readonly on: boolean }
  | { readonly kind: 'setRepetitions'; readonly repetitions: number }
  | { readonly kind: 'compileStarted'; readonly source: string; readonly bindings: Bindings }
  | { readonly kind: 'compileDone'; readonly reply: CompileReply }
  | { readonly kind: 'compileFailed'; readonly error: ApiError }
  | { readonly kind: 'runStarted'; readonly source: string; readonly bindings: Bindings }
  | { readonly kind: 'runDone'; readonly reply: RunReply }
  | { readonly kind: 'runFailed'; readonly error: ApiError }
  | { readonly kind: 'shareStarted' }
  | { readonly kind: 'shareDone'; readonly id: string; readonly url: string }
  | { readonly kind: 'shareFailed'; readonly error: string }
  | { readonly kind: 'linkLoading'; readonly id: string }
  | { readonly kind: 'linkLoaded'; readonly link: LinkRestore }
  | { readonly kind: 'linkFailed'; readonly id: string; readonly error: string };

export interface Prefs {
  readonly theme: ThemeName;
  readonly presentation: boolean;
}

export function initialState(shared: Shared, prefs: Prefs): State {
  return {
    ...shared,
    version: 1,
    loadSeq: 0,
    analysis: null,
    failure: null,
    theme: prefs.theme,
    presentation: prefs.presentation,
    galleryOpen: false,
    example: null,
    runSizes: {},
    runners: DEFAULT_RUNNERS,
    repetitions: DEFAULT_REPETITIONS,
    compile: { status: 'idle' },
    run: NO_RUN,
    share: { status: 'idle' },
    link: { status: 'idle' },
  };
}

const NO_RUN: RunState = { running: false, reply: null, error: null, source: null, bindings: null, frozenAt: null };

/** The values a run or compile sends: the effective runtime values, overridden by the Run pane's ('' removes). */
export function runBindings(
  effective: Readonly<Record<string, string>>,
  runSizes: Readonly<Record<string, string>>,
): Record<string, string> {
  const out: Record<string, string> = { ...effective };
  for (const [name, raw] of Object.entries(runSizes)) {
    const text = raw.trim();
    if (text === '') delete out[name];
    else out[name] = text;
  }
  return out;
}

export function sharedDefaults(source: string): Shared {
  return { source, overrides: {}, selectedLoop: null, selectedDep: null, tab: 'verdicts', space: DEFAULT_SPACE, graphScope: 'all' };
}

/** The part of the state a permalink carries. */
export function sharedOf(s: State): Shared {
  return {
    source: s.source,
    overrides: s.overrides,
    selectedLoop: s.selectedLoop,
    selectedDep: s.selectedDep,
    tab: s.tab,
    space: s.space,
    graphScope: s.graphScope,
  };
}

export function reducer(state: State, action: Action): State {
  switch (action.kind) {
    case 'edit':
      if (action.source === state.source && action.version === state.version) return state;
      return {
        ...state,
        source: action.source,
        version: action.version,
        example: action.source === state.source ? state.example : null,
        share: action.source === state.source ? state.share : { status: 'idle' },
      };
    case 'analysed': {
      const { report } = action.result;
      // Selections that no longer exist in the new report are dropped.
      const selectedLoop = state.selectedLoop !== null && report.loops.some((l) => l.id === state.selectedLoop) ? state.selectedLoop : null;
      const selectedDep =
        state.selectedDep !== null && report.dependences.some((d) => d.id === state.selectedDep) ? state.selectedDep : null;
      return { ...state, analysis: action.result, failure: null, selectedLoop, selectedDep };
    }
    case 'failed':
      return { ...state, failure: action.message };
    case 'loadExample':
      return {
        ...state,
        ...sharedDefaults(action.source),
        tab: state.tab,
        loadSeq: state.loadSeq + 1,
        galleryOpen: false,
        example: action.id,
        runSizes: {},
        share: { status: 'idle' },
      };
    case 'restore':
      return {
        ...state,
        ...action.shared,
        loadSeq: state.source === action.shared.source ? state.loadSeq : state.loadSeq + 1,
        example: null,
      };
    case 'setOverride': {
      const overrides = { ...state.overrides, [action.name]: action.value };
      return { ...state, overrides };
    }
    case 'resetOverrides':
      return { ...state, overrides: {} };
    case 'selectLoop':
      // The iteration space follows the selected loop's nest until the user picks its loops again.
      if (action.loop === state.selectedLoop) return state;
      return { ...state, selectedLoop: action.loop, selectedDep: null, space: { ...state.space, outer: null, inner: null, fixed: {} } };
    case 'selectDep':
      return { ...state, selectedDep: action.dep };
    case 'setTab':
      return { ...state, tab: action.tab };
    case 'setSpace':
      return { ...state, space: { ...state.space, ...action.space } };
    case 'setGraphScope':
      return { ...state, graphScope: action.scope };
    case 'setTheme':
      return { ...state, theme: action.theme };
    case 'setPresentation':
      return { ...state, presentation: action.on };
    case 'setGallery':
      return { ...state, galleryOpen: action.open };
    case 'setRunSize':
      return { ...state, runSizes: { ...state.runSizes, [action.name]: action.value } };
    case 'resetRunSizes':
      return { ...state, runSizes: {} };
    case 'setRunner': {
      const on = new Set(state.runners);
      if (action.on) on.add(action.runner);
      else on.delete(action.runner);
      return { ...state, runners: DEFAULT_RUNNERS.filter((r) => on.has(r)) };
    }
    case 'setRepetitions':
      return { ...state, repetitions: action.repetitions };
    case 'compileStarted':
      return { ...state, compile: { status: 'compiling', source: action.source, bindings: action.bindings } };
    case 'compileDone':
      if (state.compile.status !== 'compiling') return state;
      return { ...state, compile: { status: 'done', source: state.compile.source, bindings: state.compile.bindings, reply: action.reply } };
    case 'compileFailed':
      if (state.compile.status !== 'compiling') return state;
      return {
        ...state,
        compile: { status: 'failed', source: state.compile.source, bindings: state.compile.bindings, error: action.error },
      };
    case 'runStarted':
      return { ...state, run: { ...NO_RUN, running: true, source: action.source, bindings: action.bindings } };
    case 'runDone':
      if (!state.run.running) return state;
      return { ...state, run: { ...state.run, running: false, reply: action.reply }, share: { status: 'idle' } };
    case 'runFailed':
      if (!state.run.running) return state;
      return { ...state, run: { ...state.run, running: false, error: action.error } };
    case 'shareStarted':
      return { ...state, share: { status: 'sharing' } };
    case 'shareDone':
      return { ...state, share: { status: 'done', id: action.id, url: action.url } };
    case 'shareFailed':
      return { ...state, share: { status: 'failed', error: action.error } };
    case 'linkLoading':
      return { ...state, link: { status: 'loading', id: action.id } };
    case 'linkLoaded': {
      const { link } = action;
      return {
        ...state,
        ...link.shared,
        loadSeq: state.source === link.shared.source ? state.loadSeq : state.loadSeq + 1,
        example: null,
        runSizes: { ...link.bindings },
        runners: link.runners,
        repetitions: link.repetitions,
        compile: { status: 'idle' },
        run: link.results
          ? { ...NO_RUN, reply: link.results, source: link.resultsSource, bindings: link.resultsBindings, frozenAt: link.createdAt }
          : NO_RUN,
        share: { status: 'idle' },
        link: { status: 'idle' },
      };
    }
    case 'linkFailed':
      return { ...state, link: { status: 'failed', id: action.id, error: action.error } };
    default:
      return assertNever(action, 'action');
  }
}
