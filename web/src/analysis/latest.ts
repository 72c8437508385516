/**
 * Request ids for the analysis worker, and the rule that keeps the page from going back in time:
 * a response is delivered only if its id is newer than every response delivered before it. Responses
 * may arrive in any order; an older one arriving after a newer one is dropped.
 */
export class LatestGate {
  private issued = 0;
  private delivered = 0;

  /** A fresh, strictly increasing id for the next request. */
  next(): number {
    this.issued += 1;
    return this.issued;
  }

  /** True (and remembered) when `id` is newer than the last delivered response; false when it is stale. */
  accept(id: number): boolean {
    if (id <= this.delivered || id > this.issued) return false;
    this.delivered = id;
    return true;
  }

  /** Id of the newest request issued so far (0 before any). */
  get latestIssued(): number {
    return this.issued;
  }

  /** Id of the newest response delivered so far (0 before any). */
  get latestDelivered(): number {
    return this.delivered;
  }
}

/** Calls `fn` once `delayMs` has passed without another call; `cancel` drops a pending call. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, delayMs: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = (...args: A): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, delayMs);
  };
  debounced.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return debounced;
}

/**
 * Runs at most one job at a time and never queues more than one: while a job runs, each new submission
 * replaces the waiting one, and the newest runs as soon as the current job settles. Edits therefore reach
 * the worker with no fixed delay when it is idle, and a burst of keystrokes costs one extra analysis, not one
 * per keystroke (a debounce that adapts to how long the analysis takes).
 */
export class Coalescer<T> {
  private running = false;
  private waiting: { value: T } | null = null;

  constructor(private readonly run: (value: T) => Promise<unknown>) {}

  submit(value: T): void {
    if (this.running) {
      this.waiting = { value };
      return;
    }
    this.start(value);
  }

  /** True while a job runs or waits. */
  get busy(): boolean {
    return this.running || this.waiting !== null;
  }

  cancel(): void {
    this.waiting = null;
  }

  private start(value: T): void {
    this.running = true;
    const done = (): void => {
      this.running = false;
      const next = this.waiting;
      this.waiting = null;
      if (next) this.start(next.value);
    };
    let p: Promise<unknown>;
    try {
      p = this.run(value);
    } catch {
      p = Promise.resolve();
    }
    p.then(done, done);
  }
}
