import { memo } from 'react';
import type { Report } from '@loupe/analysis-core';
import type { CommentBindings } from '../analysis/protocol';
import { joinArrayValue, runtimeRows, splitArrayValue, stageRows, type RuntimeRow } from '../state/runtime';
import { VerdictBadge } from './VerdictsPane';

const DTYPES = ['float64', 'float32', 'int64', 'int32'];

interface Props {
  readonly report: Report;
  readonly comment: CommentBindings | null;
  readonly overrides: Readonly<Record<string, string>>;
  readonly bindingErrors: readonly string[];
  readonly onSet: (name: string, value: string) => void;
  readonly onReset: () => void;
}

function RowInput({ row, onSet }: { row: RuntimeRow; onSet: (name: string, value: string) => void }) {
  if (row.kind === 'array') {
    const v = splitArrayValue(row.value, row.rank);
    return (
      <span className="array-input">
        <select
          aria-label={`${row.name} dtype`}
          value={v.dtype}
          data-testid={`value-${row.name}-dtype`}
          onChange={(e) => onSet(row.name, joinArrayValue({ ...v, dtype: e.target.value }))}
        >
          {(DTYPES.includes(v.dtype) ? DTYPES : [v.dtype, ...DTYPES]).map((d) => (
            <option key={d}>{d}</option>
          ))}
        </select>
        [
        {v.extents.map((e, k) => (
          <span key={k}>
            {k > 0 ? ', ' : ''}
            <input
              className="extent"
              inputMode="numeric"
              aria-label={`${row.name}.shape[${k}]`}
              placeholder={`${row.name}.shape[${k}]`}
              value={e}
              data-testid={`value-${row.name}-${k}`}
              onChange={(ev) =>
                onSet(row.name, joinArrayValue({ ...v, extents: v.extents.map((x, j) => (j === k ? ev.target.value : x)) }))
              }
            />
          </span>
        ))}
        ]
      </span>
    );
  }
  return (
    <input
      inputMode={row.kind === 'int' ? 'numeric' : 'decimal'}
      aria-label={row.name}
      placeholder="unbound"
      value={row.value}
      data-testid={`value-${row.name}`}
      onChange={(e) => onSet(row.name, e.target.value)}
    />
  );
}

/** Every free symbol and array with an input, and the verdicts with and without these values side by side. */
export const RuntimePane = memo(function RuntimePane({ report, comment, overrides, bindingErrors, onSet, onReset }: Props) {
  const rows = runtimeRows(report, comment?.values ?? null, overrides);
  const stages = stageRows(report);
  const changed = stages.filter((s) => s.changed).length;
  return (
    <div className="runtime-pane">
      <p className="small">
        Values the code does not say: sizes, offsets, array shapes. The static verdict uses none of them; the second column uses these.{' '}
        {comment
          ? `Prefilled from the # loupe: comment on line ${comment.line}.`
          : 'Add a `# loupe: n=100, A=float64[100,100]` comment to prefill them.'}
      </p>
      {rows.length === 0 ? <p className="muted">This code has no free symbols or arrays.</p> : null}
      <table className="values" data-testid="values-table">
        <tbody>
          {rows.map((r) => (
            <tr key={r.name} data-testid="value-row" data-name={r.name} data-source={r.source}>
              <th scope="row">
                <code>{r.name}</code>
              </th>
              <td>
                <RowInput row={r} onSet={onSet} />
              </td>
              <td className="small muted">
                {r.source === 'comment'
                  ? 'from # loupe:'
                  : r.source === 'panel'
                    ? r.commentValue !== null && r.commentValue !== r.value
                      ? `edited (comment: ${r.commentValue})`
                      : 'typed here'
                    : ''}
                {!r.used ? ' · not used by the code' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {[...bindingErrors, ...(comment?.errors ?? [])].map((e, k) => (
        <p key={k} className="error small" data-testid="binding-error">
          {e}
        </p>
      ))}
      {Object.keys(overrides).length > 0 ? (
        <button type="button" className="link" onClick={onReset}>
          Back to the comment&rsquo;s values
        </button>
      ) : null}
      <h3>Verdicts: text alone vs these values {changed > 0 ? <span className="changed">{changed} changed</span> : null}</h3>
      <table className="stages" data-testid="stage-table">
        <thead>
          <tr>
            <th scope="col">loop</th>
            <th scope="col">text alone</th>
            <th scope="col">with these values</th>
          </tr>
        </thead>
        <tbody>
          {stages.map((s) => (
            <tr
              key={s.loop}
              className={s.changed ? 'changed-row' : undefined}
              data-testid="stage-row"
              data-loop={s.loop}
              data-changed={String(s.changed)}
            >
              <th scope="row" style={{ paddingLeft: `${0.4 + s.depth}rem` }}>
                <code>{s.var}</code> <span className="muted">line {s.line}</span>
              </th>
              <td data-testid="stage-static">
                <VerdictBadge verdict={s.staticVerdict} />
              </td>
              <td data-testid="stage-runtime">
                {s.runtimeVerdict === null ? (
                  <span className="muted">no values bound</span>
                ) : (
                  <>
                    <VerdictBadge verdict={s.runtimeVerdict} />
                    {s.changed ? <span className="changed">changed</span> : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
