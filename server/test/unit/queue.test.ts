import { describe, expect, it } from 'vitest';
import { QueueFullError, QueueTimeoutError, WorkQueue } from '../../src/queue/queue.js';

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe('WorkQueue', () => {
  it('runs one job at a time, in arrival order', async () => {
    const q = new WorkQueue({ name: 'run', concurrency: 1, maxWaiting: 10 });
    const order: string[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const jobs = gates.map((g, i) =>
      q.run(async () => {
        order.push(`start ${i}`);
        await g.promise;
        order.push(`end ${i}`);
        return i;
      }),
    );
    await Promise.resolve();
    expect(q.stats).toEqual({ running: 1, waiting: 2 });
    gates[2]!.resolve();
    gates[1]!.resolve();
    gates[0]!.resolve();
    expect(await Promise.all(jobs)).toEqual([0, 1, 2]);
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
    expect(q.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when a job fails', async () => {
    const q = new WorkQueue({ name: 'run', concurrency: 1, maxWaiting: 10 });
    await expect(q.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await q.run(() => Promise.resolve(42))).toBe(42);
  });

  it('rejects at once when the waiting line is full, and drops jobs that wait too long', async () => {
    const q = new WorkQueue({ name: 'run', concurrency: 1, maxWaiting: 1, maxWaitMs: 30 });
    const gate = deferred();
    const running = q.run(() => gate.promise);
    const waiting = q.run(() => Promise.resolve('late'));
    await expect(q.run(() => Promise.resolve('x'))).rejects.toBeInstanceOf(QueueFullError);
    await expect(waiting).rejects.toBeInstanceOf(QueueTimeoutError);
    gate.resolve();
    await running;
    expect(q.stats).toEqual({ running: 0, waiting: 0 });
  });

  it('allows `concurrency` jobs at once', async () => {
    const q = new WorkQueue({ name: 'compile', concurrency: 2, maxWaiting: 10 });
    let live = 0;
    let peak = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        q.run(async () => {
          peak = Math.max(peak, ++live);
          await new Promise((r) => setTimeout(r, 5));
          live--;
        }),
      ),
    );
    expect(peak).toBe(2);
  });
});
