import { Suspense, lazy, memo, useState } from 'react';
import type { Report, ReportDependence, ReportIndependence, ReportLoop, ReportWork } from '@loupe/analysis-core';
import { VERDICT, depName, loopHeader, testName, vectorText, witnessText } from './verdict';

// KaTeX (and its fonts) load with the first "show the work".
const Work = lazy(() => import('./Work').then((m) => ({ default: m.Work })));

interface Props {
  readonly report: Report | null;
  readonly focusLoop: number | null;
  readonly selectedDep: number | null;
  readonly onSelectLoop: (loop: number) => void;
  readonly onSelectDep: (dep: number | null) => void;
}

export function VerdictBadge({ verdict, testId }: { readonly verdict: ReportLoop['verdict']; readonly testId?: string }) {
  const v = VERDICT[verdict];
  return (
    <span className={`verdict verdict-${verdict}`} data-testid={testId} data-verdict={verdict} title={v.gloss}>
      <span className="verdict-icon" aria-hidden="true">
        {v.icon}
      </span>
      {v.label}
    </span>
  );
}

/** Every loop with its verdict and reason; the focused loop opens with its dependences and the work. */
export const VerdictsPane = memo(function VerdictsPane({ report, focusLoop, selectedDep, onSelectLoop, onSelectDep }: Props) {
  const loops = report?.loops ?? null;
  return (
    <div className="verdicts">
      {loops === null ? <p className="muted">Analysing…</p> : null}
      {loops !== null && loops.length === 0 ? <p className="muted">No loops found. Loupe analyses `for … in range(…)` loops.</p> : null}
      <ol className="loop-list" data-testid="loop-list" data-state={loops === null ? 'pending' : 'ready'}>
        {(loops ?? []).map((loop) => {
          const open = loop.id === focusLoop;
          return (
            <li
              key={loop.id}
              className={open ? 'loop-item open' : 'loop-item'}
              data-testid="loop-item"
              data-loop={loop.id}
              data-line={loop.line}
              data-depth={loop.depth}
              data-verdict={loop.verdict}
              style={{ marginLeft: `${loop.depth * 1.1}rem` }}
            >
              <button
                type="button"
                className="loop-head"
                aria-expanded={open}
                onClick={() => onSelectLoop(loop.id)}
                title={`Line ${loop.line}: show why`}
              >
                <VerdictBadge verdict={loop.verdict} testId="loop-verdict" />
                <span className="line">line {loop.line}</span>
                <code>{loopHeader(loop)}</code>
              </button>
              <p className="explanation" data-testid="loop-explanation">
                {loop.explanation}
              </p>
              {open && report ? <LoopDetails report={report} loop={loop} selectedDep={selectedDep} onSelectDep={onSelectDep} /> : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
});

function LoopDetails({
  report,
  loop,
  selectedDep,
  onSelectDep,
}: {
  report: Report;
  loop: ReportLoop;
  selectedDep: number | null;
  onSelectDep: (d: number | null) => void;
}) {
  const carried = report.dependences.filter((d) => d.carrier === loop.id);
  const others = report.dependences.filter((d) => d.carrier !== loop.id && d.loops.includes(loop.id));
  const independent = report.independences.filter((i) => i.loops.includes(loop.id));
  return (
    <div className="loop-details" data-testid="loop-details">
      {loop.runtime ? (
        <p className="stages" data-testid="loop-stages">
          <span>
            Text alone: <VerdictBadge verdict={loop.static.verdict} />
          </span>
          <span>
            With your values: <VerdictBadge verdict={loop.runtime.verdict} />
          </span>
          {loop.runtime.verdict !== loop.static.verdict ? <span className="changed">changed by the values</span> : null}
        </p>
      ) : null}
      {loop.reductions.length > 0 ? (
        <p>
          <strong>Reduction:</strong> {loop.reductions.map((r) => `${r.variable} (${r.op})`).join(', ')}: each thread accumulates a partial
          result, combined at the end.
        </p>
      ) : null}
      {loop.privatized.length > 0 ? (
        <p>
          <strong>Private per iteration:</strong>{' '}
          {loop.privatized.map((p) => `${p.variable}${p.liveOut ? ' (last value kept)' : ''}`).join(', ')}.
        </p>
      ) : null}
      {loop.obstacles.length > 0 ? (
        <ul className="obstacles">
          {loop.obstacles.map((o, k) => (
            <li key={k}>
              <strong>line {o.line}:</strong> {o.message}
            </li>
          ))}
        </ul>
      ) : null}
      {loop.interchange ? <p className="hint">↻ {loop.interchange}</p> : null}
      {loop.assumptions.length > 0 ? <p className="muted small">Assumes: {loop.assumptions.join('; ')}.</p> : null}

      <h3>
        Carried by this loop <span className="count">{carried.length}</span>
      </h3>
      {carried.length === 0 ? <p className="muted small">None: no iteration of {loop.var} uses what another wrote.</p> : null}
      <ul className="dep-list">
        {carried.map((d) => (
          <DependenceItem
            key={d.id}
            d={d}
            works={report.works}
            blocking={loop.blocking.includes(d.id)}
            selected={d.id === selectedDep}
            onSelect={onSelectDep}
          />
        ))}
      </ul>
      {others.length > 0 ? (
        <details className="more">
          <summary>
            Other dependences inside this loop <span className="count">{others.length}</span> (same iteration, or carried by another loop)
          </summary>
          <ul className="dep-list">
            {others.map((d) => (
              <DependenceItem
                key={d.id}
                d={d}
                works={report.works}
                blocking={false}
                selected={d.id === selectedDep}
                onSelect={onSelectDep}
              />
            ))}
          </ul>
        </details>
      ) : null}
      {independent.length > 0 ? (
        <details className="more">
          <summary>
            Proven independent <span className="count">{independent.length}</span> (pairs that never touch the same element)
          </summary>
          <ul className="dep-list">
            {independent.map((ind, k) => (
              <IndependenceItem key={k} ind={ind} works={report.works} />
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function DependenceItem({
  d,
  works,
  blocking,
  selected,
  onSelect,
}: {
  d: ReportDependence;
  works: readonly ReportWork[];
  blocking: boolean;
  selected: boolean;
  onSelect: (d: number | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const w = witnessText(d);
  return (
    <li className={selected ? 'dep-item selected' : 'dep-item'} data-testid="dep-item" data-dep={d.id}>
      <button
        type="button"
        className="dep-head"
        aria-pressed={selected}
        onClick={() => onSelect(selected ? null : d.id)}
        title="Highlight source and sink in the editor"
      >
        <span className={`kind kind-${d.kind}`}>{d.kind}</span>
        <span className="dep-name">{depName(d.id)}</span>
        <code>{d.source.text}</code> <span className="muted">line {d.source.line}</span> → <code>{d.sink.text}</code>{' '}
        <span className="muted">line {d.sink.line}</span>
        <span className="vec">direction {vectorText(d.direction)}</span>
        <span className="vec">distance {vectorText(d.distance)}</span>
        {blocking ? <span className="tag bad">holds it back</span> : null}
        {d.certainty === 'assumed' ? <span className="tag warn">assumed</span> : null}
      </button>
      <p className="dep-explanation" data-testid="dep-explanation">
        {d.explanation}
      </p>
      {w ? (
        <p className="witness small" data-testid="witness">
          <strong>Witness:</strong> {w}
        </p>
      ) : null}
      {d.reason ? <p className="muted small">{d.reason}</p> : null}
      {d.conditionalOn.length > 0 ? <p className="muted small">Only when: {d.conditionalOn.join('; ')}</p> : null}
      <details className="show-work" data-testid="show-work" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Show the work ({testName(d.decidedBy)})</summary>
        {open ? (
          <Suspense fallback={<p className="muted small">Typesetting…</p>}>
            <Work work={d.workIds.map((k) => works[k]!)} decidedBy={d.decidedBy} />
          </Suspense>
        ) : null}
      </details>
    </li>
  );
}

function IndependenceItem({ ind, works }: { ind: ReportIndependence; works: readonly ReportWork[] }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="dep-item" data-testid="independence-item">
      <p>
        <code>{ind.a.text}</code> <span className="muted">line {ind.a.line}</span> vs <code>{ind.b.text}</code>{' '}
        <span className="muted">line {ind.b.line}</span>: independent by the {testName(ind.decidedBy)}.
      </p>
      <details className="show-work" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Show the work</summary>
        {open ? (
          <Suspense fallback={<p className="muted small">Typesetting…</p>}>
            <Work work={ind.workIds.map((k) => works[k]!)} decidedBy={ind.decidedBy} />
          </Suspense>
        ) : null}
      </details>
    </li>
  );
}
