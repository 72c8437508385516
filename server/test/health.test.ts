import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { LOUPE_VERSION } from '@loupe/analysis-core';
import { createApp } from '../src/app.js';
import { createCapabilityService, CAPABILITY_NAMES, type Capability } from '../src/capabilities/index.js';
import { repoRoot } from '../src/paths.js';

describe('GET /api/health (real detection on this machine)', () => {
  const app = createApp({ root: repoRoot(), rateLimit: false });

  it('has the documented shape', async () => {
    const res = await request(app).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.type).toBe('application/json');
    expect(res.body).toMatchObject({ ok: true, name: 'loupe', version: LOUPE_VERSION, node: process.version });
    expect(Object.keys(res.body.capabilities).sort()).toEqual([...CAPABILITY_NAMES].sort());
    for (const name of CAPABILITY_NAMES) {
      const c = res.body.capabilities[name] as Capability;
      expect(typeof c.available, name).toBe('boolean');
      expect(typeof c.detail, name).toBe('string');
      expect(c.detail.length, name).toBeGreaterThan(0);
      expect(c.pending, name).toBeUndefined();
    }
  }, 20_000);

  it('reports NVRTC with a version, or names libnvrtc and where it looked', async () => {
    const { nvrtc } = (await request(app).get('/api/health')).body.capabilities as Record<string, Capability>;
    if (nvrtc!.available) {
      expect(nvrtc!.version).toMatch(/^\d+\.\d+/);
      expect(nvrtc!.detail).toMatch(/libnvrtc/);
    } else {
      expect(nvrtc!.detail).toMatch(/libnvrtc/);
      expect(nvrtc!.detail).toMatch(/\/usr\/local\/cuda\/lib64/);
      expect(nvrtc!.searched).toEqual(expect.arrayContaining(['libnvrtc.so.13', 'libnvrtc.so.12', 'libnvrtc.so']));
    }
  });

  it('reports the CUDA driver with a GPU name, or names libcuda.so.1', async () => {
    const { cuda } = (await request(app).get('/api/health')).body.capabilities as Record<string, Capability>;
    if (cuda!.available) {
      expect(cuda!.version).toMatch(/^\d+\.\d+/);
      expect(typeof cuda!.gpu).toBe('string');
    } else {
      expect(cuda!.detail).toMatch(/libcuda\.so\.1/);
    }
  });

  it('reports Python with numpy/numba fields, and nvcc with a version when present', async () => {
    const { python, nvcc } = (await request(app).get('/api/health')).body.capabilities as Record<string, Capability>;
    if (python!.available) {
      expect(python!.version).toMatch(/^3\.\d+/);
      expect(python!).toHaveProperty('numpy');
      expect(python!).toHaveProperty('numba');
      expect(python!.detail).toMatch(/numpy/);
    } else {
      expect(python!.detail).toMatch(/python/i);
    }
    if (nvcc!.available) expect(nvcc!.version).toMatch(/^\d+\.\d+/);
    else expect(nvcc!.detail).toMatch(/nvcc/);
  });
});

describe('capability detection caching and time cap', () => {
  it('runs each probe once and reports slow ones as pending instead of hanging', async () => {
    const calls = { nvrtc: 0, cuda: 0, python: 0, nvcc: 0 };
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    const quick = (name: keyof typeof calls) => async (): Promise<Capability> => {
      calls[name]++;
      return { available: false, detail: `${name} absent` };
    };
    const service = createCapabilityService({
      nvrtc: quick('nvrtc'),
      cuda: quick('cuda'),
      nvcc: quick('nvcc'),
      python: async () => {
        calls.python++;
        await slow;
        return { available: true, version: '3.12.0', detail: 'python ok' };
      },
    });
    const app = createApp({ capabilities: service, healthTimeoutMs: 100, rateLimit: false });

    const t0 = Date.now();
    const first = await request(app).get('/api/health');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(first.status).toBe(200);
    expect(first.body.capabilities.python).toMatchObject({ available: false, pending: true });
    expect(first.body.capabilities.python.detail).toMatch(/in progress/);
    expect(first.body.capabilities.nvrtc).toEqual({ available: false, detail: 'nvrtc absent' });

    release();
    const second = await request(app).get('/api/health');
    expect(second.body.capabilities.python).toEqual({ available: true, version: '3.12.0', detail: 'python ok' });
    await request(app).get('/api/health');
    expect(calls).toEqual({ nvrtc: 1, cuda: 1, python: 1, nvcc: 1 });
  });

  it('turns a throwing probe into an unavailable report', async () => {
    const ok = async (): Promise<Capability> => ({ available: true, detail: 'ok' });
    const service = createCapabilityService({
      nvrtc: () => Promise.reject(new Error('boom')),
      cuda: ok,
      python: ok,
      nvcc: ok,
    });
    const report = await service.report(1000);
    expect(report.nvrtc).toEqual({ available: false, detail: 'nvrtc detection failed: boom' });
  });
});

describe('NVRTC search paths', () => {
  it('looks in a project venv (cu13 layout) and names a library that fails to load', async () => {
    const { detectNvrtc, nvrtcCandidates } = await import('../src/capabilities/nvrtc.js');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-venv-'));
    try {
      const lib = path.join(root, '.venv/lib/python3.11/site-packages/nvidia/cu13/lib');
      fs.mkdirSync(lib, { recursive: true });
      fs.writeFileSync(path.join(lib, 'libnvrtc.so.13'), 'not an ELF file');
      const env = { PATH: process.env.PATH };
      const candidates = nvrtcCandidates(root, env);
      expect(candidates.load[0]).toBe(path.join(lib, 'libnvrtc.so.13'));
      expect(candidates.searched).toContain(lib);
      expect(candidates.searched).toContain('/usr/local/cuda/lib64');
      const report = await detectNvrtc(root, env);
      if (!report.available) {
        // The fake file fails to load (and no real NVRTC is on the system loader's path).
        expect(report.detail).toMatch(/libnvrtc/);
        expect(report.detail).toContain(lib);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('honours LOUPE_NVRTC_LIB first', async () => {
    const { nvrtcCandidates } = await import('../src/capabilities/nvrtc.js');
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-env-'));
    try {
      const file = path.join(root, 'libnvrtc.so.13');
      fs.writeFileSync(file, '');
      expect(nvrtcCandidates(root, { LOUPE_NVRTC_LIB: file }).load[0]).toBe(file);
      expect(nvrtcCandidates(root, { LOUPE_NVRTC_LIB: root }).load[0]).toBe(file);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
