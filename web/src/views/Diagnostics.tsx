import { memo } from 'react';
import type { ReportDiagnostic } from '@loupe/analysis-core';

interface Props {
  readonly diagnostics: readonly ReportDiagnostic[];
  readonly onSelect: (d: ReportDiagnostic) => void;
}

/** A fixed-height strip under the editor (it never changes the layout, however many problems there are). */
export const Diagnostics = memo(function Diagnostics({ diagnostics, onSelect }: Props) {
  const n = diagnostics.length;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return (
    <section className="diagnostics" data-testid="diagnostics" data-count={n} data-errors={errors} aria-labelledby="diagnostics-heading">
      <h2 id="diagnostics-heading">
        Diagnostics <span className={errors > 0 ? 'count bad' : 'count'}>{n}</span>
      </h2>
      {n === 0 ? (
        <p className="muted" data-testid="diagnostics-count">
          No problems.
        </p>
      ) : null}
      <ul className="diagnostic-list">
        {diagnostics.map((d, i) => (
          <li key={i} className={`diagnostic ${d.severity}`} data-testid="diagnostic-item">
            <button type="button" onClick={() => onSelect(d)}>
              <span className="line">
                {d.line}:{d.column + 1}
              </span>
              <span className="sev">{d.severity}</span>
              <span>{d.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
});
