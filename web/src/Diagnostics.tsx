import type { Diagnostic } from '@loupe/analysis-core';

interface Props {
  readonly diagnostics: readonly Diagnostic[];
  readonly onSelect: (d: Diagnostic) => void;
}

export function Diagnostics({ diagnostics, onSelect }: Props) {
  const n = diagnostics.length;
  return (
    <section className="panel" data-testid="diagnostics" data-count={n} aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">
        Diagnostics <span className={n > 0 ? 'count bad' : 'count'}>{n}</span>
      </h2>
      <p className="muted" data-testid="diagnostics-count">
        {n === 0 ? 'No problems.' : `${n} problem${n === 1 ? '' : 's'}`}
      </p>
      <ul className="diagnostic-list">
        {diagnostics.map((d, i) => (
          <li key={i} className={`diagnostic ${d.severity}`} data-testid="diagnostic-item">
            <button type="button" onClick={() => onSelect(d)}>
              <span className="line">
                {d.range.start.line}:{d.range.start.column + 1}
              </span>
              <span>{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
