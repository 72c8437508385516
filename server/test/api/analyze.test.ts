import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { LOUPE_VERSION } from '@loupe/analysis-core';
import { SAXPY, SAXPY_BINDINGS, testEnv } from '../helpers/app.js';

const env = testEnv('analyze');
afterAll(env.cleanup);
const app = env.app();

describe('POST /api/analyze', () => {
  it('returns the analysis report, static and runtime stages', async () => {
    const res = await request(app).post('/api/analyze').send({ source: SAXPY, bindings: SAXPY_BINDINGS });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: LOUPE_VERSION, bindingsFrom: 'request' });
    expect(res.body.loops).toHaveLength(1);
    expect(res.body.loops[0]).toMatchObject({ var: 'i', verdict: 'parallel', line: 2 });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('uses the # loupe: comment when no bindings are sent, and works with none at all', async () => {
    const withComment = await request(app)
      .post('/api/analyze')
      .send({ source: `${SAXPY}\n# loupe: n=8, alpha=1.0, x=float64[8], y=float64[8]\n` });
    expect(withComment.status).toBe(200);
    expect(withComment.body.bindingsFrom).toBe('comment');
    const bare = await request(app).post('/api/analyze').send({ source: SAXPY });
    expect(bare.status).toBe(200);
    expect(bare.body.bindingsFrom).toBe('none');
  });

  it('answers source with syntax errors with 200 and diagnostics', async () => {
    const res = await request(app).post('/api/analyze').send({ source: 'for i in range(n:\n    a[i] = \n' });
    expect(res.status).toBe(200);
    expect(res.body.diagnostics.length).toBeGreaterThan(0);
    expect(res.body.diagnostics[0]).toMatchObject({ severity: 'error' });
  });

  it('rejects bad requests with 400 and reasons', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /source: required/],
      [{ source: 42 }, /source: must be a string/],
      [{ source: 'x', bindings: { n: true } }, /bindings\.n: must be an integer, a number, or a .*dtype\[extents\]/],
      [{ source: 'x', bindings: { 'not-a-name': 1 } }, /binding names must be Python identifiers/],
      [{ source: 'x', bindings: { a: 'float128[4]' } }, /unknown dtype 'float128'/],
      [{ source: 'x', bindings: { a: 'float64[4,x]' } }, /shape must be non-negative integers/],
      [{ source: 'x', bindings: [1, 2] }, /bindings: must be an object/],
      [{ source: 'x'.repeat(64 * 1024 + 1) }, /source: must be at most 64 KB/],
      [{ source: '# loupe: n=abc\nfor i in range(n): pass\n' }, /'# loupe:' comment on line 1/],
    ];
    for (const [body, reason] of cases) {
      const res = await request(app)
        .post('/api/analyze')
        .send(body as object);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error).toMatch(/^Invalid/);
      expect(`${res.body.error} ${JSON.stringify(res.body.reasons)}`).toMatch(reason);
    }
  });

  it('rejects a non-object body, malformed JSON (400) and an oversize body (413)', async () => {
    const arr = await request(app).post('/api/analyze').send([1, 2, 3]);
    expect(arr.status).toBe(400);
    expect(arr.body.reasons).toEqual(['body: must be a JSON object']);
    const text = await request(app).post('/api/analyze').set('Content-Type', 'text/plain').send('for i in range(3): pass');
    expect(text.status).toBe(400);
    const bad = await request(app).post('/api/analyze').set('Content-Type', 'application/json').send('{"source": "x",');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/Malformed JSON/);
    const big = await request(app)
      .post('/api/analyze')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ source: 'x'.repeat(300 * 1024) }));
    expect(big.status).toBe(413);
    expect(JSON.stringify(big.body)).not.toMatch(/at .*\.(js|ts):\d+/);
  });
});
