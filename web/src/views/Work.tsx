import { memo } from 'react';
import type { ReportWork } from '@loupe/analysis-core';
import { Tex } from './Tex';
import { testName } from './verdict';

/** "Show the work": each test that looked at the pair, its equation and its steps, typeset. */
export const Work = memo(function Work({ work, decidedBy }: { readonly work: readonly ReportWork[]; readonly decidedBy: string }) {
  if (work.length === 0) return <p className="muted small">No steps recorded for this decision ({testName(decidedBy)}).</p>;
  return (
    <div className="work">
      {work.map((w, k) => (
        <section key={k} className={w.test === decidedBy ? 'work-test deciding' : 'work-test'} data-testid="work-test" data-test={w.test}>
          <h4>
            {testName(w.test)}
            {w.test === decidedBy ? <span className="tag">decides</span> : null}
          </h4>
          <p className="equation">
            <span className="muted">equation</span> <code>{w.equation}</code>
          </p>
          <ol className="steps">
            {w.steps.map((s, j) => (
              <li key={j}>
                {s.tex !== undefined ? <Tex tex={s.tex} display /> : null}
                <span className={s.tex !== undefined ? 'step-text muted' : 'step-text'}>{s.text}</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
});
