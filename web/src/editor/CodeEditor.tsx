import { useEffect, useRef } from 'react';
import type { Diagnostic } from '@loupe/analysis-core';
import { monaco, type CodeEditor as Editor } from './monaco';

interface Props {
  /** Initial text; later changes come from the user (or the model API). */
  readonly initialValue: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly onChange: (source: string) => void;
  readonly onReady?: (editor: Editor) => void;
}

const MARKER_OWNER = 'loupe';
const darkQuery = '(prefers-color-scheme: dark)';

function themeFor(dark: boolean): string {
  return dark ? 'vs-dark' : 'vs';
}

function severityOf(d: Diagnostic): monaco.MarkerSeverity {
  switch (d.severity) {
    case 'error':
      return monaco.MarkerSeverity.Error;
    case 'warning':
      return monaco.MarkerSeverity.Warning;
    default:
      return monaco.MarkerSeverity.Info;
  }
}

function toMarker(d: Diagnostic): monaco.editor.IMarkerData {
  const startColumn = d.range.start.column + 1;
  let endColumn = d.range.end.column + 1;
  // A zero-width range (e.g. a missing token) would draw nothing: widen it to one character.
  if (d.range.start.line === d.range.end.line && endColumn <= startColumn) endColumn = startColumn + 1;
  return {
    severity: severityOf(d),
    code: d.code,
    message: d.message,
    startLineNumber: d.range.start.line,
    startColumn,
    endLineNumber: d.range.end.line,
    endColumn,
  };
}

/** A thin React wrapper around a Monaco editor for Python. */
export function CodeEditor({ initialValue, diagnostics, onChange, onReady }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const onChangeRef = useRef(onChange);
  const onReadyRef = useRef(onReady);
  const initialRef = useRef(initialValue);

  useEffect(() => {
    onChangeRef.current = onChange;
    onReadyRef.current = onReady;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const media = window.matchMedia(darkQuery);
    const editor = monaco.editor.create(element, {
      value: initialRef.current,
      language: 'python',
      theme: themeFor(media.matches),
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 14,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: true,
      renderWhitespace: 'selection',
      ariaLabel: 'Python source',
    });
    editorRef.current = editor;
    const onTheme = (e: MediaQueryListEvent): void => monaco.editor.setTheme(themeFor(e.matches));
    media.addEventListener('change', onTheme);
    const sub = editor.onDidChangeModelContent(() => onChangeRef.current(editor.getValue()));
    onReadyRef.current?.(editor);
    return () => {
      media.removeEventListener('change', onTheme);
      sub.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelMarkers(model, MARKER_OWNER, diagnostics.map(toMarker));
  }, [diagnostics]);

  return <div className="code-editor" ref={host} data-testid="editor" />;
}
