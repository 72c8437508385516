import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompilerService, NoCompilerError } from '../../src/nvrtc/compiler.js';
import { Nvrtc } from '../../src/nvrtc/nvrtc.js';
import type { PtxCompiler } from '../../src/nvrtc/types.js';
import { repoRoot } from '../../src/paths.js';
import { PREFIX_SUM, SAXPY, SAXPY_BINDINGS, testEnv } from '../helpers/app.js';

const env = testEnv('compile');
afterAll(env.cleanup);
const app = env.app();
let nvrtcWhy = '';

beforeAll(async () => {
  await Nvrtc.open(repoRoot()).catch((e: unknown) => {
    nvrtcWhy = e instanceof Error ? e.message : String(e);
    console.warn(`[skip] /api/compile with real NVRTC: ${nvrtcWhy}`);
  });
});

/** A CompilerService whose compiler is a stub (for the error paths that real NVRTC cannot produce on demand). */
class StubCompilers extends CompilerService {
  constructor(private readonly make: () => Promise<PtxCompiler>) {
    super({ root: '/nonexistent' });
  }
  override compiler(): Promise<PtxCompiler> {
    return this.make();
  }
}

describe('POST /api/compile', () => {
  it('compiles the generated CUDA with NVRTC: kernels, PTX (whole and per kernel), log, time, version', async (ctx) => {
    if (nvrtcWhy) return ctx.skip(nvrtcWhy);
    const res = await request(app).post('/api/compile').send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(res.status, JSON.stringify(res.body).slice(0, 400)).toBe(200);
    expect(res.body).toMatchObject({
      compiler: 'nvrtc',
      arch: 'compute_90',
      bindingsFrom: 'request',
      bindings: { n: '64', x: 'float64[64]' },
    });
    expect(res.body.version).toMatch(/^\d+\.\d+$/);
    expect(res.body.cuda).toMatch(/extern "C" __global__/);
    expect(res.body.ptx).toMatch(/\.target sm_90/);
    expect(typeof res.body.nvrtcLog).toBe('string');
    expect(res.body.compileMs).toBeGreaterThan(0);
    expect(res.body.kernels).toHaveLength(1);
    const k = res.body.kernels[0];
    expect(k.ptx).toMatch(new RegExp(`\\.entry ${k.name}\\(`));
    expect(k.lineMap.length).toBeGreaterThan(0);
    expect(res.body.plan.steps[0]).toMatchObject({ kind: 'launch', kernel: k.name, block: [256, 1, 1] });
    const again = await request(app).post('/api/compile').send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(again.body.cached).toBe(true);
    const other = await request(app).post('/api/compile').send({ source: SAXPY, bindings: SAXPY_BINDINGS, arch: 'compute_80' });
    expect(other.body.ptx).toMatch(/\.target sm_80/);
  });

  it('answers 422 when there is nothing to compile, saying why', async () => {
    const seq = await request(app)
      .post('/api/compile')
      .send({ source: 'def f(n, a):\n    while n > 0:\n        n -= 1\n', bindings: { n: 4, a: 'float64[4]' } });
    expect(seq.status).toBe(422);
    expect(seq.body.error).toMatch(/Nothing to compile/);
    expect(Array.isArray(seq.body.notes)).toBe(true);
    const syntax = await request(app)
      .post('/api/compile')
      .send({ source: 'for i in range(n:\n  a[i] = 1\n', bindings: { n: 4 } });
    expect(syntax.status).toBe(422);
    expect(syntax.body.error).toMatch(/syntax error/);
    expect(syntax.body.diagnostics[0]).toMatchObject({ line: expect.any(Number) });
    const unbound = await request(app).post('/api/compile').send({ source: SAXPY });
    expect(unbound.status).toBe(422);
    expect(unbound.body.error).toMatch(/needs sizes and element types/);
    const partial = await request(app)
      .post('/api/compile')
      .send({ source: SAXPY, bindings: { n: 8 } });
    expect(partial.status).toBe(422);
    expect(partial.body.error).toMatch(/bind .*x/);
  });

  it('compiles a loop that stays sequential as a one-thread fallback kernel (or says why not)', async (ctx) => {
    if (nvrtcWhy) return ctx.skip(nvrtcWhy);
    const res = await request(app)
      .post('/api/compile')
      .send({ source: PREFIX_SUM, bindings: { n: 16, a: 'float64[16]' } });
    expect([200, 422]).toContain(res.status);
    expect(res.body.error ?? '').not.toMatch(/Internal/);
  });

  it('answers 422 with the compiler log when the CUDA does not compile', async () => {
    const failing: PtxCompiler = {
      name: 'nvrtc',
      version: '13.0',
      path: '/stub',
      options: [],
      compile: () =>
        Promise.resolve({ ok: false, log: 'loupe.cu(3): error: something', compileMs: 1, error: 'NVRTC: NVRTC_ERROR_COMPILATION' }),
    };
    const res = await request(env.app({ compilers: new StubCompilers(() => Promise.resolve(failing)) }))
      .post('/api/compile')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ nvrtcLog: 'loupe.cu(3): error: something', log: 'loupe.cu(3): error: something', compiler: 'nvrtc' });
    expect(res.body.error).toMatch(/did not compile.*NVRTC_ERROR_COMPILATION/);
    expect(res.body.cuda).toMatch(/__global__/);
  });

  it('answers 503 naming what is missing when there is no compiler', async () => {
    const none = new StubCompilers(() =>
      Promise.reject(new NoCompilerError({ nvrtc: 'libnvrtc was not found. Tried: /x', nvcc: 'nvcc not found' })),
    );
    const res = await request(env.app({ compilers: none }))
      .post('/api/compile')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(res.status).toBe(503);
    expect(res.body.error).toMatch(/No CUDA compiler/);
    expect(res.body.missing).toEqual({ nvrtc: 'libnvrtc was not found. Tried: /x', nvcc: 'nvcc not found' });
  });

  it('times out a compile that hangs (504) and validates arch (400)', async () => {
    const hang: PtxCompiler = { name: 'nvrtc', version: '13.0', path: '/stub', options: [], compile: () => new Promise(() => {}) };
    const res = await request(env.app({ compilers: new StubCompilers(() => Promise.resolve(hang)), compileTimeoutMs: 50 }))
      .post('/api/compile')
      .send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(res.status).toBe(504);
    expect(res.body.error).toMatch(/Compiling took longer/);
    const arch = await request(app).post('/api/compile').send({ source: SAXPY, bindings: SAXPY_BINDINGS, arch: 'sm_90; rm -rf /' });
    expect(arch.status).toBe(400);
    expect(arch.body.reasons).toEqual(['arch: must look like compute_90']);
  });
});
