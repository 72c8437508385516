import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { searchExamples, type Example } from '../examples/parse';

interface Props {
  readonly open: boolean;
  readonly examples: readonly Example[];
  readonly onPick: (e: Example) => void;
  readonly onClose: () => void;
}

/** A modal list of the examples: type to filter, arrows to move, Enter to open, Escape to close. */
export function Gallery({ open, examples, onPick, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const [query, setQuery] = useState('');
  const shown = useMemo(() => searchExamples(examples, query), [examples, query]);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  const focusItem = (k: number): void => {
    const items = list.current?.querySelectorAll<HTMLButtonElement>('button.example');
    if (!items || items.length === 0) return;
    items[Math.max(0, Math.min(items.length - 1, k))]!.focus();
  };
  const onListKey = (e: KeyboardEvent<HTMLUListElement>): void => {
    const items = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.example') ?? [])];
    const k = items.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown') focusItem(k + 1);
    else if (e.key === 'ArrowUp' && k <= 0) document.getElementById('gallery-search')?.focus();
    else if (e.key === 'ArrowUp') focusItem(k - 1);
    else if (e.key === 'Home') focusItem(0);
    else if (e.key === 'End') focusItem(items.length - 1);
    else return;
    e.preventDefault();
  };

  let lastGroup = '';
  return (
    <dialog
      ref={dialog}
      className="gallery"
      aria-labelledby="gallery-title"
      data-testid="gallery"
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header>
        <h2 id="gallery-title">Examples</h2>
        <input
          id="gallery-search"
          type="search"
          placeholder="Search: siv, reduction, stencil, gemm…"
          aria-label="Search examples"
          value={query}
          autoFocus
          data-testid="gallery-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              focusItem(0);
            } else if (e.key === 'Enter' && shown[0]) onPick(shown[0]);
          }}
        />
        <span className="small muted" data-testid="gallery-count" data-count={shown.length}>
          {shown.length} of {examples.length}
        </span>
        <button type="button" onClick={onClose} aria-label="Close examples">
          ✕
        </button>
      </header>
      <ul ref={list} className="example-list" onKeyDown={onListKey}>
        {shown.map((e) => {
          const head =
            e.group !== lastGroup
              ? e.group === 'benchmarks'
                ? 'Benchmarks (PolyBench and friends)'
                : 'Teaching cases, one idea each'
              : null;
          lastGroup = e.group;
          return (
            <li key={e.id}>
              {head ? <h3>{head}</h3> : null}
              <button type="button" className="example" data-testid="example-item" data-id={e.id} onClick={() => onPick(e)}>
                <span className="example-title">{e.title}</span>
                <span className="example-summary">{e.summary}</span>
              </button>
            </li>
          );
        })}
      </ul>
      {shown.length === 0 ? <p className="muted">Nothing matches “{query}”.</p> : null}
    </dialog>
  );
}
