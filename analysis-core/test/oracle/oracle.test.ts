/**
 * Tests of the oracle itself: it is the ground truth for Loupe's dependence tests, so it gets hand-checked
 * cases (each worked out iteration by iteration in the comments) and properties against a naive
 * all-pairs re-derivation.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assign,
  iterationValues,
  loop,
  loopsOf,
  nestCaseArb,
  nestModel,
  oracle,
  parseAffine,
  ref,
  renderAffine,
  renderPython,
  stmtsOf,
  traceAccesses,
  type LoopNestModel,
  type OracleDependence,
} from './index.js';

/** A dependence in one line, for readable expectations: `flow a 0.1->0.0 [1]`. */
function show(d: OracleDependence): string {
  return `${d.kind} ${d.array} ${d.source.stmt}.${d.source.access}->${d.sink.stmt}.${d.sink.access} [${d.distance.join(',')}]`;
}

describe('affine helpers', () => {
  it('parses and renders the small affine language', () => {
    expect(parseAffine('2*i - j + k + 3')).toEqual({ constant: 3, terms: { i: 2, j: -1, k: 1 } });
    expect(parseAffine('-i')).toEqual({ constant: 0, terms: { i: -1 } });
    expect(parseAffine('n - 1 - i + i')).toEqual({ constant: -1, terms: { n: 1 } });
    expect(renderAffine(parseAffine('2*i - j + 3'))).toBe('2 * i - j + 3');
    expect(renderAffine(parseAffine('-2*i - 3'))).toBe('-2 * i - 3');
    expect(renderAffine(parseAffine('0'))).toBe('0');
  });

  it('rejects text that is not affine instead of guessing', () => {
    for (const bad of ['', '2i', 'i j', 'i*j', '(i)']) expect(() => parseAffine(bad)).toThrow();
  });
});

describe('renderPython', () => {
  const model = nestModel([
    loop('i', 'n - 1', -1, -1, [loop('j', 0, 'i', 1, [assign(ref('a', 'i', 'j'), '+=', ref('b', 'j - 1'), ref('s'))])]),
  ]);

  it('renders a function whose loops and statements sit on the reported lines', () => {
    const { source, loopLines, stmtLines } = renderPython(model);
    expect(source).toBe(
      [
        'def kernel(a, b, s, n):',
        '    for i in range(n - 1, -1, -1):',
        '        for j in range(i):',
        '            a[i, j] += b[j - 1] + s',
        '',
      ].join('\n'),
    );
    expect(loopLines).toEqual([2, 3]);
    expect(stmtLines).toEqual([4]);
  });

  it('renders top-level loops', () => {
    const { source, loopLines } = renderPython(model, { form: 'toplevel' });
    expect(source.split('\n')[0]).toBe('for i in range(n - 1, -1, -1):');
    expect(loopLines).toEqual([1, 2]);
  });

  it('refuses malformed models', () => {
    expect(() => nestModel([loop('i', 0, 'n', 0, [])])).toThrow(/step/);
    expect(() => nestModel([loop('i', 0, 'n', 1, [loop('i', 0, 'n', 1, [])])])).toThrow(/already bound/);
    expect(() => nestModel([loop('i', 0, 'n', 1, [assign(ref('a', 'j'), '=')])], { symbols: ['n'] })).toThrow(/neither/);
  });
});

describe('oracle on hand-checked nests', () => {
  it('a[i] = a[i - 1] over range(1, n): flow carried by i at distance 1', () => {
    // Iteration i reads a[i - 1] (access 0) and writes a[i] (access 1); i = 1 writes a[1], i = 2 reads it.
    const model = nestModel([loop('i', 1, 'n', 1, [assign(ref('a', 'i'), '=', ref('a', 'i - 1'))])]);
    const r = oracle(model, { n: 5 });
    expect(r.dependences.map(show)).toEqual(['flow a 0.1->0.0 [1]']);
    const d = r.dependences[0]!;
    expect(d).toMatchObject({ level: 1, carrier: 0, direction: ['<'], instances: 3, direct: true });
    expect(iterationValues(d.witness.source.iteration)).toEqual({ i: 1 });
    expect(iterationValues(d.witness.sink.iteration)).toEqual({ i: 2 });
    expect(d.witness.element).toEqual([1]);
    expect(r.loops).toEqual([{ loop: 0, var: 'i', carried: true, witness: { ...d.witness, kind: 'flow', array: 'a' }, arrays: ['a'] }]);
    expect(r).toMatchObject({ iterations: 4, accesses: 8, truncated: false, extents: { a: { min: [0], max: [4] } } });
  });

  it('a[i] = a[i + 1] over range(n - 1): anti carried by i (read a[1] at i = 0, overwritten at i = 1)', () => {
    const model = nestModel([loop('i', 0, 'n - 1', 1, [assign(ref('a', 'i'), '=', ref('a', 'i + 1'))])]);
    const r = oracle(model, { n: 5 });
    expect(r.dependences.map(show)).toEqual(['anti a 0.0->0.1 [1]']);
    const w = r.loops[0]!.witness!;
    expect([iterationValues(w.source.iteration), iterationValues(w.sink.iteration), w.element]).toEqual([{ i: 0 }, { i: 1 }, [1]]);
  });

  it('a[i, j] = a[i - 1, j]: carried by i with direction (<, =); j is free', () => {
    const model = nestModel([loop('i', 1, 'n', 1, [loop('j', 0, 'm', 1, [assign(ref('a', 'i', 'j'), '=', ref('a', 'i - 1', 'j'))])])]);
    const r = oracle(model, { n: 3, m: 2 });
    expect(r.dependences.map(show)).toEqual(['flow a 0.1->0.0 [1,0]']);
    expect(r.dependences[0]).toMatchObject({ direction: ['<', '='], level: 1, carrier: 0, commonLoops: [0, 1], instances: 2 });
    expect(r.loops.map((l) => l.carried)).toEqual([true, false]);
  });

  it('a[i, j] = a[i - 1, j + 1]: distance (1, -1), direction (<, >)', () => {
    // (i, j) = (1, 1) writes a[1, 1]; (2, 0) reads a[1, 1]. The earliest such pair is the witness.
    const model = nestModel([loop('i', 1, 'n', 1, [loop('j', 0, 'm', 1, [assign(ref('a', 'i', 'j'), '=', ref('a', 'i - 1', 'j + 1'))])])]);
    const r = oracle(model, { n: 3, m: 3 });
    expect(r.dependences.map(show)).toEqual(['flow a 0.1->0.0 [1,-1]']);
    const d = r.dependences[0]!;
    expect(d.direction).toEqual(['<', '>']);
    expect(iterationValues(d.witness.source.iteration)).toEqual({ i: 1, j: 1 });
    expect(iterationValues(d.witness.sink.iteration)).toEqual({ i: 2, j: 0 });
    expect(r.loops.map((l) => l.carried)).toEqual([true, false]);
  });

  it('a reversed loop counts iterations in execution order: positive distance, original values in the witness', () => {
    // i runs 3, 2, 1, 0 (counters 0..3). i = 3 writes a[3]; i = 2 (the next iteration) reads it.
    const model = nestModel([loop('i', 'n - 2', -1, -1, [assign(ref('a', 'i'), '=', ref('a', 'i + 1'))])]);
    const r = oracle(model, { n: 5 });
    expect(r.dependences.map(show)).toEqual(['flow a 0.1->0.0 [1]']);
    const w = r.dependences[0]!.witness;
    expect(w.source.iteration).toEqual([{ loop: 0, var: 'i', counter: 0, value: 3 }]);
    expect(w.sink.iteration).toEqual([{ loop: 0, var: 'i', counter: 1, value: 2 }]);
  });

  it('step 2: distances are in iterations, not in values', () => {
    // i = 0, 2, 4, 6; i = 2 reads a[0] written by i = 0, one iteration earlier.
    const model = nestModel([loop('i', 0, 'n', 2, [assign(ref('a', 'i'), '=', ref('a', 'i - 2'))])]);
    expect(oracle(model, { n: 7 }).dependences.map(show)).toEqual(['flow a 0.1->0.0 [1]']);
  });

  it('a scalar sum: every distance, with only distance 1 direct; the loop-independent anti is not carried', () => {
    // Accesses per iteration: read s (0), read a[i] (1), write s (2).
    const model = nestModel([loop('i', 0, 'n', 1, [assign(ref('s'), '+=', ref('a', 'i'))])]);
    const r = oracle(model, { n: 4 });
    expect(r.dependences.map((d) => `${show(d)} ${d.direct ? 'direct' : 'killed'}`)).toEqual([
      'anti s 0.0->0.2 [0] direct',
      'anti s 0.0->0.2 [1] killed',
      'anti s 0.0->0.2 [2] killed',
      'anti s 0.0->0.2 [3] killed',
      'flow s 0.2->0.0 [1] direct',
      'flow s 0.2->0.0 [2] killed',
      'flow s 0.2->0.0 [3] killed',
      'output s 0.2->0.2 [1] direct',
      'output s 0.2->0.2 [2] killed',
      'output s 0.2->0.2 [3] killed',
    ]);
    expect(r.dependences[0]!.level).toBeNull();
    // Earliest carried pair: the read of s at i = 0 (time 0) against the write at i = 1 (time 5).
    const w = r.loops[0]!.witness!;
    expect([w.kind, w.source.time, w.sink.time]).toEqual(['anti', 0, 5]);
    expect(r.extents.s).toEqual({ min: [], max: [] });
  });

  it('a dependence inside one iteration is loop-independent', () => {
    const model = nestModel([loop('i', 0, 'n', 1, [assign(ref('a', 'i'), '=', ref('c', 'i')), assign(ref('b', 'i'), '=', ref('a', 'i'))])]);
    const r = oracle(model, { n: 4 });
    expect(r.dependences.map(show)).toEqual(['flow a 0.1->1.0 [0]']);
    expect(r.dependences[0]).toMatchObject({ level: null, carrier: null, direction: ['='] });
    expect(r.loops[0]!.carried).toBe(false);
  });

  it('an imperfect nest: distances only over the common loop', () => {
    // S0 (in i) writes a[i]; S1 (in i, j) reads a[j]. Same element when j = i: the read in a later i is
    // flow, in an earlier i is anti, and in the same i (after S0) loop-independent flow.
    const model = nestModel([
      loop('i', 0, 'n', 1, [
        assign(ref('a', 'i'), '=', ref('c', 'i')),
        loop('j', 0, 'n', 1, [assign(ref('b', 'i', 'j'), '=', ref('a', 'j'))]),
      ]),
    ]);
    const r = oracle(model, { n: 3 });
    expect(r.dependences.map(show)).toEqual([
      'flow a 0.1->1.0 [0]',
      'flow a 0.1->1.0 [1]',
      'flow a 0.1->1.0 [2]',
      'anti a 1.0->0.1 [1]',
      'anti a 1.0->0.1 [2]',
    ]);
    expect(r.dependences.every((d) => d.commonLoops.length === 1)).toBe(true);
    expect(r.loops.map((l) => l.carried)).toEqual([true, false]);
  });

  it('triangular bounds enumerate exactly the triangle', () => {
    const model = nestModel([loop('i', 0, 'n', 1, [loop('j', 0, 'i', 1, [assign(ref('a', 'i', 'j'), '=', ref('a', 'j', 'i'))])])]);
    const r = oracle(model, { n: 5 });
    expect(r.iterations).toBe(5 + 10);
    // Strict lower triangle written, strict upper read: never the same element.
    expect(r.dependences).toEqual([]);
  });

  it('reports truncation instead of running away', () => {
    const model = nestModel([loop('i', 0, 'n', 1, [loop('j', 0, 'n', 1, [assign(ref('a', 'i', 'j'), '=', ref('a', 'j', 'i'))])])]);
    const r = oracle(model, { n: 1000 }, { maxIterations: 500 });
    expect(r).toMatchObject({ truncated: true, iterations: 500 });
  });

  it('requires a binding for every symbol', () => {
    const model = nestModel([loop('i', 0, 'n', 1, [assign(ref('a', 'i + k'), '=')])]);
    expect(() => oracle(model, { n: 3 })).toThrow(/k needs an integer binding/);
  });
});

/** Naive re-derivation: every ordered pair of events, no grouping; keys are kind|source|sink|distance. */
function naiveKeys(model: LoopNestModel, bindings: Record<string, number>): { keys: Set<string>; carried: Set<number> } {
  const { events } = traceAccesses(model, bindings);
  const keys = new Set<string>();
  const carried = new Set<number>();
  for (let q = 0; q < events.length; q++) {
    for (let p = 0; p < q; p++) {
      const s = events[p]!;
      const t = events[q]!;
      if (s.array !== t.array || s.element.join() !== t.element.join() || (s.mode === 'read' && t.mode === 'read')) continue;
      const kind = s.mode === 'write' ? (t.mode === 'write' ? 'output' : 'flow') : 'anti';
      const distance: number[] = [];
      for (let d = 0; d < Math.min(s.iteration.length, t.iteration.length) && s.iteration[d]!.loop === t.iteration[d]!.loop; d++) {
        distance.push(t.iteration[d]!.counter - s.iteration[d]!.counter);
      }
      keys.add(`${kind}|${s.stmt}.${s.access}|${t.stmt}.${t.access}|${distance.join(',')}`);
      // Carried by L: both in the same instance of L (equal counters outside it) at different iterations.
      for (let d = 0; d < distance.length; d++) {
        if (distance[d] !== 0) {
          carried.add(s.iteration[d]!.loop);
          break;
        }
      }
    }
  }
  return { keys, carried };
}

describe('oracle properties', () => {
  it('rendering puts every loop and statement on its declared line', () => {
    fc.assert(
      fc.property(nestCaseArb(), ({ model }) => {
        for (const form of ['function', 'toplevel'] as const) {
          const { source, loopLines, stmtLines } = renderPython(model, { form });
          const lines = source.split('\n');
          const loops = loopsOf(model);
          expect(loopLines).toHaveLength(loops.length);
          expect(lines.filter((l) => l.trimStart().startsWith('for ')).length).toBe(loops.length);
          loops.forEach((l, id) => expect(lines[loopLines[id]! - 1]!.trimStart().startsWith(`for ${l.var} in range(`)).toBe(true));
          stmtsOf(model).forEach((s, id) => expect(lines[stmtLines[id]! - 1]!.trimStart().startsWith(s.target.array)).toBe(true));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and internally consistent', () => {
    fc.assert(
      fc.property(nestCaseArb(), ({ model, bindings }) => {
        const r = oracle(model, bindings);
        // JSON text rather than toEqual: results can hold thousands of dependences and deep equality is slow.
        expect(JSON.stringify(oracle(model, bindings))).toBe(JSON.stringify(r));
        expect(r.truncated).toBe(false);
        const problems: string[] = [];
        for (const d of r.dependences) {
          // The source runs first, so the first non-zero distance is positive.
          const first = d.distance.find((x) => x !== 0);
          if (first !== undefined && first <= 0) problems.push(`${show(d)}: lexicographically negative`);
          if (d.level === null ? first !== undefined : d.distance[d.level - 1] !== first) problems.push(`${show(d)}: level ${d.level}`);
          if (d.carrier !== (d.level === null ? null : d.commonLoops[d.level - 1])) problems.push(`${show(d)}: carrier ${d.carrier}`);
          if (d.direction.join() !== d.distance.map((x) => (x > 0 ? '<' : x < 0 ? '>' : '=')).join())
            problems.push(`${show(d)}: direction`);
          if (d.witness.source.time >= d.witness.sink.time) problems.push(`${show(d)}: witness order`);
          d.commonLoops.forEach((id, k) => {
            const s = d.witness.source.iteration[k];
            const t = d.witness.sink.iteration[k];
            if (s?.loop !== id || t?.loop !== id || t.counter - s.counter !== d.distance[k])
              problems.push(`${show(d)}: witness level ${k + 1}`);
          });
        }
        for (const l of r.loops)
          if (l.carried !== r.dependences.some((d) => d.carrier === l.loop)) problems.push(`loop ${l.loop}: carried`);
        expect(problems).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('agrees with a naive all-pairs derivation', () => {
    fc.assert(
      fc.property(nestCaseArb(), ({ model, bindings }) => {
        const r = oracle(model, bindings);
        const naive = naiveKeys(model, bindings);
        const keys = new Set(
          r.dependences.map((d) => `${d.kind}|${d.source.stmt}.${d.source.access}|${d.sink.stmt}.${d.sink.access}|${d.distance.join(',')}`),
        );
        expect([...keys].sort()).toEqual([...naive.keys].sort());
        expect(r.loops.filter((l) => l.carried).map((l) => l.loop)).toEqual([...naive.carried].sort((a, b) => a - b));
      }),
      { numRuns: 200 },
    );
  });

  // CPython is not a dependency of the test suite; when it is present, it checks the rendering is valid Python.
  const python = spawnSync('python3', ['-c', 'print(1)'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!python)('renders sources CPython parses', () => {
    const sources = fc
      .sample(nestCaseArb(), { numRuns: 100, seed: 42 })
      .flatMap(({ model }) => [renderPython(model).source, renderPython(model, { form: 'toplevel' }).source]);
    const check = spawnSync('python3', ['-c', 'import ast, json, sys\nfor s in json.load(sys.stdin): ast.parse(s)'], {
      input: JSON.stringify(sources),
      encoding: 'utf8',
    });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
