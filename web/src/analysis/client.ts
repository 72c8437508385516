/**
 * Promise-based client for the analysis worker. Every request gets an id; a response older than one
 * already delivered resolves to `null` (stale) instead of overwriting fresher results.
 */
import { LatestGate } from './latest';
import type { AnalysisRequest, AnalysisResponse, AnalysisResult } from './protocol';

/** The part of `Worker` the client uses, so tests can pass a fake. */
export interface WorkerLike {
  postMessage(message: AnalysisRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<AnalysisResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

interface Pending {
  resolve(result: AnalysisResult | null): void;
  reject(error: Error): void;
}

export type AnalysisInput = Omit<AnalysisRequest, 'id'>;

export class AnalysisClient {
  private readonly gate = new LatestGate();
  private readonly pending = new Map<number, Pending>();
  private disposed = false;

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (event: MessageEvent<AnalysisResponse>) => this.receive(event.data));
    worker.addEventListener('error', (event: ErrorEvent) => this.failAll(new Error(event.message || 'analysis worker failed')));
  }

  /** Resolves with the result, or with `null` when a newer request's result was delivered first. */
  analyze(input: AnalysisInput): Promise<AnalysisResult | null> {
    if (this.disposed) return Promise.reject(new Error('analysis client disposed'));
    const id = this.gate.next();
    return new Promise<AnalysisResult | null>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, ...input });
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.worker.terminate();
    this.failAll(new Error('analysis client disposed'));
  }

  private receive(response: AnalysisResponse): void {
    const waiter = this.pending.get(response.id);
    if (!waiter) return;
    this.pending.delete(response.id);
    if (!this.gate.accept(response.id)) {
      waiter.resolve(null);
      return;
    }
    waiter.resolve(response.result);
    // Anything still pending with an older id can only ever be stale now.
    for (const [id, older] of this.pending) {
      if (id < response.id) {
        this.pending.delete(id);
        older.resolve(null);
      }
    }
  }

  private failAll(error: Error): void {
    const waiters = [...this.pending.values()];
    this.pending.clear();
    for (const w of waiters) w.reject(error);
  }
}

export function createAnalysisClient(): AnalysisClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'loupe-analysis' });
  return new AnalysisClient(worker as WorkerLike);
}
