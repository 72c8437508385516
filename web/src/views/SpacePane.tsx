import { memo, useEffect, useMemo, useRef } from 'react';
import * as d3 from 'd3';
import type { Report } from '@loupe/analysis-core';
import type { SpaceSettings } from '../state/permalink';
import { boundSymbols, defaultAxes, iterationSpace, nestPath, placeSpace, type SpaceGeometry, type SpaceOk } from '../layout/space';
import { depName } from './verdict';
import { ArrowMarkers } from './ArrowMarkers';

interface Props {
  readonly report: Report;
  readonly focusLoop: number | null;
  readonly settings: SpaceSettings;
  /** Bound values (runtime panel) that may seed the drawing values when small. */
  readonly effective: Readonly<Record<string, string>>;
  readonly selectedDep: number | null;
  readonly onSettings: (s: Partial<SpaceSettings>) => void;
  readonly onSelectDep: (dep: number | null) => void;
}

const DRAW_DEFAULT = 6;
const DRAW_MAX = 12;

/** Drawing values: the user's, else a small bound value, else 6. */
function drawValues(
  symbols: readonly string[],
  settings: SpaceSettings,
  effective: Readonly<Record<string, string>>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of symbols) {
    const mine = settings.draw[s];
    if (mine !== undefined) {
      out[s] = mine;
      continue;
    }
    const ext = /^(.*)\.shape\[(\d+)\]$/.exec(s);
    const bound = ext ? /\[([^\]]*)\]/.exec(effective[ext[1]!] ?? '')?.[1]?.split(',')[Number(ext[2])] : effective[s];
    const v = bound === undefined ? Number.NaN : Number(bound.trim());
    out[s] = Number.isInteger(v) && v >= 0 && v <= DRAW_MAX ? v : DRAW_DEFAULT;
  }
  return out;
}

function draw(
  svgEl: SVGSVGElement,
  space: SpaceOk,
  geo: SpaceGeometry,
  selectedDep: number | null,
  onSelectDep: (d: number | null) => void,
): void {
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${geo.width} ${geo.height}`).attr('width', geo.width).attr('height', geo.height);
  const color = d3.scaleSequential(d3.interpolateTurbo).domain([-0.5, Math.max(1, space.steps - 1) + 0.8]);
  const axes = space.axes;

  const labels = svg.selectAll('g.axis-labels').data([0]).join('g').attr('class', 'axis-labels');
  labels
    .selectAll<SVGTextElement, { x: number; text: string }>('text.col')
    .data(geo.colLabels)
    .join('text')
    .attr('class', 'col')
    .attr('x', (d) => d.x)
    .attr('y', geo.top - (axes.length === 1 ? 44 : 20))
    .attr('text-anchor', 'middle')
    .text((d) => d.text);
  labels
    .selectAll<SVGTextElement, { y: number; text: string }>('text.row')
    .data(geo.rowLabels)
    .join('text')
    .attr('class', 'row')
    .attr('x', geo.left - 18)
    .attr('y', (d) => d.y + 4)
    .attr('text-anchor', 'end')
    .text((d) => d.text);
  labels
    .selectAll<SVGTextElement, string>('text.axis-name')
    .data(axes.length === 2 ? [`${axes[1]!.var} →`, `${axes[0]!.var} ↓`] : [`${axes[0]!.var} →`])
    .join('text')
    .attr('class', 'axis-name')
    .attr('x', (_d, k) => (k === 0 ? geo.left - 18 : 8))
    .attr('y', (_d, k) => (k === 0 ? geo.top - (axes.length === 1 ? 44 : 20) : geo.top + ((geo.rowLabels.length - 1) * geo.cell) / 2 + 4))
    .attr('text-anchor', (_d, k) => (k === 0 ? 'end' : 'start'))
    .text((d) => d);

  const arrows = svg
    .selectAll('g.arrows')
    .data([0])
    .join('g')
    .attr('class', 'arrows')
    .selectAll<SVGPathElement, (typeof geo.arrows)[number]>('path.space-arrow')
    .data(geo.arrows, (a) => `${a.dep}:${a.from}:${a.to}`)
    .join('path')
    .attr(
      'class',
      (a) =>
        `space-arrow kind-${a.kind}${a.witness ? ' witness' : ''}${a.removed ? ' removed' : ''}${a.assumed ? ' assumed' : ''}${a.dep === selectedDep ? ' selected' : ''}`,
    )
    .attr('data-testid', 'space-arrow')
    .attr('data-dep', (a) => a.dep)
    .attr('data-witness', (a) => String(a.witness))
    .attr('d', (a) => a.path)
    .attr('marker-end', (a) => `url(#space-arrow-${a.witness ? 'witness' : a.kind})`)
    .on('click', (_ev, a) => onSelectDep(a.dep === selectedDep ? null : a.dep));
  arrows
    .selectAll('title')
    .data((a) => [a])
    .join('title')
    .text(
      (a) =>
        `${depName(a.dep)} ${a.kind}: (${a.from}) → (${a.to})${a.witness ? ' — the witness' : ''}${a.removed ? ' — removed by a reduction/privatization' : ''}`,
    );

  const points = svg
    .selectAll('g.points')
    .data([0])
    .join('g')
    .attr('class', 'points')
    .selectAll<SVGCircleElement, (typeof geo.points)[number]>('circle.space-point')
    .data(geo.points, (p) => p.key)
    .join('circle')
    .attr('class', 'space-point')
    .attr('data-testid', 'space-point')
    .attr('data-key', (p) => p.key)
    .attr('data-step', (p) => p.step)
    .attr('cx', (p) => p.x)
    .attr('cy', (p) => p.y)
    .attr('r', 7)
    .style('fill', (p) => color(p.step));
  points
    .selectAll('title')
    .data((p) => [p])
    .join('title')
    .text((p) => `${axes.map((a, k) => `${a.var}=${p.values[k]}`).join(', ')}: step ${p.step + 1} of ${space.steps}`);
}

export const SpacePane = memo(function SpacePane({ report, focusLoop, settings, effective, selectedDep, onSettings, onSelectDep }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const auto = defaultAxes(report.loops, focusLoop);
  const valid = settings.outer !== null && report.loops.some((l) => l.id === settings.outer);
  const outer = valid ? settings.outer! : (auto?.outer ?? null);
  const inner = valid
    ? settings.inner !== null && report.loops.some((l) => l.id === settings.inner)
      ? settings.inner
      : null
    : (auto?.inner ?? null);
  const path = outer === null ? [] : nestPath(report.loops, inner ?? outer);
  const nestLoops = outer === null ? [] : report.loops.filter((l) => nestPath(report.loops, l.id)[0] === path[0]);
  const symbols = boundSymbols(report.loops, path);
  const draws = drawValues(symbols, settings, effective);
  const drawKey = JSON.stringify(draws);
  const fixedKey = JSON.stringify(settings.fixed);
  const space = useMemo(
    () =>
      outer === null
        ? null
        : iterationSpace({
            loops: report.loops,
            dependences: report.dependences,
            outer,
            inner,
            draw: JSON.parse(drawKey) as Record<string, number>,
            fixed: JSON.parse(fixedKey) as Record<string, number>,
          }),
    [report, outer, inner, drawKey, fixedKey],
  );
  const geo = useMemo(() => (space && space.ok ? placeSpace(space) : null), [space]);
  useEffect(() => {
    if (svgRef.current && space && space.ok && geo) draw(svgRef.current, space, geo, selectedDep, onSelectDep);
  }, [space, geo, selectedDep, onSelectDep]);

  if (outer === null) return <p className="muted">No loops to draw.</p>;
  const loopName = (id: number): string => {
    const l = report.loops.find((x) => x.id === id)!;
    return `${l.var} (line ${l.line})`;
  };
  const innerChoices = nestLoops.filter((l) => l.id !== outer && nestPath(report.loops, l.id).includes(outer));
  const drawnVars = space && space.ok ? space.axes.map((a) => a.var) : [];
  const parallelText =
    space && space.ok
      ? space.points.length === 0
        ? 'No iterations with these values.'
        : space.steps === 1
          ? `All ${space.points.length} points may run at the same time (one step).`
          : space.steps === space.points.length
            ? `Every point waits for the previous one: ${space.steps} steps for ${space.points.length} points (sequential).`
            : `${space.steps} steps for ${space.points.length} points: points of the same colour may run at the same time.`
      : '';
  return (
    <div className="space-pane">
      <div className="pane-controls">
        <label>
          rows{' '}
          <select
            value={outer}
            data-testid="space-outer"
            onChange={(e) => {
              const o = Number(e.target.value);
              const child = report.loops.find((l) => l.parent === o);
              onSettings({ outer: o, inner: child ? child.id : null, fixed: {} });
            }}
          >
            {nestLoops.map((l) => (
              <option key={l.id} value={l.id}>
                {loopName(l.id)}
              </option>
            ))}
          </select>
        </label>
        <label>
          columns{' '}
          <select
            value={inner ?? ''}
            data-testid="space-inner"
            onChange={(e) => onSettings({ outer, inner: e.target.value === '' ? null : Number(e.target.value), fixed: {} })}
          >
            <option value="">— (draw {report.loops.find((l) => l.id === outer)?.var} alone)</option>
            {innerChoices.map((l) => (
              <option key={l.id} value={l.id}>
                {loopName(l.id)}
              </option>
            ))}
          </select>
        </label>
        {symbols.map((s) => (
          <label key={s}>
            {s} ={' '}
            <input
              type="number"
              min={0}
              max={DRAW_MAX}
              value={draws[s]}
              data-testid={`space-draw-${s}`}
              onChange={(e) => {
                const v = Math.max(0, Math.min(DRAW_MAX, Math.trunc(Number(e.target.value))));
                if (Number.isFinite(v)) onSettings({ draw: { ...settings.draw, [s]: v } });
              }}
            />
          </label>
        ))}
        {space && space.ok
          ? space.fixed.map((f) => (
              <label key={f.loop}>
                slice {f.var} ={' '}
                <select
                  value={f.value}
                  data-testid={`space-fixed-${f.var}`}
                  onChange={(e) => onSettings({ fixed: { ...settings.fixed, [String(f.loop)]: Number(e.target.value) } })}
                >
                  {f.choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ))
          : null}
      </div>
      {space && !space.ok ? (
        <p className="muted" data-testid="space-error">
          {space.error}
        </p>
      ) : null}
      {space && space.ok ? (
        <>
          <p
            className="small"
            data-testid="space-summary"
            data-points={space.points.length}
            data-arrows={space.arrows.length}
            data-steps={space.steps}
            data-dims={space.axes.length}
          >
            {drawnVars.join(' × ')}: {space.points.length} iterations, {space.arrows.length} dependence arrows. {parallelText}
            {space.fixed.length > 0 ? ` Showing the slice ${space.fixed.map((f) => `${f.var} = ${f.value}`).join(', ')}.` : ''}
          </p>
          <div className="svg-scroll">
            <svg
              ref={svgRef}
              className="space"
              role="img"
              aria-label={`Iteration space of ${drawnVars.join(' and ')}. ${parallelText}`}
              data-testid="space-svg"
            >
              <defs>
                <ArrowMarkers prefix="space-arrow" kinds={['flow', 'anti', 'output', 'witness']} refX={8} />
              </defs>
            </svg>
          </div>
          <p className="legend small">
            <span className="key kind-flow">flow</span>
            <span className="key kind-anti">anti</span>
            <span className="key kind-output">output</span>
            <span className="key witness">witness</span>
            <span className="key removed">removed by reduction / privatization</span>
            <span>colour = step: same colour, same time</span>
          </p>
          {space.hidden.length > 0 ? (
            <details className="more small">
              <summary>{space.hidden.length} dependences not drawn here</summary>
              <ul>
                {space.hidden.map((h) => (
                  <li key={h.dep}>
                    {depName(h.dep)}: {h.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {space.truncatedArrows > 0 ? <p className="muted small">{space.truncatedArrows} more arrows not drawn.</p> : null}
          <p className="muted small">
            Arrows come from the report&rsquo;s direction and distance vectors: an arrow joins each point to the first later point its
            dependence reaches; loops outside the two drawn ones are held at the slice shown, loops inside them fold into each point.
          </p>
        </>
      ) : null}
    </div>
  );
});
