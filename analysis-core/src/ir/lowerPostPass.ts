/**
 * After the walk of a scope: the obstacles that need the whole scope (non-affine subscripts, view
 * aliases), the scope's `ArrayInfo`s, and `finalize`, which turns draft regions into IR regions with their
 * loops' obstacles and records the loops program-wide.
 */
import { sliceSource, type SourceRange } from '../parse/source.js';
import { assertNever } from '../util/assert.js';
import { obstacleKindOf } from './accesses.js';
import { isAllocation } from './calls.js';
import type { IfRegion, Loop, LoopId, Region } from './ir.js';
import type { DraftRegion, ScopeLowerer } from './lowerScope.js';

/**
 * Obstacles that depend on the whole scope:
 * - a non-affine subscript stops loop L only if the access writes, or L writes the same array
 *   (a gather `b[i] = a[idx[i]]` from a read-only `a` carries no dependence);
 * - a view alias stops L when L accesses two names of one alias class and writes one of them.
 */
export function postPass(lw: ScopeLowerer): void {
  const { accesses, statements } = lw.program;
  const written = new Map<LoopId, Set<string>>();
  const touched = new Map<LoopId, Set<string>>();
  const add = (m: Map<LoopId, Set<string>>, id: LoopId, v: string): void => {
    let set = m.get(id);
    if (!set) m.set(id, (set = new Set()));
    set.add(v);
  };
  for (const id of lw.scopeAccesses) {
    const a = accesses[id]!;
    if (a.target !== 'array') continue;
    for (const l of statements[a.stmt]!.loops) {
      add(touched, l, a.variable);
      if (a.mode === 'write') add(written, l, a.variable);
    }
  }

  for (const { access, why } of lw.nonAffine) {
    const a = accesses[access]!;
    for (const l of statements[a.stmt]!.loops) {
      if (a.mode !== 'write' && !written.get(l)?.has(a.variable)) continue;
      a.subscripts.forEach((sub, k) => {
        if (sub.kind !== 'non-affine') return;
        const detail = why[k] ?? sub.reason;
        lw.obstacle([l], obstacleKindOf(sub), `\`${a.text}\`: ${detail}`, a.range);
      });
    }
  }

  if (lw.viewAliases.length > 0) {
    const parent = new Map<string, string>();
    const find = (x: string): string => {
      let r = x;
      while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    for (const v of lw.viewAliases) {
      const a = find(lw.canonicalArray(v.name));
      const b = find(lw.canonicalArray(v.of));
      if (a !== b) parent.set(a, b);
    }
    for (const [l, names] of touched) {
      const byClass = new Map<string, string[]>();
      for (const n of names) {
        const c = find(n);
        byClass.set(c, [...(byClass.get(c) ?? []), n]);
      }
      for (const v of lw.viewAliases) {
        // Report the view(s) this loop actually uses, not every view of the same array.
        if (!names.has(lw.canonicalArray(v.name))) continue;
        const members = byClass.get(find(lw.canonicalArray(v.name))) ?? [];
        if (members.length < 2 || !members.some((m) => written.get(l)?.has(m))) continue;
        lw.obstacle([l], 'alias', `\`${v.name}\` and \`${v.of}\` may share memory (\`${sliceSource(lw.source, v.range)}\`)`, v.range);
      }
    }
  }

  mayAliasObstacles(lw, touched, written);

  for (const [name, rank] of lw.ranks) {
    const numeric = elementsNumeric(lw, name);
    const origin = lw.values.origin(name);
    lw.program.arrays.push({
      name,
      rank,
      scope: lw.input.name,
      isParameter: lw.input.params.includes(name),
      isFreeInput: lw.input.name === '<module>' && origin.kind === 'parameter',
      isLocalAllocation: isLocalAllocation(lw, name),
      numericElements: numeric === null,
      notNumericWhy: numeric,
      rowsAssumed: lw.chainedArrays.has(name) && (origin.kind === 'parameter' || origin.kind === 'global'),
    });
  }
  // Every tracked scalar: whether reductions into it can reorder (numbers only).
  for (const name of lw.facts.loopWritten) {
    if (lw.ranks.has(name) || lw.facts.arrays.has(name)) continue;
    const t = lw.values.scalarType(name);
    lw.program.scalars.push(
      t.kind === 'number'
        ? { name, scope: lw.input.name, numeric: true, float: t.float, why: null }
        : { name, scope: lw.input.name, numeric: false, float: true, why: t.why },
    );
  }
}

/** Null when the array's elements are numbers (or assumed to be: parameters, globals); otherwise why not. */
function elementsNumeric(lw: ScopeLowerer, name: string, depth = 0): string | null {
  const o = lw.values.origin(name);
  switch (o.kind) {
    case 'fresh':
      return o.numeric ? null : `the elements of \`${name}\` are not known to be numbers (${o.why})`;
    case 'parameter':
    case 'global':
      return null;
    case 'view':
      if (depth > 8) return `\`${name}\` is a view of a view of …`;
      for (const r of o.of) {
        const why = elementsNumeric(lw, lw.canonicalArray(r), depth + 1);
        if (why !== null) return why;
      }
      return null;
    case 'unknown':
      // Loupe's model: arrays it did not see allocated hold numbers (a visibly non-numeric operand is
      // still rejected where the reduction is checked).
      return null;
    default:
      return assertNever(o, 'array origin');
  }
}

/**
 * Aliases the view classes cannot see, because one side may be *any* array:
 * - an array of unknown origin (`b = helper(a)`, `u = self.u`, `x, y = pair`) may be any other array the
 *   loop touches;
 * - in a function, a module global may be the very object a caller passes as a parameter (`f(g)`), and two
 *   globals are distinct only when the module allocates both.
 * Either way the loop is `unknown` when it touches both and writes one, with the reason.
 */
function mayAliasObstacles(lw: ScopeLowerer, touched: ReadonlyMap<LoopId, Set<string>>, written: ReadonlyMap<LoopId, Set<string>>): void {
  const moduleValues = lw.program.moduleValues;
  const isFunction = lw.input.name !== '<module>';
  // Where each loop first touches each array: the obstacle points there.
  const firstUse = new Map<string, SourceRange>();
  for (const id of lw.scopeAccesses) {
    const a = lw.program.accesses[id]!;
    if (a.target !== 'array') continue;
    for (const l of lw.program.statements[a.stmt]!.loops)
      if (!firstUse.has(`${l}:${a.variable}`)) firstUse.set(`${l}:${a.variable}`, a.range);
  }
  for (const [l, names] of touched) {
    if (names.size < 2) continue;
    const w = written.get(l);
    if (w === undefined || w.size === 0) continue;
    const list = [...names];
    for (const x of list) {
      const o = lw.values.origin(x);
      const range = firstUse.get(`${l}:${x}`);
      if (range === undefined) continue;
      if (o.kind === 'unknown') {
        // In a function, a fresh local array no call ever sees cannot be what an unknown call returned.
        const hidden = (y: string): boolean => isFunction && lw.values.origin(y).kind === 'fresh' && !lw.facts.escapes.has(y);
        const other = list.find((y) => y !== x && (w.has(x) || w.has(y)) && !hidden(y));
        if (other !== undefined) lw.obstacle([l], 'alias', `\`${x}\` may be any array, \`${other}\` included: ${o.why}`, range);
        continue;
      }
      if (o.kind !== 'global') continue;
      for (const y of list) {
        if (y === x || !(w.has(x) || w.has(y))) continue;
        const oy = lw.values.origin(y);
        if (oy.kind === 'parameter') {
          lw.obstacle(
            [l],
            'alias',
            `\`${x}\` is a module global and \`${y}\` a parameter: a caller may pass \`${x}\` itself as \`${y}\``,
            range,
          );
        } else if (oy.kind === 'global' && x < y) {
          const fx = moduleValues?.origin(x);
          const fy = moduleValues?.origin(y);
          if (fx?.kind !== 'fresh' || fy?.kind !== 'fresh')
            lw.obstacle(
              [l],
              'alias',
              `the module globals \`${x}\` and \`${y}\` may be one array (the module does not allocate both)`,
              range,
            );
        }
      }
    }
  }
}

/** Every binding of the name is a fresh allocation outside loops (and it is not a parameter). */
function isLocalAllocation(lw: ScopeLowerer, name: string): boolean {
  if (lw.input.params.includes(name)) return false;
  const bindings = lw.facts.bindings.get(name) ?? [];
  return bindings.length > 0 && bindings.every((b) => !b.inLoop && b.value !== null && isAllocation(b.value, lw.imports, lw.source));
}

export function finalize(lw: ScopeLowerer, r: DraftRegion): Region {
  switch (r.kind) {
    case 'stmt':
      return r;
    case 'if': {
      const region: IfRegion = {
        kind: 'if',
        test: r.test,
        range: r.range,
        then: r.then.map((x) => finalize(lw, x)),
        orelse: r.orelse.map((x) => finalize(lw, x)),
        testStmt: r.testStmt,
      };
      return region;
    }
    case 'loop': {
      const d = r.loop;
      const loop: Loop = {
        kind: 'loop',
        id: d.id,
        var: d.var,
        start: d.start,
        stop: d.stop,
        step: d.step,
        line: d.line,
        range: d.range,
        headerRange: d.headerRange,
        outer: d.outer,
        scope: d.scope,
        body: r.body.map((x) => finalize(lw, x)),
        obstacles: [...(lw.obstacles.get(d.id) ?? []), ...lw.program.hazards.obstaclesFor(d.range)],
      };
      lw.program.loops.set(loop.id, loop);
      return loop;
    }
    default:
      return assertNever(r, 'region kind');
  }
}
