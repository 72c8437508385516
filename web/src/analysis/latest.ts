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
