import { memo, useEffect, useMemo, useRef } from 'react';
import * as d3 from 'd3';
import type { Report } from '@loupe/analysis-core';
import { layoutGraph, type GraphLayout } from '../layout/graph';
import { depName } from './verdict';
import { ArrowMarkers } from './ArrowMarkers';

interface Props {
  readonly report: Report;
  readonly focusLoop: number | null;
  readonly scope: 'all' | 'loop';
  readonly selectedDep: number | null;
  readonly onScope: (s: 'all' | 'loop') => void;
  readonly onSelectDep: (dep: number | null) => void;
}

const SCC_COLORS = ['#e7a33e', '#8e6bd1', '#3fa7a0', '#d4577a', '#6c9a3a', '#c7783e'];

/** Draws a computed layout into an SVG with D3 (a data join; the same layout always draws the same SVG). */
function draw(svgEl: SVGSVGElement, g: GraphLayout, selectedDep: number | null, onSelectDep: (d: number | null) => void): void {
  const svg = d3.select(svgEl).attr('viewBox', `0 0 ${g.width} ${g.height}`).attr('width', g.width).attr('height', g.height);
  const sccColor = new Map(g.sccs.filter((s) => s.cyclic).map((s, k) => [s.index, SCC_COLORS[k % SCC_COLORS.length]!]));
  const sccName = new Map(g.sccs.map((s) => [s.index, s.name]));

  const edges = svg
    .selectAll<SVGGElement, (typeof g.edges)[number]>('g.edges')
    .data([0])
    .join('g')
    .attr('class', 'edges')
    .selectAll<SVGGElement, (typeof g.edges)[number]>('g.edge')
    .data(g.edges, (e) => String(e.dep))
    .join((enter) => {
      const e = enter.append('g');
      e.append('path').attr('class', 'edge-hit');
      e.append('path').attr('class', 'edge-line');
      e.append('text').attr('class', 'edge-label');
      return e;
    })
    .attr(
      'class',
      (e) =>
        `edge kind-${e.kind} ${e.carried ? 'carried' : 'independent'}${e.assumed ? ' assumed' : ''}${selectedDep !== null && e.deps.includes(selectedDep) ? ' selected' : ''}`,
    )
    .attr('data-testid', 'graph-edge')
    .attr('data-dep', (e) => e.dep)
    .attr('data-deps', (e) => e.deps.join(' '))
    .attr('data-count', (e) => e.deps.length)
    .attr('data-carried', (e) => String(e.carried))
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr(
      'aria-label',
      (e) =>
        `${e.deps.map(depName).join(', ')}: ${e.label} from S${e.from + 1} to S${e.to + 1}, ${e.carried ? `carried by ${e.carrierVar}` : 'loop-independent'}`,
    )
    .on('click', (_ev, e) => onSelectDep(selectedDep !== null && e.deps.includes(selectedDep) ? null : e.dep))
    .on('keydown', (ev: KeyboardEvent, e) => {
      if (ev.key === 'Enter' || ev.key === ' ') {
        ev.preventDefault();
        onSelectDep(selectedDep !== null && e.deps.includes(selectedDep) ? null : e.dep);
      }
    });
  edges.select('path.edge-hit').attr('d', (e) => e.path);
  edges
    .select('path.edge-line')
    .attr('d', (e) => e.path)
    .attr('marker-end', (e) => `url(#arrow-${e.kind})`);
  edges
    .select('text.edge-label')
    .attr('x', (e) => e.labelX)
    .attr('y', (e) => e.labelY)
    .attr('text-anchor', (e) => e.labelAnchor)
    .text((e) => e.label);

  const nodes = svg
    .selectAll('g.nodes')
    .data([0])
    .join('g')
    .attr('class', 'nodes')
    .selectAll<SVGGElement, (typeof g.nodes)[number]>('g.node')
    .data(g.nodes, (n) => String(n.id))
    .join((enter) => {
      const n = enter.append('g');
      n.append('title');
      n.append('rect');
      n.append('text').attr('class', 'node-label');
      n.append('text').attr('class', 'node-text');
      n.append('text').attr('class', 'node-scc');
      return n;
    })
    .attr('class', (n) => `node${n.cyclic ? ' cyclic' : ''}`)
    .attr('data-testid', 'graph-node')
    .attr('data-statement', (n) => n.id)
    .attr('data-scc', (n) => n.scc)
    .attr('transform', (n) => `translate(${n.x},${n.y})`);
  nodes.select('title').text((n) => `${n.label} (line ${n.line}): ${n.text}`);
  nodes
    .select('rect')
    .attr('width', (n) => n.width)
    .attr('height', (n) => n.height)
    .attr('rx', 6)
    .style('stroke', (n) => sccColor.get(n.scc) ?? null)
    .style('stroke-width', (n) => (n.cyclic ? 3 : null));
  nodes
    .select('text.node-label')
    .attr('x', 8)
    .attr('y', 22)
    .text((n) => n.label);
  nodes
    .select('text.node-text')
    .attr('x', 40)
    .attr('y', 22)
    .text((n) => (n.text.length > 34 ? `${n.text.slice(0, 33)}…` : n.text));
  nodes
    .select('text.node-scc')
    .attr('x', (n) => n.width - 6)
    .attr('y', 13)
    .attr('text-anchor', 'end')
    .style('fill', (n) => sccColor.get(n.scc) ?? null)
    .text((n) => (n.cyclic ? `cycle ${sccName.get(n.scc) ?? ''}` : ''));
}

export const GraphPane = memo(function GraphPane({ report, focusLoop, scope, selectedDep, onScope, onSelectDep }: Props) {
  const svgRef = useRef<SVGSVGElement>(null);
  const scopeLoop = scope === 'loop' ? focusLoop : null;
  const layout = useMemo(
    () => layoutGraph({ statements: report.statements, dependences: report.dependences, loops: report.loops, scope: scopeLoop }),
    [report, scopeLoop],
  );
  useEffect(() => {
    if (svgRef.current) draw(svgRef.current, layout, selectedDep, onSelectDep);
  }, [layout, selectedDep, onSelectDep]);
  const cyclic = layout.sccs.filter((s) => s.cyclic);
  const depCount = layout.edges.reduce((n, e) => n + e.deps.length, 0);
  const focus = report.loops.find((l) => l.id === focusLoop);
  return (
    <div className="graph-pane">
      <div className="pane-controls">
        <fieldset className="segmented">
          <legend className="sr-only">Which dependences</legend>
          <label>
            <input type="radio" name="graph-scope" checked={scope === 'all'} onChange={() => onScope('all')} /> whole program
          </label>
          <label>
            <input type="radio" name="graph-scope" checked={scope === 'loop'} onChange={() => onScope('loop')} disabled={!focus} /> loop{' '}
            {focus ? `${focus.var} (line ${focus.line})` : ''}
          </label>
        </fieldset>
        <p className="legend small">
          <span className="key carried">right: loop-carried</span>
          <span className="key independent">left: loop-independent</span>
          <span className="key kind-flow">flow</span>
          <span className="key kind-anti">anti</span>
          <span className="key kind-output">output</span>
        </p>
      </div>
      <p
        className="small"
        data-testid="graph-summary"
        data-nodes={layout.nodes.length}
        data-edges={layout.edges.length}
        data-deps={depCount}
        data-cycles={cyclic.length}
      >
        {layout.nodes.length} statements, {depCount} dependences
        {layout.edges.length < depCount
          ? ` drawn as ${layout.edges.length} edges (same statements, kind and direction share one, ×count)`
          : ''}
        .{' '}
        {cyclic.length === 0
          ? 'No cycles: every statement could run as its own parallel loop, in this order.'
          : `${cyclic.length} strongly connected component${cyclic.length === 1 ? '' : 's'} with a cycle (${cyclic
              .map((c) => `${c.name}: ${c.members.map((m) => `S${m + 1}`).join(', ')}`)
              .join('; ')}): statements on a cycle depend on each other through the loop and must stay in one loop.`}
      </p>
      <div className="svg-scroll">
        <svg ref={svgRef} className="graph" role="group" aria-label="Dependence graph" data-testid="graph-svg">
          <defs>
            <ArrowMarkers prefix="arrow" kinds={['flow', 'anti', 'output']} refX={9} />
          </defs>
        </svg>
      </div>
    </div>
  );
});
