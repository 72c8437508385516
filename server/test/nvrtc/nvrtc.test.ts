/**
 * Real NVRTC (from the project venv's nvidia-cuda-nvrtc wheel, as in CI): version, compile to PTX, compile
 * errors in the log, supported architectures, the module cache, and the nvcc fallback. Skipped with a
 * printed reason only when libnvrtc cannot be found or nvcc is missing (for the fallback test).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { detectNvcc } from '../../src/capabilities/nvcc.js';
import { CompilerService } from '../../src/nvrtc/compiler.js';
import { Nvrtc } from '../../src/nvrtc/nvrtc.js';
import { ptxEntries } from '../../src/nvrtc/ptx.js';
import { archForDevice } from '../../src/nvrtc/types.js';
import { repoRoot } from '../../src/paths.js';

const root = repoRoot();
let nvrtc: Nvrtc | undefined;
let why = '';

beforeAll(async () => {
  try {
    nvrtc = await Nvrtc.open(root);
  } catch (err) {
    why = err instanceof Error ? err.message : String(err);
    console.warn(`[skip] real NVRTC tests: ${why}`);
  }
});

const SAXPY = `extern "C" __global__ void saxpy(double* __restrict__ y, const double* __restrict__ x, double a, long long n) {
  long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] += a * x[i];
}
extern "C" __global__ void fill(float* __restrict__ out, float v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = v;
}
`;

const REDUCE = `extern "C" __global__ void dot(const double* __restrict__ a, const double* __restrict__ b, double* __restrict__ out, long long n) {
  __shared__ double part[256];
  long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x;
  part[threadIdx.x] = i < n ? a[i] * b[i] : 0.0;
  __syncthreads();
  for (unsigned s = blockDim.x / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s) part[threadIdx.x] += part[threadIdx.x + s];
    __syncthreads();
  }
  if (threadIdx.x == 0) atomicAdd(out, part[0]);
}
`;

describe('NVRTC (real library)', () => {
  it('reports its version and supported architectures', (ctx) => {
    if (!nvrtc) return ctx.skip(why);
    expect(nvrtc.version).toMatch(/^\d+\.\d+$/);
    const archs = nvrtc.supportedArchs();
    expect(archs).toContain(90);
    expect(archForDevice('9.0', archs)).toBe('compute_90');
    expect(archForDevice('8.6', archs)).toBe('compute_86');
    // A device newer than this NVRTC knows: the newest supported arch (PTX JIT-compiles forward).
    expect(archForDevice('99.9', archs)).toBe(`compute_${Math.max(...archs)}`);
  });

  it('compiles kernels to PTX with one .entry per extern "C" kernel', async (ctx) => {
    if (!nvrtc) return ctx.skip(why);
    const r = await nvrtc.compile({ source: SAXPY, arch: 'compute_90' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.ptx).toMatch(/\.target sm_90/);
    const entries = ptxEntries(r.ptx);
    expect([...entries.keys()]).toEqual(['saxpy', 'fill']);
    expect(entries.get('saxpy')).toMatch(/^\/\/ \.globl\s+saxpy[\s\S]*\.entry saxpy\([\s\S]*\}$/);
    expect(r.compileMs).toBeGreaterThan(0);
    const red = await nvrtc.compile({ source: REDUCE, arch: 'compute_80' });
    expect(red.ok && red.ptx.includes('atom.global.add.f64')).toBe(true);
  });

  it('returns compile errors with the log, not an exception', async (ctx) => {
    if (!nvrtc) return ctx.skip(why);
    const r = await nvrtc.compile({
      source: 'extern "C" __global__ void k(int* a) { a[0] = undeclared; }',
      arch: 'compute_90',
      name: 'bad.cu',
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toMatch(/NVRTC_ERROR_COMPILATION/);
    expect(r.log).toMatch(/bad\.cu\(1\): error: identifier "undeclared" is undefined/);
  });

  it('caches compiled modules by source, compiler, arch and options', async (ctx) => {
    if (!nvrtc) return ctx.skip(why);
    const service = new CompilerService({ root });
    const first = await service.compile(SAXPY, 'compute_90');
    const second = await service.compile(SAXPY, 'compute_90');
    const other = await service.compile(SAXPY, 'compute_80');
    expect(first).toMatchObject({ ok: true, compiler: 'nvrtc', cached: false });
    expect(second).toMatchObject({ ok: true, cached: true });
    expect(second.ok && first.ok && second.ptx === first.ptx).toBe(true);
    expect(other.cached).toBe(false);
  });
});

describe('nvcc fallback', () => {
  it('compiles the same source to PTX, and reports errors with the log', async (ctx) => {
    const nvcc = await detectNvcc();
    if (!nvcc.available) {
      console.warn(`[skip] nvcc fallback test: ${nvcc.detail}`);
      return ctx.skip(nvcc.detail);
    }
    const service = new CompilerService({ root, prefer: 'nvcc' });
    const c = await service.compiler();
    expect(c.name).toBe('nvcc');
    const ok = await service.compile(SAXPY, 'compute_90', c);
    expect(ok.ok && ptxEntries(ok.ptx).has('saxpy')).toBe(true);
    const bad = await service.compile('extern "C" __global__ void k(int* a) { a[0] = undeclared; }', 'compute_90', c);
    expect(bad.ok).toBe(false);
    expect(bad.log).toMatch(/loupe\.cu\(1\): error: identifier "undeclared" is undefined/);
    expect(bad.log).not.toMatch(/\/tmp\//);
  }, 60_000);
});
