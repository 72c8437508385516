import { useEffect, useRef } from 'react';
import type { Report, ReportDiagnostic } from '@loupe/analysis-core';

/** A source range as the report gives it: 1-based lines, 0-based columns. */
export interface ReportPosition {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}
import { monaco, type CodeEditor as Editor } from './monaco';
import { hoverAt, loopMarks } from './annotations';

export interface Highlight {
  readonly source: ReportPosition;
  readonly sink: ReportPosition;
}

interface Props {
  /** The source to show; loaded into the editor whenever `loadSeq` changes (examples, links). */
  readonly source: string;
  readonly loadSeq: number;
  readonly report: Report | null;
  readonly highlight: Highlight | null;
  readonly selectedLine: number | null;
  readonly dark: boolean;
  readonly fontSize: number;
  readonly onChange: (source: string, version: number) => void;
  readonly onGlyphClick: (line: number) => void;
  readonly onReady?: (editor: Editor) => void;
}

export const MARKER_OWNER = 'loupe';

function severityOf(d: ReportDiagnostic): monaco.MarkerSeverity {
  switch (d.severity) {
    case 'error':
      return monaco.MarkerSeverity.Error;
    case 'warning':
      return monaco.MarkerSeverity.Warning;
    default:
      return monaco.MarkerSeverity.Info;
  }
}

function toMarker(d: ReportDiagnostic): monaco.editor.IMarkerData {
  const startColumn = d.column + 1;
  let endColumn = d.endColumn + 1;
  // A zero-width range (e.g. a missing token) would draw nothing: widen it to one character.
  if (d.line === d.endLine && endColumn <= startColumn) endColumn = startColumn + 1;
  return {
    severity: severityOf(d),
    code: d.code,
    message: d.message,
    startLineNumber: d.line,
    startColumn,
    endLineNumber: d.endLine,
    endColumn,
  };
}

const toRange = (r: ReportPosition): monaco.Range => new monaco.Range(r.line, r.column + 1, r.endLine, r.endColumn + 1);

/** Monaco for Python with Loupe's verdict decorations, gutter badges, hovers and diagnostics. */
export function CodeEditor(props: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Editor | null>(null);
  const verdictDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const highlightDecorations = useRef<monaco.editor.IEditorDecorationsCollection | null>(null);
  const propsRef = useRef(props);
  const reportRef = useRef<Report | null>(props.report);

  useEffect(() => {
    propsRef.current = props;
    reportRef.current = props.report;
  });

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const p = propsRef.current;
    const editor = monaco.editor.create(element, {
      value: p.source,
      language: 'python',
      theme: p.dark ? 'vs-dark' : 'vs',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: p.fontSize,
      glyphMargin: true,
      scrollBeyondLastLine: false,
      tabSize: 4,
      insertSpaces: true,
      renderWhitespace: 'selection',
      ariaLabel: 'Python source. Alt+0 comes back here; Alt+1 to Alt+6 open the panes.',
      hover: { delay: 250 },
      fixedOverflowWidgets: true,
    });
    editorRef.current = editor;
    verdictDecorations.current = editor.createDecorationsCollection();
    highlightDecorations.current = editor.createDecorationsCollection();
    const hover = monaco.languages.registerHoverProvider('python', {
      provideHover(model, position) {
        const report = reportRef.current;
        if (!report || model !== editor.getModel()) return null;
        const h = hoverAt(report, position.lineNumber, position.column - 1);
        if (!h) return null;
        return { range: toRange(h), contents: [{ value: h.markdown }] };
      },
    });
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (model) propsRef.current.onChange(model.getValue(), model.getVersionId());
    });
    const mouse = editor.onMouseDown((e) => {
      if (e.target.type === monaco.editor.MouseTargetType.GUTTER_GLYPH_MARGIN && e.target.position)
        propsRef.current.onGlyphClick(e.target.position.lineNumber);
    });
    propsRef.current.onReady?.(editor);
    window.__loupe = { ...(window.__loupe ?? {}), editor, monaco };
    return () => {
      hover.dispose();
      sub.dispose();
      mouse.dispose();
      editor.getModel()?.dispose();
      editor.dispose();
      editorRef.current = null;
    };
  }, []);

  // Load a new source from outside (example, permalink). Skipped when the text is already there.
  const { loadSeq, source } = props;
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model && model.getValue() !== source) model.setValue(source);
    // Only a new load replaces the text; `source` also changes on every keystroke.
  }, [loadSeq]);

  const { report } = props;
  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !report) return;
    monaco.editor.setModelMarkers(model, MARKER_OWNER, report.diagnostics.map(toMarker));
    const lines = model.getLineCount();
    verdictDecorations.current?.set(
      loopMarks(report)
        .filter((m) => m.line <= lines)
        .map((m) => ({
          range: new monaco.Range(m.line, 1, m.line, model.getLineMaxColumn(m.line)),
          options: {
            isWholeLine: true,
            className: `loupe-line loupe-line-${m.verdict}`,
            glyphMarginClassName: `loupe-glyph loupe-glyph-${m.verdict}`,
            glyphMarginHoverMessage: { value: m.hover },
            after: {
              content: m.after,
              inlineClassName: `loupe-after loupe-after-${m.verdict}`,
              cursorStops: monaco.editor.InjectedTextCursorStops.None,
            },
            stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
          },
        })),
    );
  }, [report]);

  const { highlight, selectedLine } = props;
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const decos: monaco.editor.IModelDeltaDecoration[] = [];
    if (selectedLine !== null)
      decos.push({
        range: new monaco.Range(selectedLine, 1, selectedLine, 1),
        options: { isWholeLine: true, className: 'loupe-selected-loop' },
      });
    if (highlight) {
      decos.push({
        range: toRange(highlight.source),
        options: { inlineClassName: 'loupe-hl-source', hoverMessage: { value: 'dependence source' } },
      });
      decos.push({
        range: toRange(highlight.sink),
        options: { inlineClassName: 'loupe-hl-sink', hoverMessage: { value: 'dependence sink' } },
      });
    }
    highlightDecorations.current?.set(decos);
    if (highlight) editor.revealRangeInCenterIfOutsideViewport(toRange(highlight.source).plusRange(toRange(highlight.sink)));
    else if (selectedLine !== null) editor.revealLineInCenterIfOutsideViewport(selectedLine);
  }, [highlight, selectedLine]);

  const { dark, fontSize } = props;
  useEffect(() => {
    monaco.editor.setTheme(dark ? 'vs-dark' : 'vs');
  }, [dark]);
  useEffect(() => {
    editorRef.current?.updateOptions({ fontSize });
  }, [fontSize]);

  return <div className="code-editor" ref={host} data-testid="editor" />;
}
