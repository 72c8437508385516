import type { LoopOutline } from '@loupe/analysis-core';

/** `for i in range(1, n, 1)` with all three bounds spelled out, or the iterable as written. */
export function loopHeader(loop: LoopOutline): string {
  const b = loop.bounds;
  return b ? `for ${loop.var} in range(${b.start}, ${b.stop}, ${b.step})` : `for ${loop.var} in ${loop.iterable}`;
}

interface Props {
  readonly loops: readonly LoopOutline[] | null;
  readonly onSelect: (loop: LoopOutline) => void;
}

export function LoopList({ loops, onSelect }: Props) {
  return (
    <section className="panel" aria-labelledby="loops-heading">
      <h2 id="loops-heading">Loops {loops ? <span className="count">{loops.length}</span> : null}</h2>
      {loops === null ? <p className="muted">Parsing…</p> : null}
      {loops !== null && loops.length === 0 ? <p className="muted">No loops found.</p> : null}
      <ol className="loop-list" data-testid="loop-list" data-state={loops === null ? 'pending' : 'ready'}>
        {(loops ?? []).map((loop) => (
          <li
            key={`${loop.range.startOffset}:${loop.line}`}
            className="loop-item"
            data-testid="loop-item"
            data-line={loop.line}
            data-depth={loop.depth}
            style={{ paddingLeft: `${0.75 + loop.depth * 1.25}rem` }}
          >
            <button type="button" onClick={() => onSelect(loop)} title={`Go to line ${loop.line}`}>
              <span className="line">line {loop.line}</span>
              <code>{loopHeader(loop)}</code>
            </button>
          </li>
        ))}
      </ol>
    </section>
  );
}
