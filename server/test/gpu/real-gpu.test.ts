/**
 * Real GPU execution, where libcuda.so.1 and a device exist; skipped with a printed reason elsewhere. Each
 * GPU test has a CPU twin that always runs: the same program through the CPU emulation, compared with
 * CPython the same way, so the path up to the driver is exercised on every machine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeParsed, parseBindings } from '@loupe/analysis-core';
import { nodeParser } from '../../../analysis-core/node/parser.js';
import { EMULATION_SHIM, emulationMain } from '../../../analysis-core/src/codegen/emulation.js';
import { generate } from '../../../analysis-core/src/codegen/generate.js';
import { defaultCapabilityService } from '../../src/capabilities/index.js';
import { CudaError } from '../../src/nvrtc/driver.js';
import { CompilerService } from '../../src/nvrtc/compiler.js';
import { repoRoot } from '../../src/paths.js';
import { findCxx } from '../../src/runners/emulation.js';
import { realGpuService } from '../../src/runners/gpuService.js';
import { executeRun, type RunnerName } from '../../src/runners/run.js';
import { SAXPY, testEnv } from '../helpers/app.js';

const gpuService = realGpuService();
const status = await gpuService.status();
const gpu = status.available;
if (!status.available) console.warn(`[skip] real-GPU tests: no GPU (${status.reason}); their CPU twins run instead`);

const env = testEnv('realgpu');
afterAll(env.cleanup);

const REDUCTION = `def kernel(n, a, b):
    s = 0.0
    for i in range(n):
        s += a[i] * b[i]
    return s
`;

async function run(source: string, raw: [string, string | number][], runners: RunnerName[]) {
  const parser = await nodeParser();
  const { bindings } = parseBindings(raw);
  const code = generate(analyzeParsed(parser.parse(source), source, bindings), bindings);
  return executeRun(
    { source, bindings, code, runners, repetitions: 3, seed: 11, deadline: Date.now() + 120_000 },
    {
      parser: Promise.resolve(parser),
      capabilities: defaultCapabilityService(repoRoot()),
      compilers: new CompilerService({ root: repoRoot() }),
      gpu: gpuService,
      emulation: { shim: EMULATION_SHIM, main: emulationMain },
      generate,
      tmpDir: env.dir,
    },
  );
}

const saxpy: [string, string | number][] = [
  ['n', 100_000],
  ['alpha', 2.5],
  ['x', 'float64[100000]'],
  ['y', 'float64[100000]'],
];
const dot: [string, string | number][] = [
  ['n', 50_000],
  ['a', 'float64[50000]'],
  ['b', 'float64[50000]'],
];

const cpuReady = async () => {
  const py = (await defaultCapabilityService(repoRoot()).report(20_000)).python;
  const cxx = await findCxx();
  if (!py.available || typeof py.numpy !== 'string') return `no Python with NumPy: ${py.detail}`;
  return 'error' in cxx ? cxx.error : '';
};

describe('GPU runner on a real device', () => {
  it.skipIf(!gpu)(
    'runs saxpy on the GPU with output equal to CPython, timing kernel and end to end',
    async () => {
      const r = await run(SAXPY, saxpy, ['gpu']);
      expect(r.runners.gpu, JSON.stringify(r.runners.gpu)).toMatchObject({ available: true, correct: true });
      expect(r.runners.gpu!.kernel!.medianMs).toBeGreaterThan(0);
      expect(r.runners.gpu!.endToEnd!.medianMs).toBeGreaterThanOrEqual(r.runners.gpu!.kernel!.medianMs);
      expect(r.device?.name).toBeTruthy();
      expect(r.correct).toBe(true);
    },
    120_000,
  );

  it('CPU twin: saxpy through the CPU emulation equals CPython', async (ctx) => {
    const why = await cpuReady();
    if (why) return ctx.skip(why);
    const r = await run(SAXPY, saxpy, ['cpu-emulation']);
    expect(r.runners['cpu-emulation']).toMatchObject({ available: true, correct: true });
    expect(r.correct).toBe(true);
  }, 120_000);

  it.skipIf(!gpu)(
    'runs a block reduction with atomics on the GPU, equal to CPython within tolerance',
    async () => {
      const r = await run(REDUCTION, dot, ['gpu']);
      expect(r.runners.gpu, JSON.stringify(r.runners.gpu)).toMatchObject({ available: true, correct: true });
    },
    120_000,
  );

  it('CPU twin: the block reduction through the CPU emulation equals CPython', async (ctx) => {
    const why = await cpuReady();
    if (why) return ctx.skip(why);
    const r = await run(REDUCTION, dot, ['cpu-emulation']);
    expect(r.runners['cpu-emulation']).toMatchObject({ available: true, correct: true });
  }, 120_000);

  it.skipIf(!gpu)('maps a driver error on the real device to a named CudaError', () => {
    if (!status.available) return;
    const d = status.driver;
    d.init();
    const dev = d.deviceGet(status.device.ordinal);
    d.ctxSetCurrent(d.primaryCtxRetain(dev));
    try {
      expect(() => d.moduleLoadData('this is not PTX')).toThrow(CudaError);
    } finally {
      d.primaryCtxRelease(dev);
    }
  });

  it('CPU twin: the same error mapping over the fake driver library (see koffi-driver.test.ts)', () => {
    expect(new CudaError('cuModuleLoadData', 218, 'CUDA_ERROR_INVALID_PTX').message).toBe(
      'cuModuleLoadData failed with CUDA_ERROR_INVALID_PTX (218)',
    );
  });
});
