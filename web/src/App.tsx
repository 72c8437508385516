import { useCallback, useEffect, useRef, useState } from 'react';
import type { Diagnostic, LoopOutline, SourceRange } from '@loupe/analysis-core';
import { createAnalysisClient } from './analysis/client';
import { debounce } from './analysis/latest';
import type { AnalysisResult } from './analysis/protocol';
import { CodeEditor } from './editor/CodeEditor';
import { monaco, type CodeEditor as Editor } from './editor/monaco';
import { Diagnostics } from './Diagnostics';
import { LoopList } from './LoopList';
import { DEFAULT_SOURCE } from './sample';

/** Edits closer together than this are analysed once. */
const EDIT_DEBOUNCE_MS = 60;

const NO_DIAGNOSTICS: readonly Diagnostic[] = [];

export function App() {
  const [result, setResult] = useState<AnalysisResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const editorRef = useRef<Editor | null>(null);
  const scheduleRef = useRef<((source: string) => void) | null>(null);

  useEffect(() => {
    const client = createAnalysisClient();
    let live = true;
    const run = (source: string): void => {
      client.analyze(source).then(
        (r) => {
          if (!live || r === null) return; // stale: a newer result is already on screen
          setResult(r);
          setFailure(null);
        },
        (err: unknown) => {
          if (live) setFailure(err instanceof Error ? err.message : String(err));
        },
      );
    };
    const schedule = debounce(run, EDIT_DEBOUNCE_MS);
    scheduleRef.current = schedule;
    run(editorRef.current?.getValue() ?? DEFAULT_SOURCE);
    return () => {
      live = false;
      schedule.cancel();
      scheduleRef.current = null;
      client.dispose();
    };
  }, []);

  const onReady = useCallback((editor: Editor) => {
    editorRef.current = editor;
    window.__loupe = { editor, monaco };
  }, []);

  const onChange = useCallback((source: string) => scheduleRef.current?.(source), []);

  const reveal = useCallback((range: SourceRange) => {
    const editor = editorRef.current;
    if (!editor) return;
    const selection = new monaco.Selection(range.start.line, range.start.column + 1, range.end.line, range.end.column + 1);
    editor.setSelection(selection);
    editor.revealRangeInCenterIfOutsideViewport(selection);
    editor.focus();
  }, []);

  const onSelectLoop = useCallback((loop: LoopOutline) => reveal(loop.headerRange), [reveal]);
  const onSelectDiagnostic = useCallback((d: Diagnostic) => reveal(d.range), [reveal]);

  const diagnostics = result?.diagnostics ?? NO_DIAGNOSTICS;

  return (
    <div className="app">
      <header className="app-header">
        <h1>Loupe</h1>
        <p className="tagline">Why can (or can&rsquo;t) this Python loop run in parallel?</p>
        <p className="status" data-testid="status" aria-live="polite">
          {failure ? `Analysis unavailable: ${failure}` : result ? `parsed in ${result.parseMs.toFixed(1)} ms` : 'loading parser…'}
        </p>
      </header>
      <main className="workspace">
        <div className="editor-pane">
          <CodeEditor initialValue={DEFAULT_SOURCE} diagnostics={diagnostics} onChange={onChange} onReady={onReady} />
        </div>
        <aside className="side-pane">
          <LoopList loops={result ? result.loops : null} onSelect={onSelectLoop} />
          <Diagnostics diagnostics={diagnostics} onSelect={onSelectDiagnostic} />
        </aside>
      </main>
    </div>
  );
}
