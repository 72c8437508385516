import type { PlanArray } from '../../../analysis-core/src/codegen/plan.js';

export type ArrayDtype = PlanArray['dtype'];

export const DTYPE_BYTES: Record<ArrayDtype, number> = { float64: 8, float32: 4, int64: 8, int32: 4 };

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

export function byteSize(a: Pick<PlanArray, 'dtype' | 'shape'>): number {
  return elementCount(a.shape) * DTYPE_BYTES[a.dtype];
}

/** A typed view over raw little-endian bytes (copied when unaligned, so reads never throw). */
export function view(dtype: ArrayDtype, bytes: Uint8Array): Float64Array | Float32Array | BigInt64Array | Int32Array {
  const size = DTYPE_BYTES[dtype];
  const aligned = bytes.byteOffset % size === 0 ? bytes : new Uint8Array(bytes);
  const n = Math.floor(aligned.byteLength / size);
  switch (dtype) {
    case 'float64':
      return new Float64Array(aligned.buffer, aligned.byteOffset, n);
    case 'float32':
      return new Float32Array(aligned.buffer, aligned.byteOffset, n);
    case 'int64':
      return new BigInt64Array(aligned.buffer, aligned.byteOffset, n);
    case 'int32':
      return new Int32Array(aligned.buffer, aligned.byteOffset, n);
  }
}
