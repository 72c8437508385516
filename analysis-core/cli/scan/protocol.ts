/** Messages between the scan's main thread and its workers (structured-cloned, so plain data only). */
import type { FileResult } from './types.js';

export interface WorkerInit {
  /** URL of an engine module (see `engine.ts`); tests pass a stand-in. */
  readonly engineUrl: string;
}

/** Main → worker: scan this file. */
export interface WorkRequest {
  readonly id: number;
  readonly path: string;
}

/** Worker → main. */
export type WorkerMessage =
  | { readonly kind: 'ready' }
  /** The file's loops before its analysis starts: what is still known if the analysis never returns. */
  | { readonly kind: 'outline'; readonly id: number; readonly partial: FileResult }
  | { readonly kind: 'result'; readonly id: number; readonly result: FileResult }
  /** The engine could not be created: no file can be scanned, so the whole scan stops. */
  | { readonly kind: 'fatal'; readonly message: string };
