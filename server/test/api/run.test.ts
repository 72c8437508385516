/**
 * POST /api/run end to end on this machine: the CPython reference and Numba (project venv), the CPU
 * emulation (g++), and the GPU runner through a fake driver (no GPU here). Skips with a printed reason
 * when Python with NumPy or g++ is missing.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeParsed, parseBindings } from '@loupe/analysis-core';
import { nodeParser } from '../../../analysis-core/node/parser.js';
import { generate, generateWithVerdicts } from '../../../analysis-core/src/codegen/generate.js';
import { EMULATION_SHIM, emulationMain } from '../../../analysis-core/src/codegen/emulation.js';
import { createCapabilityService, defaultCapabilityService, type Capability } from '../../src/capabilities/index.js';
import { CompilerService } from '../../src/nvrtc/compiler.js';
import { findCxx } from '../../src/runners/emulation.js';
import { fixedGpuService } from '../../src/runners/gpuService.js';
import { executeRun } from '../../src/runners/run.js';
import { repoRoot } from '../../src/paths.js';
import { FakeDriver } from '../helpers/fakeDriver.js';
import { PREFIX_SUM, SAXPY, SAXPY_BINDINGS, testEnv } from '../helpers/app.js';

const env = testEnv('run');
afterAll(env.cleanup);
const app = env.app();
let skipWhy = '';
let numba = false;

beforeAll(async () => {
  const py = (await defaultCapabilityService(repoRoot()).report(20_000)).python;
  numba = typeof py.numba === 'string';
  if (!py.available || typeof py.numpy !== 'string') skipWhy = `no Python with NumPy: ${py.detail}`;
  const cxx = await findCxx();
  if ('error' in cxx) skipWhy ||= cxx.error;
  if (skipWhy) console.warn(`[skip] /api/run end-to-end tests: ${skipWhy}`);
}, 30_000);

describe('POST /api/run', () => {
  it('verifies by CPU emulation against CPython, times CPython and Numba, and says there is no GPU', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy);
    const res = await request(app)
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS, runners: ['cpu-emulation', 'python', 'gpu'], repetitions: 3, seed: 7 });
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
    const b = res.body;
    expect(b).toMatchObject({ correct: true, reference: 'cpython', seed: 7, repetitions: 3, device: null, bindingsFrom: 'request' });
    expect(b.tolerance.float64).toEqual({ rtol: 1e-9, atol: 1e-12 });
    expect(b.runners.cpython).toMatchObject({ available: true, reference: true, estimated: false, correct: true });
    expect(b.runners.cpython.medianMs).toBeGreaterThan(0);
    expect(b.runners['cpu-emulation']).toMatchObject({ available: true, correct: true, maxError: 0, mismatches: 0 });
    expect(b.runners['cpu-emulation'].note).toMatch(/not a GPU timing/);
    expect(b.runners['cpu-emulation'].medianMs).toBeUndefined();
    expect(b.runners.gpu).toEqual({ available: false, reason: 'no GPU: test: no GPU' });
    expect(b.deviceNote).toMatch(/No GPU here/);
    if (numba) {
      expect(b.runners.numba).toMatchObject({ available: true, correct: true });
      expect(b.runners.numba.jitMs).toBeGreaterThan(0);
      expect(b.runners['numba-parallel']).toMatchObject({ available: true, correct: true });
      expect(b.speedups.vsCpython.numba).toBeGreaterThan(0);
    }
    expect(b.speedups.vsCpython.gpuKernel).toBeUndefined();
    expect(b.versions).toMatchObject({ python: expect.any(String), numpy: expect.any(String) });
    expect(b.sizes.elements).toBe(128);
    expect(b.kernels).toHaveLength(1);
  }, 60_000);

  it('runs the GPU runner through the driver and flags wrong GPU output (fake driver whose kernels do nothing)', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy);
    const driver = new FakeDriver({}, 1, () => {});
    const device = { ordinal: 0, name: 'Fake H100', computeCapability: '9.0', multiprocessors: 132, totalMemBytes: 80 * 2 ** 30 };
    const gpuApp = env.app({ gpu: fixedGpuService({ available: true, driver, device, driverVersion: '13.0' }) });
    const res = await request(gpuApp)
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS, runners: ['gpu'], repetitions: 2 });
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
    expect(res.body.correct).toBe(false);
    expect(res.body.device).toMatchObject({ name: 'Fake H100', computeCapability: '9.0' });
    const gpu = res.body.runners.gpu;
    expect(gpu).toMatchObject({ available: true, correct: false, launches: 1 });
    expect(gpu.mismatches).toBeGreaterThan(0);
    expect(gpu.firstMismatch.array).toBe('y');
    expect(gpu.kernel.repetitions).toBe(2);
    expect(gpu.endToEnd.medianMs).toBeGreaterThanOrEqual(0);
    expect(res.body.speedups.vsCpython.gpuKernel).toBeGreaterThan(0);
    expect(res.body.versions).toMatchObject({ nvrtc: expect.any(String), cudaDriver: '13.0' });
    expect(driver.names()).toContain('cuModuleLoadData');
    expect(driver.live()).toBe(0);
  }, 60_000);

  it('extrapolates CPython over its budget (estimated: true) and then compares with the @njit twin', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy);
    if (!numba) return ctx.skip('Numba is not installed: no reference besides CPython');
    const n = 50_000;
    const res = await request(env.app({ cpythonBudgetMs: 1 }))
      .post('/api/run')
      .send({ source: SAXPY, bindings: { n, alpha: 2.5, x: `float64[${n}]`, y: `float64[${n}]` }, runners: ['cpu-emulation'] });
    expect(res.status, JSON.stringify(res.body).slice(0, 600)).toBe(200);
    expect(res.body.runners.cpython).toMatchObject({ available: true, estimated: true, reference: false });
    expect(res.body.runners.cpython.estimate).toMatch(/extrapolated from scaled-down runs/);
    expect(res.body.runners.cpython.medianMs).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ reference: 'numba', correct: true });
    expect(res.body.referenceNote).toMatch(/over its time budget/);
    expect(res.body.runners['cpu-emulation']).toMatchObject({ correct: true });
    expect(res.body.runners.numba).toBeUndefined();
    expect(res.body.speedups.estimated).toBe(true);
  }, 60_000);

  it('answers 503 when CPython with NumPy is missing, 400 for oversize runs and bad fields', async () => {
    const fake = (c: Capability) => () => Promise.resolve(c);
    const noPython = createCapabilityService({
      nvrtc: fake({ available: true, detail: 'nvrtc' }),
      cuda: fake({ available: false, detail: 'no' }),
      python: fake({ available: true, detail: 'Python 3.11 at /usr/bin/python3: no numpy', numpy: null, numba: null }),
      nvcc: fake({ available: false, detail: 'no' }),
    });
    const r503 = await request(env.app({ capabilities: noPython }))
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(r503.status).toBe(503);
    expect(r503.body.missing.python).toMatch(/no numpy/);

    const big = await request(env.app({ maxRunElements: 100 }))
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(big.status).toBe(400);
    expect(big.body.error).toMatch(/128 array elements in all, the limit is 100/);

    for (const body of [
      { source: SAXPY, runners: ['tpu'] },
      { source: SAXPY, runners: [] },
      { source: SAXPY, repetitions: 0 },
      { source: SAXPY, repetitions: 1000 },
      { source: SAXPY, seed: -1 },
    ]) {
      const res = await request(app).post('/api/run').send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.reasons.length).toBeGreaterThan(0);
    }
    const nothing = await request(app)
      .post('/api/run')
      .send({ source: 'x = 1\n', bindings: { n: 1 } });
    expect(nothing.status).toBe(422);
  });

  it('queues runs one at a time and answers 503 with Retry-After when the line is full', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy);
    const busy = env.app({ runQueueLength: 0 });
    const first = request(busy)
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS, runners: ['cpu-emulation'] });
    const firstDone = first.then((r) => r);
    await new Promise((r) => setTimeout(r, 300));
    const second = await request(busy)
      .post('/api/run')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS, runners: ['cpu-emulation'] });
    expect(second.status).toBe(503);
    expect(second.headers['retry-after']).toBe('5');
    expect(second.body.error).toMatch(/run queue is full/);
    expect((await firstDone).status).toBe(200);
  }, 60_000);
});

describe('the emulation catches an illegal parallelization', () => {
  it('reports a mismatch with CPython when a recurrence is (wrongly) forced parallel', async (ctx) => {
    if (skipWhy) return ctx.skip(skipWhy);
    const parser = await nodeParser();
    const { bindings } = parseBindings([
      ['n', 512],
      ['a', 'float64[512]'],
    ]);
    const analysis = analyzeParsed(parser.parse(PREFIX_SUM), PREFIX_SUM, bindings);
    const stage = analysis.runtime!;
    const forced = stage.verdicts.map((v) => ({ ...v, kind: 'parallel' as const, carried: [], blocking: [] }));
    const code = generateWithVerdicts(analysis.program, forced, bindings, 'runtime');
    expect(code.kernels.length).toBeGreaterThan(0);
    const reply = await executeRun(
      { source: PREFIX_SUM, bindings, code, runners: ['cpu-emulation'], repetitions: 1, seed: 3, deadline: Date.now() + 60_000 },
      {
        parser: Promise.resolve(parser),
        capabilities: defaultCapabilityService(repoRoot()),
        compilers: new CompilerService({ root: repoRoot() }),
        gpu: fixedGpuService({ available: false, reason: 'test' }),
        emulation: { shim: EMULATION_SHIM, main: emulationMain },
        generate,
        tmpDir: env.dir,
      },
    );
    expect(reply.runners['cpu-emulation']).toMatchObject({ available: true, correct: false });
    expect(reply.runners['cpu-emulation']!.mismatches).toBeGreaterThan(0);
    expect(reply.correct).toBe(false);
  }, 60_000);
});
