/**
 * The app's one store: state, actions (plain objects with a `kind`) and a pure reducer. Views read the state
 * and dispatch actions; nothing else mutates it.
 */
import type { AnalysisResult } from '../analysis/protocol';
import { assertNever } from '../util/assertNever';
import { DEFAULT_SPACE, type Shared, type SpaceSettings, type Tab } from './permalink';

export type ThemeName = 'light' | 'dark';

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
  | { readonly kind: 'setGallery'; readonly open: boolean };

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
  };
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
      return { ...state, source: action.source, version: action.version, example: action.source === state.source ? state.example : null };
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
    default:
      return assertNever(action, 'action');
  }
}
