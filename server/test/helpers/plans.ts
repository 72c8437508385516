/** Hand-written host plans (the codegen contract's shape) for runner tests that do not need the generator. */
import type { HostPlan, KernelInfo } from '../../../analysis-core/src/codegen/plan.js';

export const axpyKernels: KernelInfo[] = [
  {
    name: 'axpy',
    nest: 0,
    gridLoops: [0],
    innerLoops: [],
    params: [
      { name: 'y', kind: 'array', dtype: 'float64' },
      { name: 'x', kind: 'array', dtype: 'float64' },
      { name: 'alpha', kind: 'float', dtype: 'float64' },
      { name: 'n', kind: 'int', dtype: 'int64' },
    ],
    reductions: [],
    lineMap: [],
    serial: false,
    blockSync: false,
  },
  {
    name: 'mark',
    nest: 1,
    gridLoops: [2],
    innerLoops: [],
    params: [
      { name: 'k', kind: 'array', dtype: 'int32' },
      { name: 't', kind: 'int', dtype: 'int32' },
    ],
    reductions: [],
    lineMap: [],
    serial: false,
    blockSync: false,
  },
];

/** y += alpha * x (one launch), then for t in range(4): k[t] = t + 1 (one launch per t, a host loop). */
export const axpyPlan: HostPlan = {
  arrays: [
    { name: 'x', dtype: 'float64', shape: [10], role: 'in' },
    { name: 'y', dtype: 'float64', shape: [10], role: 'inout' },
    { name: 'k', dtype: 'int32', shape: [4], role: 'out' },
  ],
  scalars: [
    { name: 'alpha', kind: 'float', value: 2 },
    { name: 'n', kind: 'int', value: 10 },
  ],
  steps: [
    {
      kind: 'launch',
      kernel: 'axpy',
      grid: [1, 1, 1],
      block: [256, 1, 1],
      args: [
        { kind: 'array', name: 'y' },
        { kind: 'array', name: 'x' },
        { kind: 'float', name: 'alpha', value: 2 },
        { kind: 'int', name: 'n', value: 10 },
      ],
    },
    {
      kind: 'host-loop',
      var: 't',
      start: 0,
      stop: 4,
      step: 1,
      body: [
        {
          kind: 'launch',
          kernel: 'mark',
          grid: [1, 1, 1],
          block: [32, 1, 1],
          args: [
            { kind: 'array', name: 'k' },
            { kind: 'loopvar', name: 't' },
          ],
        },
      ],
    },
  ],
  missing: [],
};
