import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type WorkerLike } from '../src/analysis/client';
import { LatestGate, debounce } from '../src/analysis/latest';
import { toPlain, type AnalysisRequest, type AnalysisResponse } from '../src/analysis/protocol';

describe('LatestGate', () => {
  it('issues strictly increasing ids', () => {
    const gate = new LatestGate();
    expect([gate.next(), gate.next(), gate.next()]).toEqual([1, 2, 3]);
    expect(gate.latestIssued).toBe(3);
  });

  it('delivers responses in order', () => {
    const gate = new LatestGate();
    const a = gate.next();
    const b = gate.next();
    expect(gate.accept(a)).toBe(true);
    expect(gate.accept(b)).toBe(true);
    expect(gate.latestDelivered).toBe(b);
  });

  it('drops a response older than one already delivered', () => {
    const gate = new LatestGate();
    const a = gate.next();
    const b = gate.next();
    expect(gate.accept(b)).toBe(true);
    expect(gate.accept(a)).toBe(false);
    expect(gate.latestDelivered).toBe(b);
  });

  it('drops duplicates and ids it never issued', () => {
    const gate = new LatestGate();
    const a = gate.next();
    expect(gate.accept(a)).toBe(true);
    expect(gate.accept(a)).toBe(false);
    expect(gate.accept(0)).toBe(false);
    expect(gate.accept(99)).toBe(false);
  });

  it('never goes back in time, whatever the arrival order', () => {
    for (let seed = 0; seed < 200; seed++) {
      const gate = new LatestGate();
      const ids = Array.from({ length: 8 }, () => gate.next());
      // Deterministic shuffle.
      let x = seed + 1;
      const order = [...ids].sort(() => ((x = (x * 1103515245 + 12345) % 2 ** 31) % 3) - 1);
      let shown = 0;
      for (const id of order) {
        if (gate.accept(id)) {
          expect(id).toBeGreaterThan(shown);
          shown = id;
        } else {
          expect(id).toBeLessThanOrEqual(shown);
        }
      }
      expect(shown).toBe(8);
    }
  });
});

/** A worker that answers only when the test says so, in any order. */
class FakeWorker implements WorkerLike {
  readonly received: AnalysisRequest[] = [];
  terminated = false;
  private onMessage: ((event: MessageEvent<AnalysisResponse>) => void) | null = null;
  private onError: ((event: ErrorEvent) => void) | null = null;

  postMessage(message: AnalysisRequest): void {
    this.received.push(message);
  }

  addEventListener(
    type: 'message' | 'error',
    listener: ((event: MessageEvent<AnalysisResponse>) => void) | ((event: ErrorEvent) => void),
  ): void {
    if (type === 'message') this.onMessage = listener as (event: MessageEvent<AnalysisResponse>) => void;
    else this.onError = listener as (event: ErrorEvent) => void;
  }

  terminate(): void {
    this.terminated = true;
  }

  reply(id: number, parseMs = id): void {
    this.onMessage?.({ data: { id, loops: [], diagnostics: [], parseMs } } as unknown as MessageEvent<AnalysisResponse>);
  }

  fail(message: string): void {
    this.onError?.({ message } as ErrorEvent);
  }
}

describe('AnalysisClient', () => {
  it('sends each source with a fresh id and resolves with the result', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze('for i in range(3): pass');
    expect(worker.received).toEqual([{ id: 1, source: 'for i in range(3): pass' }]);
    worker.reply(1, 0.5);
    await expect(p).resolves.toEqual({ loops: [], diagnostics: [], parseMs: 0.5 });
  });

  it('resolves a stale response (older than the latest delivered) to null', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const older = client.analyze('old');
    const newer = client.analyze('new');
    worker.reply(2);
    worker.reply(1);
    await expect(newer).resolves.toMatchObject({ parseMs: 2 });
    await expect(older).resolves.toBeNull();
  });

  it('delivers an older response that arrives before any newer one', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const first = client.analyze('a');
    const second = client.analyze('b');
    worker.reply(1);
    worker.reply(2);
    await expect(first).resolves.toMatchObject({ parseMs: 1 });
    await expect(second).resolves.toMatchObject({ parseMs: 2 });
  });

  it('only ever shows results in increasing id order', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const shown: number[] = [];
    const all = [1, 2, 3, 4, 5].map(() => client.analyze('x').then((r) => r && shown.push(r.parseMs)));
    for (const id of [3, 1, 5, 2, 4]) worker.reply(id);
    await Promise.all(all);
    expect(shown).toEqual([3, 5]);
  });

  it('ignores responses it did not ask for', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze('a');
    worker.reply(42);
    worker.reply(1);
    await expect(p).resolves.toMatchObject({ parseMs: 1 });
  });

  it('rejects pending requests when the worker fails or the client is disposed', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze('a');
    worker.fail('wasm missing');
    await expect(p).rejects.toThrow('wasm missing');

    const q = client.analyze('b');
    client.dispose();
    expect(worker.terminated).toBe(true);
    await expect(q).rejects.toThrow('disposed');
    await expect(client.analyze('c')).rejects.toThrow('disposed');
  });
});

describe('debounce', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs once with the last arguments after the delay', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 60);
    d('a');
    vi.advanceTimersByTime(30);
    d('b');
    vi.advanceTimersByTime(59);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledExactlyOnceWith('b');
  });

  it('cancel drops the pending call', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const d = debounce(fn, 60);
    d('a');
    d.cancel();
    vi.advanceTimersByTime(100);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('toPlain', () => {
  it('turns bigints into strings and keeps plain data', () => {
    expect(toPlain({ a: 1n, b: [2n, 'x'], c: { d: null } })).toEqual({ a: '1', b: ['2', 'x'], c: { d: null } });
  });
});
