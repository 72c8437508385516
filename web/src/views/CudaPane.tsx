import { memo, useEffect, useRef } from 'react';
import type { Report } from '@loupe/analysis-core';
import type { CudaResult } from '../analysis/protocol';
import { monaco } from '../editor/monaco';

interface Props {
  readonly cuda: CudaResult;
  readonly report: Report;
  readonly fontSize: number;
  /** Reveal a Python line in the source editor (a kernel's loop nest). */
  readonly onRevealLine: (line: number) => void;
}

const AXES = ['x', 'y', 'z'];

/** The generated CUDA translation unit, read-only in Monaco, with each kernel's thread mapping and the notes. */
export const CudaPane = memo(function CudaPane({ cuda, report, fontSize, onRevealLine }: Props) {
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
    </div>
  );
});
