import { memo, useEffect, useRef } from 'react';
import type { Report } from '@loupe/analysis-core';
import type { CudaResult } from '../analysis/protocol';
import { describeMissing } from '../api/server';
import { monaco } from '../editor/monaco';
import type { CompileState } from '../state/store';

interface Props {
  readonly cuda: CudaResult;
  readonly report: Report;
  readonly fontSize: number;
  /** Reveal a Python line in the source editor (a kernel's loop nest). */
  readonly onRevealLine: (line: number) => void;
  /** The last NVRTC compile on the server, and whether it was for other source or values than now. */
  readonly compile: CompileState;
  readonly compileStale: boolean;
  readonly onCompile: () => void;
}

const AXES = ['x', 'y', 'z'];

/** The generated CUDA translation unit, read-only in Monaco, with each kernel's thread mapping and the notes. */
export const CudaPane = memo(function CudaPane({ cuda, report, fontSize, onRevealLine, compile, compileStale, onCompile }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const text = cuda.ok ? cuda.cuda : '';

  useEffect(() => {
    if (!host.current) return;
    const e = monaco.editor.create(host.current, {
      value: '',
      language: 'cpp',
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize,
      ariaLabel: 'Generated CUDA (read-only)',
    });
    editor.current = e;
    return () => {
      e.getModel()?.dispose();
      e.dispose();
      editor.current = null;
    };
    // Created once (the font size at creation comes from the first render); text and font size follow below.
  }, []);

  useEffect(() => {
    const model = editor.current?.getModel();
    if (model && model.getValue() !== text) model.setValue(text);
  }, [text]);
  useEffect(() => {
    editor.current?.updateOptions({ fontSize });
  }, [fontSize]);

  const loop = (id: number): Report['loops'][number] | undefined => report.loops.find((l) => l.id === id);
  return (
    <div className="cuda-pane" data-testid="cuda-pane" data-ok={String(cuda.ok)}>
      {cuda.ok ? (
        <>
          <ul className="kernel-list" data-testid="kernel-list">
            {cuda.kernels.map((k) => {
              const nest = loop(k.nest);
              return (
                <li key={k.name} data-testid="kernel-item" data-kernel={k.name}>
                  <button type="button" className="link" onClick={() => nest && onRevealLine(nest.line)}>
                    <code>{k.name}</code>
                  </button>{' '}
                  {k.serial ? (
                    <span className="muted">one thread runs the sequential nest at line {nest?.line}</span>
                  ) : (
                    <span>
                      threads:{' '}
                      {k.gridLoops
                        .map((id, a) => {
                          const l = loop(id);
                          return `${l?.var ?? '?'} (line ${l?.line ?? '?'}) → ${AXES[a]}`;
                        })
                        .join(', ')}
                      {k.innerLoops.length > 0
                        ? `; sequential in each thread: ${k.innerLoops.map((id) => loop(id)?.var ?? '?').join(', ')}`
                        : ''}
                      {k.reductions.length > 0 ? `; reduces ${k.reductions.map((r) => `${r.variable} (${r.op})`).join(', ')}` : ''}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
          {cuda.kernels.length === 0 ? <p className="muted">No loop nest to turn into a kernel.</p> : null}
          {cuda.plan.missing.length > 0 ? (
            <p className="small warn-text" data-testid="cuda-missing">
              Bind {cuda.plan.missing.join(', ')} in the Values pane to get concrete sizes and strides.
            </p>
          ) : null}
          {cuda.notes.map((n, k) => (
            <p key={k} className="small muted" data-testid="cuda-note">
              {n}
            </p>
          ))}
        </>
      ) : (
        <div data-testid="cuda-unavailable">
          <h3>No CUDA for this code</h3>
          <p>Code generation did not produce a kernel: {cuda.error}</p>
        </div>
      )}
      <div className="cuda-editor" ref={host} data-testid="cuda-editor" hidden={!cuda.ok} />
      {cuda.ok && cuda.kernels.length > 0 ? <Compile compile={compile} stale={compileStale} onCompile={onCompile} /> : null}
    </div>
  );
});

function Compile({
  compile,
  stale,
  onCompile,
}: {
  readonly compile: CompileState;
  readonly stale: boolean;
  readonly onCompile: () => void;
}) {
  const busy = compile.status === 'compiling';
  return (
    <section className="cuda-compile" aria-label="NVRTC compile" data-testid="cuda-compile">
      <p>
        <button type="button" onClick={onCompile} disabled={busy} data-testid="compile-button">
          {busy ? 'Compiling…' : 'Compile with NVRTC'}
        </button>{' '}
        <span className="small muted">on the server, to PTX (the server regenerates the CUDA from the source itself)</span>
        {busy ? (
          <span role="status" data-testid="compile-progress">
            {' '}
            <progress aria-label="Compiling" />
          </span>
        ) : null}
      </p>
      {compile.status === 'done' || compile.status === 'failed' ? (
        stale ? (
          <p className="small warn-text" data-testid="compile-stale">
            This compile is for an earlier version of the code or other values.
          </p>
        ) : null
      ) : null}
      {compile.status === 'done' ? (
        <div data-testid="compile-result">
          <p className="small" data-testid="compile-info">
            Compiled by <strong data-testid="compile-compiler">{compile.reply.compiler}</strong> {compile.reply.version}
            {compile.reply.arch ? ` for ${compile.reply.arch}` : ''} in {compile.reply.compileMs.toFixed(1)} ms
            {compile.reply.cached ? ' (cached)' : ''}; {compile.reply.kernels.length} kernel
            {compile.reply.kernels.length === 1 ? '' : 's'}.
          </p>
          <details className="compile-log" open={compile.reply.nvrtcLog.trim() !== ''}>
            <summary>NVRTC log{compile.reply.nvrtcLog.trim() === '' ? ' (empty)' : ''}</summary>
            <pre data-testid="compile-log">{compile.reply.nvrtcLog}</pre>
          </details>
          <details className="compile-ptx" open>
            <summary>PTX ({compile.reply.ptx.split('\n').length} lines)</summary>
            <pre className="ptx" data-testid="compile-ptx" tabIndex={0}>
              {compile.reply.ptx}
            </pre>
          </details>
        </div>
      ) : null}
      {compile.status === 'failed' ? (
        <div className="compile-error" role="alert" data-testid="compile-error" data-status={compile.error.status}>
          {compile.error.status === 503 ? (
            <p>No CUDA compiler on this server, so no PTX: {describeMissing(compile.error.body) || compile.error.error}</p>
          ) : compile.error.status === 422 ? (
            <p>
              Nothing to compile (422): {compile.error.error}
              {Array.isArray(compile.error.body.notes) ? ` — ${(compile.error.body.notes as unknown[]).join('; ')}` : ''}
              {Array.isArray(compile.error.body.missing) ? ` — not bound: ${(compile.error.body.missing as unknown[]).join(', ')}` : ''}
            </p>
          ) : (
            <p>
              The compile failed ({compile.error.status || 'no reply'}): {compile.error.error}
            </p>
          )}
          {typeof compile.error.body.nvrtcLog === 'string' && compile.error.body.nvrtcLog !== '' ? (
            <pre data-testid="compile-log">{compile.error.body.nvrtcLog}</pre>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
