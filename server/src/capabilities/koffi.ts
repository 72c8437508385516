import type * as KoffiModule from 'koffi';
import { errorMessage } from './types.js';

export type Koffi = typeof KoffiModule;
export type LibraryHandle = KoffiModule.LibraryHandle;

let koffiPromise: Promise<Koffi> | undefined;

/**
 * Loads koffi on first use, so the server starts (and reports "unavailable") even where koffi's native
 * binary is missing. Named koffi types are process-global: any module that needs one must declare it once,
 * at its own module scope, after awaiting this.
 */
export function loadKoffi(): Promise<Koffi> {
  koffiPromise ??= import('koffi').then((mod) => ((mod as unknown as { default?: Koffi }).default ?? mod) as Koffi);
  return koffiPromise;
}

export interface OpenedLibrary {
  lib: LibraryHandle;
  /** The candidate that loaded (a path, or a bare name resolved by the system loader). */
  path: string;
  /** Every candidate tried, in order, including the one that loaded. */
  searched: string[];
}

/** Thrown when no candidate loads. Unlike koffi's own error, the message names the library and every path tried. */
export class LibraryNotFoundError extends Error {
  constructor(
    readonly library: string,
    readonly searched: string[],
    readonly failures: string[],
  ) {
    super(
      `${library} was not found or could not be loaded. Tried: ${searched.join(', ') || '(nothing)'}.` +
        (failures.length ? ` Errors: ${failures.join('; ')}` : ''),
    );
    this.name = 'LibraryNotFoundError';
  }
}

/**
 * Tries each candidate in order with koffi.load. Candidates are absolute paths (only those that exist
 * are reached by the caller's filtering) or bare names left to the system loader.
 */
export async function openFirst(library: string, candidates: string[]): Promise<OpenedLibrary> {
  let koffi: Koffi;
  try {
    koffi = await loadKoffi();
  } catch (err) {
    throw new LibraryNotFoundError(library, [], [`koffi could not be loaded (${errorMessage(err)})`]);
  }
  const searched: string[] = [];
  const failures: string[] = [];
  for (const candidate of candidates) {
    searched.push(candidate);
    try {
      return { lib: koffi.load(candidate), path: candidate, searched };
    } catch (err) {
      failures.push(`${candidate}: ${errorMessage(err)}`);
    }
  }
  throw new LibraryNotFoundError(library, searched, failures);
}
