import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisClient, type AnalysisInput, type WorkerLike } from '../src/analysis/client';
import { Coalescer, LatestGate, debounce } from '../src/analysis/latest';
import { failedReport, toPlain, type AnalysisRequest, type AnalysisResponse, type AnalysisResult } from '../src/analysis/protocol';

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

const input = (source: string): AnalysisInput => ({ source, version: 1, overrides: {} });

function resultOf(version: number): AnalysisResult {
  return {
    version,
    source: '',
    report: failedReport('x'),
    comment: null,
    cuda: { ok: false, error: 'none' },
    effective: {},
    bindingErrors: [],
    workerMs: 0,
  };
}

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

  reply(id: number, version = id): void {
    this.onMessage?.({ data: { id, result: resultOf(version) } } as unknown as MessageEvent<AnalysisResponse>);
  }

  fail(message: string): void {
    this.onError?.({ message } as ErrorEvent);
  }
}

describe('AnalysisClient', () => {
  it('sends each source with a fresh id and resolves with the result', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze(input('for i in range(3): pass'));
    expect(worker.received).toEqual([{ id: 1, source: 'for i in range(3): pass', version: 1, overrides: {} }]);
    worker.reply(1, 7);
    await expect(p).resolves.toEqual(resultOf(7));
  });

  it('resolves a stale response (older than the latest delivered) to null', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const older = client.analyze(input('old'));
    const newer = client.analyze(input('new'));
    worker.reply(2);
    worker.reply(1);
    await expect(newer).resolves.toMatchObject({ version: 2 });
    await expect(older).resolves.toBeNull();
  });

  it('delivers an older response that arrives before any newer one', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const first = client.analyze(input('a'));
    const second = client.analyze(input('b'));
    worker.reply(1);
    worker.reply(2);
    await expect(first).resolves.toMatchObject({ version: 1 });
    await expect(second).resolves.toMatchObject({ version: 2 });
  });

  it('only ever shows results in increasing id order', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const shown: number[] = [];
    const all = [1, 2, 3, 4, 5].map(() => client.analyze(input('x')).then((r) => r && shown.push(r.version)));
    for (const id of [3, 1, 5, 2, 4]) worker.reply(id);
    await Promise.all(all);
    expect(shown).toEqual([3, 5]);
  });

  it('ignores responses it did not ask for', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze(input('a'));
    worker.reply(42);
    worker.reply(1);
    await expect(p).resolves.toMatchObject({ version: 1 });
  });

  it('rejects pending requests when the worker fails or the client is disposed', async () => {
    const worker = new FakeWorker();
    const client = new AnalysisClient(worker);
    const p = client.analyze(input('a'));
    worker.fail('wasm missing');
    await expect(p).rejects.toThrow('wasm missing');

    const q = client.analyze(input('b'));
    client.dispose();
    expect(worker.terminated).toBe(true);
    await expect(q).rejects.toThrow('disposed');
    await expect(client.analyze(input('c'))).rejects.toThrow('disposed');
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

describe('Coalescer', () => {
  /** A job runner whose jobs finish when the test says so. */
  function runner() {
    const started: string[] = [];
    const finish: (() => void)[] = [];
    const run = (v: string): Promise<void> =>
      new Promise<void>((resolve) => {
        started.push(v);
        finish.push(resolve);
      });
    return { started, finish, run };
  }
  const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

  it('runs at once when idle', () => {
    const r = runner();
    new Coalescer(r.run).submit('a');
    expect(r.started).toEqual(['a']);
  });

  it('keeps only the newest submission while busy, and runs it next', async () => {
    const r = runner();
    const c = new Coalescer(r.run);
    c.submit('a');
    c.submit('b');
    c.submit('c');
    expect(r.started).toEqual(['a']);
    expect(c.busy).toBe(true);
    r.finish[0]!();
    await tick();
    expect(r.started).toEqual(['a', 'c']);
    r.finish[1]!();
    await tick();
    expect(c.busy).toBe(false);
  });

  it('goes on after a failing job, and cancel drops the waiting one', async () => {
    let calls = 0;
    const c = new Coalescer<string>(() => {
      calls++;
      return Promise.reject(new Error('no'));
    });
    c.submit('a');
    c.submit('b');
    await tick();
    await tick();
    expect(calls).toBe(2);
    const r = runner();
    const d = new Coalescer(r.run);
    d.submit('x');
    d.submit('y');
    d.cancel();
    r.finish[0]!();
    await tick();
    expect(r.started).toEqual(['x']);
  });
});
