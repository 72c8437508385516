import { describe, expect, it } from 'vitest';
import type { RunReply, StoredLink } from '../src/api/server';
import { linkIdOf } from '../src/api/server';
import { linkBody, restoreFromLink } from '../src/state/share';
import { initialState, reducer, runBindings, sharedDefaults } from '../src/state/store';

const SOURCE = 'for i in range(n):\n    a[i] = b[i]\n';
const REPLY = { correct: true, runners: { cpython: { available: true, medianMs: 1 } } } as unknown as RunReply;

function stored(body: ReturnType<typeof linkBody>): StoredLink {
  return { id: 'aZ3k9QxB', url: '/s/aZ3k9QxB', createdAt: '2025-01-01T00:00:00.000Z', loupeVersion: '0.1.0', ...body };
}

describe('short links', () => {
  it('round-trips source, bindings, view and results', () => {
    const shared = { ...sharedDefaults(SOURCE), tab: 'run' as const, overrides: { n: '8' }, selectedLoop: 0 };
    const body = linkBody(shared, { n: '8', a: 'float64[8]' }, ['cpu-emulation'], 2, {
      reply: REPLY,
      source: SOURCE,
      bindings: { n: '4' },
    });
    const back = restoreFromLink(JSON.parse(JSON.stringify(stored(body))) as StoredLink);
    expect(back.shared).toEqual(shared);
    expect(back.bindings).toEqual({ n: '8', a: 'float64[8]' });
    expect(back.runners).toEqual(['cpu-emulation']);
    expect(back.repetitions).toBe(2);
    expect(back.results).toEqual(REPLY);
    expect(back.resultsSource).toBe(SOURCE);
    expect(back.resultsBindings).toEqual({ n: '4' });
    expect(back.createdAt).toBe('2025-01-01T00:00:00.000Z');
  });

  it('remembers results measured for another source as such', () => {
    const body = linkBody(sharedDefaults(SOURCE), { n: '8' }, ['cpu-emulation'], 1, {
      reply: REPLY,
      source: 'x = 1\n',
      bindings: { n: '8' },
    });
    const back = restoreFromLink(stored(body));
    expect(back.resultsSource).toBeNull();
    expect(back.results).toEqual(REPLY);
  });

  it('falls back to defaults for a malformed view and no results', () => {
    const back = restoreFromLink({
      ...stored(linkBody(sharedDefaults(SOURCE), {}, [], 1, null)),
      view: 'junk',
      results: null,
      bindings: null,
    });
    expect(back.shared).toEqual(sharedDefaults(SOURCE));
    expect(back.results).toBeNull();
    expect(back.bindings).toEqual({});
    expect(back.runners.length).toBeGreaterThan(0);
  });

  it('reads the id from #s=', () => {
    expect(linkIdOf('#s=aZ3k9QxB')).toBe('aZ3k9QxB');
    expect(linkIdOf('#c=abc')).toBeNull();
    expect(linkIdOf('#s=../x')).toBeNull();
  });

  it('the store freezes linked results and drops them on a new run', () => {
    const s0 = initialState(sharedDefaults('x = 1\n'), { theme: 'light', presentation: false });
    const link = restoreFromLink(
      stored(
        linkBody({ ...sharedDefaults(SOURCE), tab: 'run' }, { n: '8' }, ['cpu-emulation'], 1, {
          reply: REPLY,
          source: SOURCE,
          bindings: { n: '8' },
        }),
      ),
    );
    const s1 = reducer(s0, { kind: 'linkLoaded', link });
    expect(s1.source).toBe(SOURCE);
    expect(s1.tab).toBe('run');
    expect(s1.loadSeq).toBe(1);
    expect(s1.run.reply).toEqual(REPLY);
    expect(s1.run.frozenAt).toBe(link.createdAt);
    expect(s1.run.source).toBe(SOURCE);
    expect(s1.run.bindings).toEqual({ n: '8' });
    const s2 = reducer(s1, { kind: 'runStarted', source: SOURCE, bindings: { n: '8' } });
    expect(s2.run.running).toBe(true);
    expect(s2.run.reply).toBeNull();
    expect(s2.run.frozenAt).toBeNull();
  });

  it('run values: the Run pane overrides the effective values, blank removes', () => {
    expect(runBindings({ n: '64', a: 'float64[64]' }, { n: '8', a: 'float64[8]' })).toEqual({ n: '8', a: 'float64[8]' });
    expect(runBindings({ n: '64', m: '3' }, { m: ' ' })).toEqual({ n: '64' });
  });
});
