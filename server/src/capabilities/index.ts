import { detectCuda } from './cuda.js';
import { detectNvcc } from './nvcc.js';
import { detectNvrtc } from './nvrtc.js';
import { detectPython } from './python.js';
import { CAPABILITY_NAMES, errorMessage, type Capability, type CapabilityName, type CapabilityReport } from './types.js';

export * from './types.js';

export type Probe = () => Promise<Capability>;
export type Probes = Record<CapabilityName, Probe>;

export interface CapabilityService {
  /**
   * The report. Detection starts on the first call and runs once; later calls reuse the results.
   * Probes still running after `timeoutMs` are reported as unavailable with `pending: true`, so the
   * caller never waits longer than that.
   */
  report(timeoutMs?: number): Promise<CapabilityReport>;
  /** Starts detection without waiting for it (e.g. at server start). */
  warm(): void;
}

export function defaultProbes(root: string, env: NodeJS.ProcessEnv = process.env): Probes {
  return {
    nvrtc: () => detectNvrtc(root, env),
    cuda: () => detectCuda(env),
    python: () => detectPython(root, env),
    nvcc: () => detectNvcc(env),
  };
}

export function createCapabilityService(probes: Probes, defaultTimeoutMs = 8000): CapabilityService {
  let running: Map<CapabilityName, { promise: Promise<Capability>; settled?: Capability; startedAt: number }> | undefined;

  const start = () => {
    if (running) return running;
    running = new Map();
    for (const name of CAPABILITY_NAMES) {
      const entry: { promise: Promise<Capability>; settled?: Capability; startedAt: number } = {
        startedAt: Date.now(),
        promise: Promise.resolve()
          .then(() => probes[name]())
          .catch((err: unknown): Capability => ({ available: false, detail: `${name} detection failed: ${errorMessage(err)}` })),
      };
      entry.promise.then((c) => {
        entry.settled = c;
      });
      running.set(name, entry);
    }
    return running;
  };

  return {
    warm() {
      start();
    },
    async report(timeoutMs = defaultTimeoutMs) {
      const entries = start();
      const all = Promise.all([...entries.values()].map((e) => e.promise));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
      const out = {} as CapabilityReport;
      for (const name of CAPABILITY_NAMES) {
        const e = entries.get(name)!;
        out[name] = e.settled ?? {
          available: false,
          pending: true,
          detail: `${name} detection still in progress (started ${((Date.now() - e.startedAt) / 1000).toFixed(1)} s ago); ask again shortly`,
        };
      }
      return out;
    },
  };
}

const shared = new Map<string, CapabilityService>();

/** One service per repository root per process, so every app instance shares one detection run. */
export function defaultCapabilityService(root: string): CapabilityService {
  let s = shared.get(root);
  if (!s) {
    s = createCapabilityService(defaultProbes(root));
    shared.set(root, s);
  }
  return s;
}
