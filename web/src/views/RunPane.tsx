import { memo, useEffect, useMemo, useRef, useState } from 'react';
import * as d3 from 'd3';
import { RUNNER_IDS, RUNNER_LABELS, type RunReply, type RunnerId, type RunnerReply } from '../api/server';
import { formatMs, layoutBars, type BarInput, type BarsLayout } from '../layout/bars';
import type { RunState } from '../state/store';

interface Props {
  /** Names and values offered as size inputs (the effective runtime values, then the pane's own). */
  readonly values: Readonly<Record<string, string>>;
  /** Names whose value was typed in this pane. */
  readonly edited: ReadonlySet<string>;
  readonly runners: readonly RunnerId[];
  readonly repetitions: number;
  readonly run: RunState;
  /** The run's results belong to another source or other values than those on screen. */
  readonly stale: boolean;
  readonly onSize: (name: string, value: string) => void;
  readonly onResetSizes: () => void;
  readonly onRunner: (runner: RunnerId, on: boolean) => void;
  readonly onRepetitions: (n: number) => void;
  readonly onRun: () => void;
}

const RUNNER_NAMES: Readonly<Record<string, string>> = {
  cpython: 'CPython',
  numba: 'Numba @njit',
  'numba-parallel': 'Numba parallel',
  'cpu-emulation': 'CPU emulation',
  gpu: 'GPU',
};

const SPEEDUP_NAMES: Readonly<Record<string, string>> = {
  numba: 'Numba',
  numbaParallel: 'Numba parallel',
  gpuKernel: 'GPU kernel',
  gpuEndToEnd: 'GPU end-to-end',
};

/** The bars: only measured times; CPU emulation has none (it checks correctness, it is not a timing). */
export function barsOf(reply: RunReply): BarInput[] {
  const out: BarInput[] = [];
  const add = (
    id: string,
    label: string,
    r: { medianMs?: number; minMs?: number; maxMs?: number } | undefined,
    estimated = false,
  ): void => {
    if (r?.medianMs === undefined) return;
    out.push({ id, label, ms: r.medianMs, minMs: r.minMs, maxMs: r.maxMs, estimated });
  };
  const cpy = reply.runners.cpython;
  if (cpy?.available) add('cpython', cpy.estimated ? 'CPython (estimate)' : 'CPython', cpy, cpy.estimated === true);
  for (const id of ['numba', 'numba-parallel'])
    if (reply.runners[id]?.available && !reply.runners[id]?.error) add(id, RUNNER_NAMES[id]!, reply.runners[id]);
  const gpu = reply.runners.gpu;
  if (gpu?.available && !gpu.error && reply.device) {
    add('gpu-kernel', 'GPU kernel', gpu.kernel);
    add('gpu-end-to-end', 'GPU end-to-end', gpu.endToEnd);
  }
  return out;
}

function drawBars(svgEl: SVGSVGElement, l: BarsLayout): void {
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${l.width} ${l.height}`).attr('width', l.width).attr('height', l.height);
  const bars = svg
    .selectAll<SVGGElement, number>('g.bars')
    .data([0])
    .join('g')
    .attr('class', 'bars')
    .selectAll<SVGGElement, (typeof l.bars)[number]>('g.bar')
    .data(l.bars, (b) => b.id)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'bar').attr('data-testid', 'run-bar');
      g.append('text').attr('class', 'bar-label');
      g.append('rect');
      g.append('line').attr('class', 'whisker');
      g.append('text').attr('class', 'bar-value').attr('data-testid', 'run-bar-value');
      g.append('title');
      return g;
    })
    .attr('data-runner', (b) => b.id)
    .attr('data-ms', (b) => String(b.ms))
    .attr('data-estimated', (b) => String(b.estimated))
    .classed('estimated', (b) => b.estimated);
  bars
    .select('text.bar-label')
    .attr('x', l.left - 8)
    .attr('y', (b) => b.y + b.height / 2)
    .attr('text-anchor', 'end')
    .attr('dominant-baseline', 'middle')
    .text((b) => b.label);
  bars
    .select('rect')
    .attr('x', (b) => b.x)
    .attr('y', (b) => b.y)
    .attr('width', (b) => Math.max(1, b.width))
    .attr('height', (b) => b.height)
    .attr('rx', 2);
  bars
    .select('line.whisker')
    .attr('x1', (b) => b.whisker?.x1 ?? 0)
    .attr('x2', (b) => b.whisker?.x2 ?? 0)
    .attr('y1', (b) => b.y + b.height / 2)
    .attr('y2', (b) => b.y + b.height / 2)
    .attr('visibility', (b) => (b.whisker ? 'visible' : 'hidden'));
  bars
    .select('text.bar-value')
    .attr('x', (b) => Math.max(b.x + b.width, b.whisker?.x2 ?? 0) + 6)
    .attr('y', (b) => b.y + b.height / 2)
    .attr('dominant-baseline', 'middle')
    .text((b) => b.text);
  bars.select('title').text((b) => `${b.label}: ${b.text}${b.estimated ? ' — extrapolated from smaller sizes, not measured' : ''}`);

  const axis = svg.selectAll<SVGGElement, number>('g.axis').data([0]).join('g').attr('class', 'axis');
  axis
    .selectAll('line.baseline')
    .data([0])
    .join('line')
    .attr('class', 'baseline')
    .attr('x1', l.left)
    .attr('x2', l.right)
    .attr('y1', l.axisY)
    .attr('y2', l.axisY);
  const ticks = axis
    .selectAll<SVGGElement, (typeof l.ticks)[number]>('g.tick')
    .data(l.ticks, (t) => String(t.ms))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'tick');
      g.append('line');
      g.append('text');
      return g;
    });
  ticks
    .select('line')
    .attr('x1', (t) => t.x)
    .attr('x2', (t) => t.x)
    .attr('y1', 0)
    .attr('y2', l.axisY + 4);
  ticks
    .select('text')
    .attr('x', (t) => t.x)
    .attr('y', l.axisY + 16)
    .attr('text-anchor', 'middle')
    .text((t) => t.label);
}

const sci = (x: number): string =>
  x === 0 ? '0' : Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? String(Number(x.toPrecision(3))) : x.toExponential(2);

function toleranceText(reply: RunReply): string {
  const dtypes = new Set((reply.sizes?.arrays ?? []).map((a) => a.dtype));
  const entries = Object.entries(reply.tolerance ?? {}).filter(([d]) => dtypes.size === 0 || dtypes.has(d));
  return entries
    .map(([d, t]) => (t.rtol === 0 && t.atol === 0 ? `${d}: exact` : `${d}: rtol ${sci(t.rtol)}, atol ${sci(t.atol)}`))
    .join('; ');
}

function maxErrorOf(reply: RunReply): string {
  let worst: number | null = 0;
  for (const r of Object.values(reply.runners)) {
    if (!r || r.correct !== false) continue;
    if (r.maxError === null || r.maxError === undefined) return 'NaN or infinity where CPython has a number (or the reverse)';
    worst = Math.max(worst ?? 0, r.maxError);
  }
  return sci(worst ?? 0);
}

function status(r: RunnerReply | undefined): string {
  if (!r) return 'not requested';
  if (!r.available) return `not available: ${r.reason ?? 'unknown reason'}`;
  if (r.error) return `failed: ${r.error}`;
  return 'ran';
}

function timeText(id: string, r: RunnerReply | undefined): string {
  if (!r?.available || r.error) return '—';
  if (id === 'cpu-emulation') return 'no time (correctness check, not a GPU timing)';
  if (id === 'gpu' && r.kernel && r.endToEnd) return `kernel ${formatMs(r.kernel.medianMs)}, end-to-end ${formatMs(r.endToEnd.medianMs)}`;
  if (r.medianMs === undefined) return '—';
  return r.estimated ? `≈ ${formatMs(r.medianMs)} (estimate)` : formatMs(r.medianMs);
}

/** Sizes, runners and Run; then the times (log-scale bars), speedups, correctness, device and versions. */
export const RunPane = memo(function RunPane(props: Props) {
  const { values, edited, runners, repetitions, run, stale } = props;
  const reply = run.reply;
  const names = Object.keys(values);
  return (
    <div className="run-pane" data-testid="run-pane">
      <form
        className="run-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onRun();
        }}
      >
        <fieldset>
          <legend>Sizes and values</legend>
          {names.length === 0 ? (
            <p className="small muted" data-testid="run-no-sizes">
              Nothing bound: add a <code># loupe: n=64, a=float64[64]</code> comment or set values in the Values pane.
            </p>
          ) : (
            <div className="run-sizes">
              {names.map((name) => (
                <label key={name} className="run-size">
                  <code>{name}</code>
                  <input
                    type="text"
                    value={values[name]}
                    spellCheck={false}
                    data-testid={`run-size-${name}`}
                    className={edited.has(name) ? 'edited' : ''}
                    onChange={(e) => props.onSize(name, e.target.value)}
                  />
                </label>
              ))}
              {edited.size > 0 ? (
                <button type="button" className="link" onClick={props.onResetSizes} data-testid="run-reset-sizes">
                  reset to the runtime values
                </button>
              ) : null}
            </div>
          )}
        </fieldset>
        <fieldset>
          <legend>Runners</legend>
          {RUNNER_IDS.map((id) => (
            <label key={id} className="run-runner">
              <input
                type="checkbox"
                checked={runners.includes(id)}
                data-testid={`runner-${id}`}
                onChange={(e) => props.onRunner(id, e.target.checked)}
              />{' '}
              {RUNNER_LABELS[id]}
            </label>
          ))}
          <label className="run-reps">
            repetitions{' '}
            <input
              type="number"
              min={1}
              max={50}
              value={repetitions}
              data-testid="run-repetitions"
              onChange={(e) => {
                const n = Math.round(Number(e.target.value));
                if (Number.isFinite(n)) props.onRepetitions(Math.min(50, Math.max(1, n)));
              }}
            />
          </label>
          <p className="small muted">CPython always runs once as the reference every result is compared with.</p>
        </fieldset>
        <button type="submit" className="primary" disabled={run.running || runners.length === 0} data-testid="run-button">
          {run.running ? 'Running…' : 'Run'}
        </button>
        {run.running ? <Progress /> : null}
      </form>
      {run.error ? (
        <p className="run-error" role="alert" data-testid="run-error">
          The run failed ({run.error.status || 'no reply'}): {run.error.error}
          {Array.isArray(run.error.body.reasons) ? ` — ${(run.error.body.reasons as unknown[]).join('; ')}` : ''}
        </p>
      ) : null}
      {reply ? <Results reply={reply} run={run} stale={stale} /> : null}
    </div>
  );
});

function Progress() {
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    const t0 = performance.now();
    const t = setInterval(() => setSeconds(Math.floor((performance.now() - t0) / 1000)), 250);
    return () => clearInterval(t);
  }, []);
  return (
    <span className="run-progress" role="status" data-testid="run-progress">
      <progress aria-label="Running" /> running on the server… {seconds} s
    </span>
  );
}

function Results({ reply, run, stale }: { readonly reply: RunReply; readonly run: RunState; readonly stale: boolean }) {
  const svg = useRef<SVGSVGElement>(null);
  const layout = useMemo(() => layoutBars(barsOf(reply)), [reply]);
  useEffect(() => {
    if (svg.current) drawBars(svg.current, layout);
  }, [layout]);
  const emulation = reply.runners['cpu-emulation'];
  const emulated = emulation?.available === true && !emulation.error;
  const speedups = Object.entries(reply.speedups?.vsCpython ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number');
  const vsNumba = Object.entries(reply.speedups?.vsNumba ?? {}).filter((e): e is [string, number] => typeof e[1] === 'number');
  const refName = reply.reference === 'cpython' ? 'CPython' : reply.reference === 'numba' ? "Numba's @njit twin" : reply.reference;
  const versions = Object.entries(reply.versions ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return (
    <section className="run-results" aria-label="Run results" data-testid="run-results">
      {run.frozenAt ? (
        <p className="run-frozen" data-testid="run-frozen">
          Results frozen at share time ({new Date(run.frozenAt).toLocaleString()}): they were not re-run. Press Run to measure again.
        </p>
      ) : null}
      {stale ? (
        <p className="small warn-text" data-testid="run-stale">
          These results are for an earlier version of the code or other values.
        </p>
      ) : null}
      <p className={`run-badge ${reply.correct ? 'ok' : 'bad'}`} data-testid="run-badge" data-correct={String(reply.correct)}>
        {reply.correct
          ? `✓ matches ${refName} within the stated tolerance (${toleranceText(reply)})`
          : `✗ mismatch with ${refName}: max error ${maxErrorOf(reply)} (tolerance ${toleranceText(reply)})`}
      </p>
      {reply.referenceNote ? <p className="small muted">{reply.referenceNote}</p> : null}
      {reply.device ? (
        <p data-testid="run-device">
          Device: <strong>{reply.device.name}</strong>
          {reply.device.computeCapability ? ` (compute capability ${reply.device.computeCapability})` : ''}
        </p>
      ) : (
        <p className="run-no-gpu" data-testid="run-no-gpu">
          No GPU on this server: correctness verified by CPU emulation; emulation times are not GPU timings.
          {!emulated ? ' (CPU emulation did not run in this run.)' : ''}
          {reply.deviceNote ? <span className="small muted"> {reply.deviceNote}</span> : null}
        </p>
      )}
      <h3>Times (median, log scale)</h3>
      {layout.bars.length > 0 ? (
        <svg ref={svg} className="run-chart" role="img" aria-label="Median times per runner, log scale" data-testid="run-chart" />
      ) : (
        <p className="muted small" data-testid="run-chart-empty">
          No runner produced a time.
        </p>
      )}
      {reply.runners.cpython?.estimated ? (
        <p className="small warn-text" data-testid="run-estimated">
          CPython&rsquo;s time is an estimate, extrapolated from smaller sizes ({reply.runners.cpython.estimate ?? 'time budget exceeded'}).
        </p>
      ) : null}
      {speedups.length > 0 ? (
        <div data-testid="run-speedups">
          <h3>Speedups{reply.speedups?.estimated ? ' (over an estimated CPython time)' : ''}</h3>
          <ul className="run-speedups">
            {speedups.map(([k, v]) => (
              <li key={k}>
                {SPEEDUP_NAMES[k] ?? k}: <strong>×{sci(v)}</strong> vs CPython
              </li>
            ))}
            {vsNumba.map(([k, v]) => (
              <li key={`n-${k}`}>
                {SPEEDUP_NAMES[k] ?? k}: ×{sci(v)} vs Numba
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <table className="run-table" data-testid="run-table">
        <thead>
          <tr>
            <th scope="col">runner</th>
            <th scope="col">status</th>
            <th scope="col">time</th>
            <th scope="col">output</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(reply.runners).map(([id, r]) => (
            <tr key={id} data-testid="run-row" data-runner={id}>
              <th scope="row">{RUNNER_NAMES[id] ?? id}</th>
              <td>{status(r)}</td>
              <td>{timeText(id, r)}</td>
              <td>
                {r?.reference
                  ? 'reference'
                  : r?.correct === true
                    ? `✓ max error ${sci(r.maxError ?? 0)}`
                    : r?.correct === false
                      ? `✗ ${r.mismatches ?? '?'} mismatches, max error ${r.maxError === null || r.maxError === undefined ? 'NaN/∞' : sci(r.maxError)}`
                      : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {emulation?.note ? <p className="small muted">{emulation.note}</p> : null}
      <p className="small muted" data-testid="run-versions">
        {versions.map(([k, v]) => `${k} ${v}`).join(' · ')}
        {reply.repetitions ? ` · ${reply.repetitions} repetition${reply.repetitions === 1 ? '' : 's'}` : ''}
        {reply.totalMs !== undefined ? ` · run took ${formatMs(reply.totalMs)}` : ''}
      </p>
      {(reply.notes ?? []).map((n, k) => (
        <p key={k} className="small muted">
          {n}
        </p>
      ))}
    </section>
  );
}
