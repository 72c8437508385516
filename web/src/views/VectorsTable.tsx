import { memo } from 'react';
import type { Report } from '@loupe/analysis-core';
import { statementLabel } from '../layout/graph';
import { depName, vectorText } from './verdict';
import { testName } from './verdict';

interface Props {
  readonly report: Report;
  readonly selectedDep: number | null;
  readonly onSelectDep: (dep: number | null) => void;
}

/** Every dependence in one table; a row selects it (and highlights source and sink in the editor). */
export const VectorsTable = memo(function VectorsTable({ report, selectedDep, onSelectDep }: Props) {
  const loopName = (id: number | null): string => {
    if (id === null) return '— (same iteration)';
    const l = report.loops.find((x) => x.id === id);
    return l ? `${l.var} (line ${l.line})` : '?';
  };
  if (report.dependences.length === 0) return <p className="muted">No dependences: no two accesses can touch the same element.</p>;
  return (
    <div className="table-scroll">
      <table className="vectors" data-testid="vectors-table">
        <caption className="sr-only">Dependences with direction and distance vectors</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">kind</th>
            <th scope="col">source</th>
            <th scope="col">sink</th>
            <th scope="col">loops</th>
            <th scope="col">direction</th>
            <th scope="col">distance</th>
            <th scope="col">carried by</th>
            <th scope="col">test</th>
          </tr>
        </thead>
        <tbody>
          {report.dependences.map((d) => (
            <tr
              key={d.id}
              className={d.id === selectedDep ? 'selected' : undefined}
              data-testid="vector-row"
              data-dep={d.id}
              tabIndex={0}
              aria-selected={d.id === selectedDep}
              onClick={() => onSelectDep(d.id === selectedDep ? null : d.id)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  onSelectDep(d.id === selectedDep ? null : d.id);
                }
              }}
            >
              <td>{depName(d.id)}</td>
              <td>
                <span className={`kind kind-${d.kind}`}>{d.kind}</span>
              </td>
              <td>
                <code>{d.source.text}</code>{' '}
                <span className="muted">
                  {statementLabel(d.source.statement)}:{d.source.line}
                </span>
              </td>
              <td>
                <code>{d.sink.text}</code>{' '}
                <span className="muted">
                  {statementLabel(d.sink.statement)}:{d.sink.line}
                </span>
              </td>
              <td>{vectorText(d.loops.map((id) => report.loops.find((l) => l.id === id)?.var ?? '?'))}</td>
              <td data-testid="vector-direction">
                <code>{vectorText(d.direction)}</code>
              </td>
              <td data-testid="vector-distance">
                <code>{vectorText(d.distance)}</code>
              </td>
              <td>{loopName(d.carrier)}</td>
              <td>
                {testName(d.decidedBy)}
                {d.certainty === 'assumed' ? <span className="tag warn">assumed</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
