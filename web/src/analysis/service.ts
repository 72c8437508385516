/**
 * The page's connection to the analysis: one worker, one coalescing queue, and the newest result. Created
 * before React renders (main.tsx) so the first analysis runs while the editor bundle is still loading.
 */
import { createAnalysisClient, type AnalysisClient, type AnalysisInput } from './client';
import { Coalescer } from './latest';
import type { AnalysisResult } from './protocol';

export type ServiceEvent =
  { readonly kind: 'result'; readonly result: AnalysisResult } | { readonly kind: 'error'; readonly message: string };

export class AnalysisService {
  private readonly queue: Coalescer<AnalysisInput>;
  private readonly listeners = new Set<(e: ServiceEvent) => void>();
  private lastEvent: ServiceEvent | null = null;
  private lastInput: AnalysisInput | null = null;

  constructor(private readonly client: AnalysisClient = createAnalysisClient()) {
    this.queue = new Coalescer((input) =>
      this.client.analyze(input).then(
        (result) => {
          if (result) this.emit({ kind: 'result', result });
        },
        (err: unknown) => this.emit({ kind: 'error', message: err instanceof Error ? err.message : String(err) }),
      ),
    );
  }

  /** Analyse this source with these values (skipped when identical to the last request). */
  submit(input: AnalysisInput): void {
    const last = this.lastInput;
    if (last && last.version === input.version && last.source === input.source && sameValues(last.overrides, input.overrides)) return;
    this.lastInput = input;
    this.queue.submit(input);
  }

  /** Listen for results; a result that arrived before subscribing is delivered at once. */
  subscribe(listener: (e: ServiceEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.lastEvent) listener(this.lastEvent);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.queue.cancel();
    this.client.dispose();
  }

  private emit(e: ServiceEvent): void {
    this.lastEvent = e;
    for (const l of this.listeners) l(e);
  }
}

function sameValues(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
