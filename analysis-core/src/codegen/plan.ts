/**
 * Code generation output: CUDA kernels plus a host launch plan *as data*, so the server's GPU runner, the
 * CPU emulation and the web app all read the same plan. Also the regenerated Python baseline and its
 * `@numba.njit` twin (generated from the IR, never the user's text).
 *
 * Sizes are concrete when the bindings give every extent, dtype and scalar (the runtime stage); without
 * them the CUDA is still generated (static verdicts, extents as kernel arguments) but `plan.steps` is empty
 * and `plan.missing` names what to bind.
 */
import type { Dtype } from '../bindings.js';

export interface KernelParam {
  readonly name: string;
  readonly kind: 'array' | 'int' | 'float';
  /** Element type for arrays; for scalars the C type: ints are `int` (int32) or, when a bound value needs it, `long long` (int64); floats are `double`. */
  readonly dtype: Dtype;
}

export interface KernelInfo {
  readonly name: string;
  /** Outermost loop of the nest this kernel implements (-1: statements outside every loop). */
  readonly nest: number;
  /** Loops mapped to grid dimensions, in x, y, z order (x = innermost parallel loop, for coalescing). */
  readonly gridLoops: readonly number[];
  /** Loops kept sequential inside the kernel. */
  readonly innerLoops: readonly number[];
  readonly params: readonly KernelParam[];
  /**
   * Reduction variables combined across threads: block reduction + one atomic per block when the target is
   * the same for the whole launch; one atomic per update when it changes inside the kernel (atax's `y[j]`).
   */
  readonly reductions: readonly { readonly variable: string; readonly op: string; readonly dtype: Dtype }[];
  /** 1-based CUDA line → 1-based Python line, for hover linking. */
  readonly lineMap: readonly (readonly [number, number])[];
  /** One thread runs it (statements between nests, or a nest kept sequential); launched with grid = block = 1×1×1. */
  readonly serial: boolean;
  /** Uses `__syncthreads()` (block reductions): an emulator must run each block's threads in lockstep. */
  readonly blockSync: boolean;
}

export type PlanArg =
  | { readonly kind: 'array'; readonly name: string }
  | { readonly kind: 'int'; readonly name: string; readonly value: number }
  | { readonly kind: 'float'; readonly name: string; readonly value: number }
  | { readonly kind: 'loopvar'; readonly name: string };

export interface PlanLaunch {
  readonly kind: 'launch';
  readonly kernel: string;
  readonly grid: readonly [number, number, number];
  readonly block: readonly [number, number, number];
  /** In the kernel's parameter order. */
  readonly args: readonly PlanArg[];
}

export type PlanStep =
  | PlanLaunch
  /** A sequential loop run on the host around launches (e.g. jacobi's time loop). */
  | {
      readonly kind: 'host-loop';
      readonly var: string;
      readonly start: number;
      readonly stop: number;
      readonly step: number;
      readonly body: readonly PlanStep[];
    }
  /**
   * A loop nest with no parallel loop, or one Loupe cannot generate: runs on the host (in the CPU runner's
   * Python). `loop` is -1 for statements outside every loop. `fallback`, when present, is a one-thread
   * kernel doing the same work on the device, so a runner can execute the whole plan there.
   */
  | {
      readonly kind: 'host-only';
      readonly loop: number;
      readonly reason: string;
      readonly fallback?: PlanLaunch;
    };

export interface PlanArray {
  readonly name: string;
  readonly dtype: 'float64' | 'float32' | 'int64' | 'int32';
  readonly shape: readonly number[];
  /**
   * in: read only; out: written only; inout: both. The code may write only part of an `out` array, so
   * every runner must start it from the same contents (the emulation reads `<name>.bin` when present, else zeros).
   */
  readonly role: 'in' | 'out' | 'inout';
  /**
   * A scalar the code assigns and several kernels share (a reduction's result, a value computed between
   * nests): a one-element device array. The Python baselines return these in a dict `{name: value}`.
   */
  readonly scalar?: boolean;
}

export interface HostPlan {
  readonly arrays: readonly PlanArray[];
  readonly scalars: readonly { readonly name: string; readonly kind: 'int' | 'float'; readonly value: number }[];
  readonly steps: readonly PlanStep[];
  /** Names the bindings must give before the plan can run (sizes, dtypes, scalar values); empty when runnable. */
  readonly missing: readonly string[];
}

export interface CodegenResult {
  /** The whole translation unit: a header comment, helpers, every kernel (extern "C" names). */
  readonly cuda: string;
  readonly kernels: readonly KernelInfo[];
  readonly plan: HostPlan;
  /** Plain Python regenerated from the IR (same loops, same arithmetic), with a `kernel(...)` entry taking the plan's arrays and scalars. */
  readonly python: string;
  /** The same with `@numba.njit`. */
  readonly numba: string;
  /** The same with `@numba.njit(parallel=True)` and `prange` on parallel loops, where it applies. */
  readonly numbaParallel: string;
  /** Why some loops were not turned into kernels (user-facing). */
  readonly notes: readonly string[];
}
