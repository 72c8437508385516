import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createCapabilityService, type Capability } from '../src/capabilities/index.js';

const fake = (c: Capability) => () => Promise.resolve(c);
const fakeCapabilities = createCapabilityService({
  nvrtc: fake({ available: false, detail: 'libnvrtc not found' }),
  cuda: fake({ available: false, detail: 'libcuda.so.1 not found' }),
  python: fake({ available: true, version: '3.11.7', detail: 'Python' }),
  nvcc: fake({ available: true, version: '13.0.88', detail: 'nvcc' }),
});

let tmp: string;
let dist: string;
let missingDist: string;

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-app-'));
  dist = path.join(tmp, 'dist-web');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Loupe test</title><div id="root"></div>');
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("loupe");');
  missingDist = path.join(tmp, 'not-built');
});

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const app = (opts: Parameters<typeof createApp>[0] = {}) =>
  createApp({ root: tmp, webDist: dist, capabilities: fakeCapabilities, rateLimit: false, log: () => {}, ...opts });

describe('API routing and errors', () => {
  it('answers unknown /api routes with a JSON 404', async () => {
    for (const url of ['/api/nope', '/api', '/api/health/extra']) {
      const res = await request(app()).get(url);
      expect(res.status, url).toBe(404);
      expect(res.type).toBe('application/json');
      expect(res.body.error).toMatch(/No such API route/);
    }
    const post = await request(app()).post('/api/nope').send({ a: 1 });
    expect(post.status).toBe(404);
    expect(post.body.error).toMatch(/POST \/api\/nope/);
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await request(app()).post('/api/anything').set('Content-Type', 'application/json').send('{"source": ');
    expect(res.status).toBe(400);
    expect(res.type).toBe('application/json');
    expect(res.body.error).toMatch(/^Malformed JSON body: /);
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('answers a body over the limit with 413 JSON', async () => {
    const big = JSON.stringify({ source: 'x'.repeat(300 * 1024) });
    const res = await request(app()).post('/api/anything').set('Content-Type', 'application/json').send(big);
    expect(res.status).toBe(413);
    expect(res.type).toBe('application/json');
    expect(res.body.error).toMatch(/too large/);
    const small = await request(app({ jsonLimit: '1kb' }))
      .post('/api/anything')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ s: 'y'.repeat(2000) }));
    expect(small.status).toBe(413);
  });

  it('rate-limits /api when enabled, with a JSON 429', async () => {
    const limited = app({ rateLimit: { limit: 2, windowMs: 60_000 } });
    expect((await request(limited).get('/api/health')).status).toBe(200);
    expect((await request(limited).get('/api/health')).status).toBe(200);
    const third = await request(limited).get('/api/health');
    expect(third.status).toBe(429);
    expect(third.body.error).toMatch(/Too many requests/);
    // Static pages are not rate-limited.
    expect((await request(limited).get('/')).status).toBe(200);
  });
});

describe('security headers', () => {
  it('sets nosniff and a CSP on API and page responses', async () => {
    for (const url of ['/api/health', '/', '/some/page', '/api/nope']) {
      const res = await request(app()).get(url);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp, url).toContain("default-src 'self'");
      expect(csp).toContain("'wasm-unsafe-eval'");
      expect(csp).toContain("worker-src 'self' blob:");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("img-src 'self' data:");
      expect(csp).toContain("font-src 'self' data:");
      expect(csp).toContain("connect-src 'self'");
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });
});

describe('static web app', () => {
  it('serves index.html at / and files from the dist directory', async () => {
    const root = await request(app()).get('/');
    expect(root.status).toBe(200);
    expect(root.type).toBe('text/html');
    expect(root.text).toContain('Loupe test');
    const asset = await request(app()).get('/assets/app.js');
    expect(asset.status).toBe(200);
    expect(asset.text).toContain('loupe');
  });

  it('falls back to index.html for client-side routes, not for missing files', async () => {
    const page = await request(app()).get('/l/abc123');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Loupe test');
    const missing = await request(app()).get('/assets/missing.js');
    expect(missing.status).toBe(404);
  });

  it('answers 503 with build instructions when dist/web is missing', async () => {
    const res = await request(app({ webDist: missingDist })).get('/');
    expect(res.status).toBe(503);
    expect(res.type).toBe('text/plain');
    expect(res.text).toMatch(/npm run build/);
    const deep = await request(app({ webDist: missingDist })).get('/l/abc');
    expect(deep.status).toBe(503);
    // The API still works without a build.
    expect((await request(app({ webDist: missingDist })).get('/api/health')).status).toBe(200);
  });
});
