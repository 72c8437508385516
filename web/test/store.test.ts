import { describe, expect, it } from 'vitest';
import { failedReport, type AnalysisResult } from '../src/analysis/protocol';
import { decodeShared, encodeShared } from '../src/state/permalink';
import { initialState, reducer, sharedDefaults, sharedOf, type Action, type State } from '../src/state/store';
import { report } from './report';

const start = (): State => initialState(sharedDefaults('a = 1\n'), { theme: 'light', presentation: false });
const run = (s: State, ...actions: Action[]): State => actions.reduce(reducer, s);

async function analysed(source: string, version: number): Promise<AnalysisResult> {
  return {
    version,
    source,
    report: await report(source),
    comment: null,
    cuda: { ok: false, error: 'none' },
    effective: {},
    bindingErrors: [],
    workerMs: 1,
  };
}

describe('reducer', () => {
  it('edits update source and version; identical edits keep the same state object', () => {
    const s = run(start(), { kind: 'edit', source: 'b = 2\n', version: 2 });
    expect([s.source, s.version]).toEqual(['b = 2\n', 2]);
    expect(reducer(s, { kind: 'edit', source: 'b = 2\n', version: 2 })).toBe(s);
  });

  it('loading an example replaces the source, clears values and selections, closes the gallery', () => {
    const s = run(
      start(),
      { kind: 'setOverride', name: 'n', value: '3' },
      { kind: 'selectLoop', loop: 1 },
      { kind: 'setGallery', open: true },
      { kind: 'setTab', tab: 'graph' },
      { kind: 'loadExample', id: 'teaching/x', source: 'for i in range(3):\n    pass\n' },
    );
    expect(s).toMatchObject({
      source: 'for i in range(3):\n    pass\n',
      overrides: {},
      selectedLoop: null,
      galleryOpen: false,
      example: 'teaching/x',
      loadSeq: 1,
      tab: 'graph',
    });
  });

  it('a new analysis drops selections that no longer exist', async () => {
    const src = 'for i in range(1, n):\n    a[i] = a[i - 1]\n';
    let s = run(
      start(),
      { kind: 'analysed', result: await analysed(src, 1) },
      { kind: 'selectLoop', loop: 0 },
      { kind: 'selectDep', dep: 0 },
    );
    expect([s.selectedLoop, s.selectedDep]).toEqual([0, 0]);
    s = reducer(s, { kind: 'analysed', result: await analysed('x = 1\n', 2) });
    expect([s.selectedLoop, s.selectedDep]).toEqual([null, null]);
  });

  it('selecting another loop resets the iteration-space axes (they follow the selection)', () => {
    const s = run(start(), { kind: 'setSpace', space: { outer: 2, inner: 3, draw: { n: 4 } } }, { kind: 'selectLoop', loop: 5 });
    expect(s.space).toEqual({ outer: null, inner: null, draw: { n: 4 }, fixed: {} });
  });

  it('restoring a link brings back everything it holds and reloads the editor', () => {
    const shared = {
      ...sharedDefaults('for j in range(4):\n    b[j] = 0\n'),
      overrides: { n: '4' },
      tab: 'vectors' as const,
      selectedLoop: 0,
    };
    const s = run(start(), { kind: 'restore', shared });
    expect(sharedOf(s)).toEqual(shared);
    expect(s.loadSeq).toBe(1);
    expect(decodeShared(encodeShared(sharedOf(s)))).toEqual(shared);
  });

  it('failures keep the last good analysis on screen', async () => {
    const ok = await analysed('x = 1\n', 1);
    const s = run(start(), { kind: 'analysed', result: ok }, { kind: 'failed', message: 'worker died' });
    expect(s.analysis).toBe(ok);
    expect(s.failure).toBe('worker died');
    expect(failedReport('boom').diagnostics[0]!.message).toContain('boom');
  });

  it('preferences', () => {
    const s = run(
      start(),
      { kind: 'setTheme', theme: 'dark' },
      { kind: 'setPresentation', on: true },
      { kind: 'setGraphScope', scope: 'loop' },
    );
    expect([s.theme, s.presentation, s.graphScope]).toEqual(['dark', true, 'loop']);
  });

  it('rejects unknown actions', () => {
    expect(() => reducer(start(), { kind: 'nope' } as unknown as Action)).toThrow(/Unexpected action/);
  });
});
