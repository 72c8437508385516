/**
 * A FIFO work queue with a concurrency limit and a bound on waiting jobs. Runs go through one with
 * concurrency 1, so one GPU (and one set of CPU cores for CPython/Numba timings) serves one run at a time
 * and timings are not disturbed by a neighbour; compiles go through a wider one. A full queue rejects at
 * once (503 with Retry-After) rather than letting requests pile up behind a slow run.
 */
export class QueueFullError extends Error {
  constructor(
    readonly queue: string,
    readonly waiting: number,
  ) {
    super(`The ${queue} queue is full (${waiting} waiting): try again shortly`);
    this.name = 'QueueFullError';
  }
}

export class QueueTimeoutError extends Error {
  constructor(
    readonly queue: string,
    readonly waitedMs: number,
  ) {
    super(`Waited ${Math.round(waitedMs / 1000)} s in the ${queue} queue without starting: try again shortly`);
    this.name = 'QueueTimeoutError';
  }
}

interface Waiter {
  start: () => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

export interface QueueOptions {
  name: string;
  concurrency: number;
  /** Jobs allowed to wait (not counting running ones). */
  maxWaiting: number;
  /** Longest a job may wait before it is dropped with QueueTimeoutError (ms). */
  maxWaitMs?: number;
}

export class WorkQueue {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(readonly opts: QueueOptions) {}

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `job` when a slot is free, in arrival order. */
  async run<T>(job: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await job();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.opts.concurrency && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.opts.maxWaiting) return Promise.reject(new QueueFullError(this.opts.name, this.waiting.length));
    return new Promise<void>((resolve, reject) => {
      const since = Date.now();
      const w: Waiter = {
        start: () => {
          clearTimeout(w.timer);
          this.running++;
          resolve();
        },
        reject,
      };
      if (this.opts.maxWaitMs !== undefined) {
        w.timer = setTimeout(() => {
          const i = this.waiting.indexOf(w);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new QueueTimeoutError(this.opts.name, Date.now() - since));
        }, this.opts.maxWaitMs);
        w.timer.unref();
      }
      this.waiting.push(w);
    });
  }

  private release(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next.start();
  }
}
