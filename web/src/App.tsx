import { Suspense, lazy, useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Report, ReportDiagnostic } from '@loupe/analysis-core';
import type { AnalysisService } from './analysis/service';
import type { CudaResult } from './analysis/protocol';
import { compile as compileOnServer, createLink, getLink, linkIdOf, run as runOnServer, type RunnerId } from './api/server';
import type { Highlight } from './editor/CodeEditor';
import type { CodeEditor as Editor } from './editor/monaco';
import { EXAMPLES, exampleById } from './examples/catalog';
import type { Example } from './examples/parse';
import { decodeShared, encodeShared, type Shared, type SpaceSettings, type Tab } from './state/permalink';
import { linkBody, restoreFromLink } from './state/share';
import { initialState, reducer, runBindings, sharedOf, type Prefs, type State, type ThemeName } from './state/store';
import { Diagnostics } from './views/Diagnostics';
import { Gallery } from './views/Gallery';
import { RuntimePane } from './views/RuntimePane';
import { TAB_INFO, Tabs, panelId, tabId } from './views/Tabs';
import { VectorsTable } from './views/VectorsTable';
import { VERDICT } from './views/verdict';
import { VerdictsPane } from './views/VerdictsPane';

// Monaco is most of the bundle: it loads after the verdicts can already show (the source is shown as plain
// text until then, in the same box, so nothing moves when the editor arrives).
const CodeEditor = lazy(() => import('./editor/CodeEditor').then((m) => ({ default: m.CodeEditor })));
const CudaPane = lazy(() => import('./views/CudaPane').then((m) => ({ default: m.CudaPane })));
// D3 comes with the two drawings, when first opened.
const GraphPane = lazy(() => import('./views/GraphPane').then((m) => ({ default: m.GraphPane })));
const SpacePane = lazy(() => import('./views/SpacePane').then((m) => ({ default: m.SpacePane })));
const RunPane = lazy(() => import('./views/RunPane').then((m) => ({ default: m.RunPane })));

const PREFS_KEY = 'loupe.prefs';
const EDITOR_AFTER_MS = 1200;
const HASH_DELAY_MS = 150;

export function loadPrefs(): Prefs {
  let saved: Partial<Prefs>;
  try {
    saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Partial<Prefs>;
  } catch {
    saved = {};
  }
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return {
    theme: saved.theme === 'light' || saved.theme === 'dark' ? saved.theme : dark ? 'dark' : 'light',
    presentation: saved.presentation === true,
  };
}

const KEYS: readonly [string, string][] = [
  ['Alt+1 … Alt+7', 'open a pane (Verdicts, Graph, Iteration space, Vectors, Runtime values, CUDA, Run)'],
  ['Alt+0', 'back to the editor'],
  ['Left / Right', 'move between pane tabs'],
  ['Alt+E', 'examples'],
  ['Alt+L', 'copy the link to this view'],
  ['Alt+P', 'presentation mode (large fonts)'],
  ['Alt+T', 'light / dark theme'],
  ['Escape', 'close a dialog'],
];

function summary(state: State): string {
  const loops = state.analysis?.report.loops;
  if (!loops) return '';
  if (loops.length === 0) return 'no loops';
  const counts = new Map<string, number>();
  for (const l of loops) counts.set(l.verdict, (counts.get(l.verdict) ?? 0) + 1);
  return `${loops.length} loop${loops.length === 1 ? '' : 's'}: ${[...counts].map(([v, n]) => `${n} ${VERDICT[v as keyof typeof VERDICT].icon} ${VERDICT[v as keyof typeof VERDICT].label}`).join(', ')}`;
}

export function App({ service, shared }: { readonly service: AnalysisService; readonly shared: Shared }) {
  const [state, dispatch] = useReducer(reducer, undefined, () => {
    const s = initialState(shared, loadPrefs());
    // A short link (`#s=<id>`, where GET /s/<id> redirects): fetched below; the URL is left alone meanwhile.
    const id = linkIdOf(location.hash);
    return id ? { ...s, link: { status: 'loading' as const, id } } : s;
  });
  const editorRef = useRef<Editor | null>(null);
  const [copied, setCopied] = useState(false);
  const [help, setHelp] = useState(false);

  // Results from the worker (including one that arrived before React rendered).
  useEffect(
    () =>
      service.subscribe((e) => {
        if (e.kind === 'result') dispatch({ kind: 'analysed', result: e.result });
        else dispatch({ kind: 'failed', message: e.message });
      }),
    [service],
  );

  // Every edit and every runtime value goes to the worker (coalesced while it is busy).
  const { source, version, overrides } = state;
  useEffect(() => service.submit({ source, version, overrides }), [service, source, version, overrides]);

  // The first verdicts in the DOM (for the benchmark; `data-shown-version` says which version is showing).
  const analysis = state.analysis;
  useLayoutEffect(() => {
    if (analysis && performance.getEntriesByName('loupe:first-verdict').length === 0) performance.mark('loupe:first-verdict');
  }, [analysis]);

  // Monaco (most of the bundle) starts loading once the first verdicts are up, or after a moment if the first
  // analysis is slow, so it never delays them; until then the source shows as plain text in the same box.
  const [editorWanted, setEditorWanted] = useState(false);
  useEffect(() => {
    if (analysis) setEditorWanted(true);
    const t = setTimeout(() => setEditorWanted(true), EDITOR_AFTER_MS);
    return () => clearTimeout(t);
  }, [analysis]);

  // The URL always holds the shared state.
  // (Compressed after a pause, never on the keystroke itself.)
  const current = useMemo(() => sharedOf(state), [state]);
  const linkLoading = state.link.status === 'loading';
  const writeHash = useCallback((): void => {
    if (linkLoading) return;
    const hash = encodeShared(current);
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }, [current, linkLoading]);
  useEffect(() => {
    const t = setTimeout(writeHash, HASH_DELAY_MS);
    return () => clearTimeout(t);
  }, [writeHash]);
  // Short links: GET /api/links/<id> restores source, values, view and the frozen results.
  const loadLink = useCallback((id: string): void => {
    dispatch({ kind: 'linkLoading', id });
    void getLink(id).then((r) => {
      if (r.ok) dispatch({ kind: 'linkLoaded', link: restoreFromLink(r.value) });
      else dispatch({ kind: 'linkFailed', id, error: r.error });
    });
  }, []);
  const initialLink = useRef(state.link.status === 'loading' ? state.link.id : null);
  useEffect(() => {
    const id = initialLink.current;
    initialLink.current = null;
    if (id) loadLink(id);
  }, [loadLink]);
  useEffect(() => {
    const onHash = (): void => {
      const id = linkIdOf(location.hash);
      if (id) return loadLink(id);
      const next = decodeShared(location.hash);
      if (next) dispatch({ kind: 'restore', shared: next });
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [loadLink]);

  // Preferences: theme and presentation mode (per browser, not in links).
  const { theme, presentation } = state;
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.classList.toggle('presentation', presentation);
    try {
      localStorage.setItem(PREFS_KEY, JSON.stringify({ theme, presentation }));
    } catch {
      // private mode: preferences just don't persist
    }
  }, [theme, presentation]);

  const copyLink = useCallback(() => {
    writeHash();
    const done = (): void => {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    };
    navigator.clipboard?.writeText(location.href).then(done, done);
  }, [writeHash]);

  const focusPanel = useCallback((tab: Tab) => {
    requestAnimationFrame(() => document.getElementById(panelId(tab))?.focus());
  }, []);

  // Keyboard: Alt+digit panes, Alt+0 editor, Alt+E/L/P/T.
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = stateRef.current;
      const digit = /^Digit(\d)$/.exec(e.code)?.[1];
      const tab = TAB_INFO.find((t) => t.key === digit);
      if (tab) {
        dispatch({ kind: 'setTab', tab: tab.id });
        focusPanel(tab.id);
      } else if (digit === '0') editorRef.current?.focus();
      else if (e.code === 'KeyE') dispatch({ kind: 'setGallery', open: true });
      else if (e.code === 'KeyL') copyLink();
      else if (e.code === 'KeyP') dispatch({ kind: 'setPresentation', on: !s.presentation });
      else if (e.code === 'KeyT') dispatch({ kind: 'setTheme', theme: s.theme === 'dark' ? 'light' : 'dark' });
      else return;
      e.preventDefault();
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [copyLink, focusPanel]);

  const onReady = useCallback((editor: Editor) => {
    editorRef.current = editor;
  }, []);
  const onChange = useCallback(
    (text: string, v: number) => {
      // Straight to the worker (the effect above would wait for a render); the store follows.
      service.submit({ source: text, version: v, overrides: stateRef.current.overrides });
      dispatch({ kind: 'edit', source: text, version: v });
    },
    [service],
  );
  const onSelectLoop = useCallback((loop: number | null) => dispatch({ kind: 'selectLoop', loop }), []);
  const onSelectDep = useCallback((dep: number | null) => dispatch({ kind: 'selectDep', dep }), []);
  const onTab = useCallback((tab: Tab) => dispatch({ kind: 'setTab', tab }), []);
  const onScope = useCallback((scope: 'all' | 'loop') => dispatch({ kind: 'setGraphScope', scope }), []);
  const onSpace = useCallback((space: Partial<SpaceSettings>) => dispatch({ kind: 'setSpace', space }), []);
  const onSet = useCallback((name: string, value: string) => dispatch({ kind: 'setOverride', name, value }), []);
  const onReset = useCallback(() => dispatch({ kind: 'resetOverrides' }), []);
  const onPick = useCallback((e: Example) => dispatch({ kind: 'loadExample', id: e.id, source: e.source }), []);
  const onCloseGallery = useCallback(() => dispatch({ kind: 'setGallery', open: false }), []);
  const onGlyphClick = useCallback(
    (line: number) => {
      const loop = stateRef.current.analysis?.report.loops.find((l) => l.line === line);
      if (loop) {
        dispatch({ kind: 'selectLoop', loop: loop.id });
        dispatch({ kind: 'setTab', tab: 'verdicts' });
      }
    },
    [dispatch],
  );
  const onRevealLine = useCallback((line: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.focus();
  }, []);
  const onSelectDiagnostic = useCallback((d: ReportDiagnostic) => {
    const editor = editorRef.current;
    if (!editor) return;
    const sel = { startLineNumber: d.line, startColumn: d.column + 1, endLineNumber: d.endLine, endColumn: d.endColumn + 1 };
    editor.setSelection(sel);
    editor.revealRangeInCenterIfOutsideViewport(sel);
    editor.focus();
  }, []);

  // Compile, run and share go to the server; their replies land in the store.
  const effective = analysis?.effective ?? NO_VALUES;
  const bindings = useMemo(() => runBindings(effective, state.runSizes), [effective, state.runSizes]);
  const sameBindings = (a: Readonly<Record<string, string>> | null): boolean =>
    a !== null && JSON.stringify(a) === JSON.stringify(bindings);
  const onCompile = useCallback(() => {
    const s = stateRef.current;
    const b = runBindings(s.analysis?.effective ?? NO_VALUES, s.runSizes);
    dispatch({ kind: 'compileStarted', source: s.source, bindings: b });
    void compileOnServer(s.source, b).then((r) =>
      dispatch(r.ok ? { kind: 'compileDone', reply: r.value } : { kind: 'compileFailed', error: r }),
    );
  }, []);
  const onRun = useCallback(() => {
    const s = stateRef.current;
    const b = runBindings(s.analysis?.effective ?? NO_VALUES, s.runSizes);
    dispatch({ kind: 'runStarted', source: s.source, bindings: b });
    void runOnServer(s.source, b, s.runners, s.repetitions).then((r) =>
      dispatch(r.ok ? { kind: 'runDone', reply: r.value } : { kind: 'runFailed', error: r }),
    );
  }, []);
  const onShare = useCallback(() => {
    const s = stateRef.current;
    const b = runBindings(s.analysis?.effective ?? NO_VALUES, s.runSizes);
    dispatch({ kind: 'shareStarted' });
    void createLink(
      linkBody(
        sharedOf(s),
        b,
        s.runners,
        s.repetitions,
        s.run.running || !s.run.reply ? null : { reply: s.run.reply, source: s.run.source, bindings: s.run.bindings },
      ),
    ).then((r) => {
      if (!r.ok) return dispatch({ kind: 'shareFailed', error: r.error });
      const url = new URL(r.value.url, location.origin).href;
      dispatch({ kind: 'shareDone', id: r.value.id, url });
      navigator.clipboard?.writeText(url).catch(() => undefined);
    });
  }, []);
  const onRunSize = useCallback((name: string, value: string) => dispatch({ kind: 'setRunSize', name, value }), []);
  const onResetRunSizes = useCallback(() => dispatch({ kind: 'resetRunSizes' }), []);
  const onRunner = useCallback((runner: RunnerId, on: boolean) => dispatch({ kind: 'setRunner', runner, on }), []);
  const onRepetitions = useCallback((repetitions: number) => dispatch({ kind: 'setRepetitions', repetitions }), []);
  const runValues = useMemo(() => ({ ...effective, ...state.runSizes }), [effective, state.runSizes]);
  const runEdited = useMemo(() => new Set(Object.keys(state.runSizes)), [state.runSizes]);

  const report = analysis?.report ?? null;
  const focusLoop = state.selectedLoop ?? report?.loops[0]?.id ?? null;
  const dep = report && state.selectedDep !== null ? report.dependences.find((d) => d.id === state.selectedDep) : undefined;
  const highlight = useMemo<Highlight | null>(() => (dep ? { source: dep.source, sink: dep.sink } : null), [dep]);
  const selectedLine = report && state.selectedLoop !== null ? (report.loops.find((l) => l.id === state.selectedLoop)?.line ?? null) : null;
  const stale = analysis !== null && (analysis.version !== state.version || analysis.source !== state.source);
  const example = state.example ? exampleById(state.example) : undefined;
  const changedCount = report ? report.loops.filter((l) => l.runtime && l.runtime.verdict !== l.static.verdict).length : 0;
  const badges: Partial<Record<Tab, string>> = report
    ? {
        graph: String(report.dependences.length),
        vectors: String(report.dependences.length),
        runtime: changedCount > 0 ? `${changedCount} changed` : '',
        run: state.run.running ? '…' : state.run.reply ? (state.run.reply.correct ? '✓' : '✗') : '',
      }
    : {};
  const diagnostics = report?.diagnostics ?? NO_DIAGNOSTICS;
  const sourceText = (
    <pre className="editor-fallback" data-testid="editor-fallback" style={{ fontSize: presentation ? 22 : 14 }}>
      {state.source}
    </pre>
  );

  const panel = (tab: Tab): React.ReactNode => {
    if (!report) return <p className="muted">Analysing…</p>;
    return <Suspense fallback={<p className="muted">Loading…</p>}>{view(tab, report)}</Suspense>;
  };
  const view = (tab: Tab, report: NonNullable<typeof analysis>['report']): React.ReactNode => {
    switch (tab) {
      case 'verdicts':
        return (
          <VerdictsPane
            report={report}
            focusLoop={focusLoop}
            selectedDep={state.selectedDep}
            onSelectLoop={onSelectLoop}
            onSelectDep={onSelectDep}
          />
        );
      case 'graph':
        return (
          <GraphPane
            report={report}
            focusLoop={focusLoop}
            scope={state.graphScope}
            selectedDep={state.selectedDep}
            onScope={onScope}
            onSelectDep={onSelectDep}
          />
        );
      case 'space':
        return (
          <SpacePane
            report={report}
            focusLoop={focusLoop}
            settings={state.space}
            effective={analysis?.effective ?? NO_VALUES}
            selectedDep={state.selectedDep}
            onSettings={onSpace}
            onSelectDep={onSelectDep}
          />
        );
      case 'vectors':
        return <VectorsTable report={report} selectedDep={state.selectedDep} onSelectDep={onSelectDep} />;
      case 'runtime':
        return (
          <RuntimePane
            report={report}
            comment={analysis?.comment ?? null}
            overrides={state.overrides}
            bindingErrors={analysis?.bindingErrors ?? []}
            onSet={onSet}
            onReset={onReset}
          />
        );
      case 'cuda':
        return (
          <CudaPane
            cuda={analysis!.cuda}
            report={report}
            fontSize={presentation ? 20 : 13}
            onRevealLine={onRevealLine}
            compile={state.compile}
            compileStale={
              state.compile.status !== 'idle' && (state.compile.source !== state.source || !sameBindings(state.compile.bindings))
            }
            onCompile={onCompile}
          />
        );
      case 'run':
        return (
          <RunPane
            values={runValues}
            edited={runEdited}
            runners={state.runners}
            repetitions={state.repetitions}
            run={state.run}
            stale={
              !state.run.running && state.run.reply !== null && (state.run.source !== state.source || !sameBindings(state.run.bindings))
            }
            onSize={onRunSize}
            onResetSizes={onResetRunSizes}
            onRunner={onRunner}
            onRepetitions={onRepetitions}
            onRun={onRun}
          />
        );
    }
  };

  return (
    <div className="app" data-testid="app" data-shown-version={analysis?.version ?? ''} data-theme={theme}>
      <a className="skip" href="#views" onClick={(e) => (e.preventDefault(), focusPanel(state.tab))}>
        Skip to the panes
      </a>
      <header className="app-header">
        <h1>Loupe</h1>
        <p className="tagline">Why can (or can&rsquo;t) this Python loop run in parallel?</p>
        <button
          type="button"
          className="primary"
          onClick={() => dispatch({ kind: 'setGallery', open: true })}
          title="Examples (Alt+E)"
          data-testid="open-gallery"
        >
          Examples…
        </button>
        <span className="example-name small muted" data-testid="example-name">
          {example ? example.title : ''}
        </span>
        <span className="spacer" />
        {state.link.status !== 'idle' ? (
          <span className={`small ${state.link.status === 'failed' ? 'warn-text' : 'muted'}`} role="status" data-testid="link-status">
            {state.link.status === 'loading'
              ? `loading short link ${state.link.id}…`
              : `short link ${state.link.id} could not be loaded: ${state.link.error}`}
          </span>
        ) : null}
        {state.share.status === 'done' ? (
          <input
            className="share-url"
            readOnly
            value={state.share.url}
            aria-label="Short link (copied)"
            data-testid="share-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        ) : state.share.status === 'failed' ? (
          <span className="small warn-text" role="alert" data-testid="share-error">
            Share failed: {state.share.error}
          </span>
        ) : null}
        <button
          type="button"
          onClick={onShare}
          disabled={state.share.status === 'sharing'}
          title="Make a short link on the server: source, values, view and the last run's results"
          data-testid="share"
        >
          {state.share.status === 'sharing' ? 'Sharing…' : 'Share'}
        </button>
        <button type="button" onClick={copyLink} title="Copy a link to exactly this view (Alt+L)" data-testid="copy-link">
          {copied ? 'Link copied' : 'Copy link'}
        </button>
        <button
          type="button"
          aria-pressed={presentation}
          onClick={() => dispatch({ kind: 'setPresentation', on: !presentation })}
          title="Large fonts for a projector (Alt+P)"
          data-testid="toggle-presentation"
        >
          Present
        </button>
        <button
          type="button"
          onClick={() => dispatch({ kind: 'setTheme', theme: (theme === 'dark' ? 'light' : 'dark') as ThemeName })}
          title="Light or dark (Alt+T)"
          data-testid="toggle-theme"
        >
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <button type="button" aria-expanded={help} onClick={() => setHelp(!help)} title="Keyboard shortcuts" data-testid="toggle-help">
          Keys
        </button>
        {help ? (
          <div className="help" role="dialog" aria-label="Keyboard shortcuts" data-testid="help">
            <dl>
              {KEYS.map(([k, what]) => (
                <div key={k}>
                  <dt>
                    <kbd>{k}</kbd>
                  </dt>
                  <dd>{what}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : null}
      </header>
      <main className="workspace">
        <div className="editor-pane">
          <div className="editor-status small" aria-live="polite">
            <span data-testid="verdict-summary">{summary(state)}</span>
            <span className="status" data-testid="status" title={analysis && !stale ? timingBreakdown(analysis) : undefined}>
              {state.failure
                ? `Analysis unavailable: ${state.failure}`
                : !analysis
                  ? 'loading the analyser…'
                  : stale
                    ? 'analysing…'
                    : `analysed in ${analysis.workerMs.toFixed(0)} ms`}
            </span>
          </div>
          <div className="editor-host">
            {editorWanted ? (
              <Suspense fallback={sourceText}>
                <CodeEditor
                  source={state.source}
                  loadSeq={state.loadSeq}
                  report={report}
                  highlight={highlight}
                  selectedLine={selectedLine}
                  dark={theme === 'dark'}
                  fontSize={presentation ? 22 : 14}
                  onChange={onChange}
                  onGlyphClick={onGlyphClick}
                  onReady={onReady}
                />
              </Suspense>
            ) : (
              sourceText
            )}
          </div>
          <Diagnostics diagnostics={diagnostics} onSelect={onSelectDiagnostic} />
        </div>
        <section className="views" id="views" aria-label="Views">
          <Tabs active={state.tab} onSelect={onTab} badges={badges} />
          {TAB_INFO.map((t) => (
            <div
              key={t.id}
              id={panelId(t.id)}
              role="tabpanel"
              aria-labelledby={tabId(t.id)}
              tabIndex={0}
              hidden={t.id !== state.tab}
              className="tabpanel"
              data-testid={`panel-${t.id}`}
            >
              {t.id === state.tab ? panel(t.id) : null}
            </div>
          ))}
        </section>
      </main>
      <Gallery open={state.galleryOpen} examples={EXAMPLES} onPick={onPick} onClose={onCloseGallery} />
    </div>
  );
}

const NO_DIAGNOSTICS: readonly ReportDiagnostic[] = [];
const NO_VALUES: Readonly<Record<string, string>> = {};

/** Where the worker's time went, for the status line's tooltip (and bench:web). */
function timingBreakdown(a: { readonly report: Report; readonly cuda: CudaResult; readonly workerMs: number }): string {
  const t = a.report.timings;
  const cuda = a.cuda.ok ? ` · CUDA ${a.cuda.ms.toFixed(1)} ms` : '';
  return `parse ${t.parseMs.toFixed(1)} ms · analysis ${t.analysisMs.toFixed(1)} ms${cuda} · total ${a.workerMs.toFixed(1)} ms`;
}
