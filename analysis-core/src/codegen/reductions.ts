/**
 * Cross-thread reductions in a grid kernel. A target that is the same for the whole launch gets a
 * per-thread partial, combined by a tree in shared memory (every thread of the block takes part, hence no
 * early returns in kernels) and one atomic per block into the target; a target that changes inside the
 * kernel gets one atomic per update instead (`direct`).
 */
import type { Dtype } from '../bindings.js';
import type { ReductionOp } from '../transforms/reduction.js';
import { atomicCall, atomicOpName, combineExpr, type HelperName } from './helpers.js';
import { dtypeCType } from './types.js';
import type { CodeWriter } from './writer.js';

export interface PartialReduction {
  readonly kind: 'partial';
  readonly variable: string;
  readonly op: ReductionOp;
  readonly dtype: Dtype;
  /** The thread's accumulator (a local). */
  readonly partial: string;
  /** Address of the target, as C (evaluated after the body). */
  readonly target: () => string;
  readonly stmts: ReadonlySet<number>;
}

export interface DirectReduction {
  readonly kind: 'direct';
  readonly variable: string;
  readonly op: ReductionOp;
  readonly dtype: Dtype;
  readonly stmts: ReadonlySet<number>;
}

export type ReductionPlan = PartialReduction | DirectReduction;

/** The block-level combine of every partial, after the thread's body. */
export function emitBlockReduction(w: CodeWriter, partials: readonly PartialReduction[], helpers: Set<HelperName>): void {
  if (partials.length === 0) return;
  w.line("// Combine the threads' partial results: a tree in shared memory, then one atomic per block.");
  w.line('const int loupe_tid = threadIdx.x + blockDim.x * (threadIdx.y + blockDim.y * threadIdx.z);');
  w.line('const int loupe_threads = blockDim.x * blockDim.y * blockDim.z; // a power of two (the plan launches 256)');
  for (const r of partials) {
    w.line(`__shared__ ${dtypeCType(r.dtype)} ${r.partial}_s[256];`);
    w.line(`${r.partial}_s[loupe_tid] = ${r.partial};`);
  }
  w.line('__syncthreads();');
  w.line('for (int loupe_w = loupe_threads / 2; loupe_w > 0; loupe_w /= 2) {');
  w.indent();
  w.line('if (loupe_tid < loupe_w) {');
  w.indent();
  for (const r of partials) {
    const s = `${r.partial}_s`;
    w.line(`${s}[loupe_tid] = ${combineExpr(atomicOpName(r.op), r.dtype, `${s}[loupe_tid]`, `${s}[loupe_tid + loupe_w]`)};`);
  }
  w.dedent();
  w.line('}');
  w.line('__syncthreads();');
  w.dedent();
  w.line('}');
  w.line('if (loupe_tid == 0) {');
  w.indent();
  for (const r of partials) w.line(`${atomicCall(atomicOpName(r.op), r.dtype, r.target(), `${r.partial}_s[0]`, (h) => helpers.add(h))};`);
  w.dedent();
  w.line('}');
}
