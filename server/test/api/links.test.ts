import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { LOUPE_VERSION } from '@loupe/analysis-core';
import { SAXPY, SAXPY_BINDINGS, testEnv } from '../helpers/app.js';

const env = testEnv('links');
afterAll(env.cleanup);
const app = env.app();

describe('short links', () => {
  it('round-trips snippet, bindings, view state, results and the Loupe version', async () => {
    const view = { pane: 'cuda', selectedLoop: 0 };
    const results = { correct: true, runners: { cpython: { medianMs: 1.5 } } };
    const made = await request(app).post('/api/links').send({ source: SAXPY, bindings: SAXPY_BINDINGS, view, results });
    expect(made.status).toBe(201);
    expect(made.body.id).toMatch(/^[0-9A-Za-z]{8}$/);
    expect(made.body.url).toBe(`/s/${made.body.id}`);
    expect(made.headers.location).toBe(made.body.url);

    const got = await request(app).get(`/api/links/${made.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id: made.body.id,
      url: made.body.url,
      source: SAXPY,
      bindings: { n: '64', alpha: '2.5', x: 'float64[64]', y: 'float64[64]' },
      view,
      results,
      loupeVersion: LOUPE_VERSION,
    });
    expect(got.headers['cache-control']).toMatch(/immutable/);

    const short = await request(app).get(made.body.url).redirects(0);
    expect(short.status).toBe(302);
    expect(short.headers.location).toBe(`/#s=${made.body.id}`);
  });

  it('makes a new id for every link (links are immutable) and accepts a bare snippet', async () => {
    const a = await request(app).post('/api/links').send({ source: 'x = 1' });
    const b = await request(app).post('/api/links').send({ source: 'x = 1' });
    expect(a.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
    const got = await request(app).get(`/api/links/${a.body.id}`);
    expect(got.body).toMatchObject({ bindings: {}, view: null, results: null });
    // No route changes or deletes a link.
    expect((await request(app).put(`/api/links/${a.body.id}`).send({ source: 'y' })).status).toBe(404);
    expect((await request(app).delete(`/api/links/${a.body.id}`)).status).toBe(404);
  });

  it('answers unknown ids with 404, malformed ids with 400', async () => {
    const missing = await request(app).get('/api/links/Zz9Zz9Zz');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatch(/No link with id 'Zz9Zz9Zz'/);
    const bad = await request(app).get('/api/links/not-an-id!');
    expect(bad.status).toBe(400);
    const page = await request(app).get('/s/Zz9Zz9Zz').redirects(0);
    expect(page.status).toBe(404);
    expect(page.type).toBe('text/plain');
  });

  it('validates the body: source, bindings, size limits', async () => {
    expect((await request(app).post('/api/links').send({})).status).toBe(400);
    const badBinding = await request(app)
      .post('/api/links')
      .send({ source: 'x', bindings: { a: 'float64[' } });
    expect(badBinding.status).toBe(400);
    expect(badBinding.body.error).toMatch(/Invalid bindings/);
    const bigView = await request(app)
      .post('/api/links')
      .send({ source: 'x', view: { blob: 'v'.repeat(17 * 1024) } });
    expect(bigView.status).toBe(400);
    expect(bigView.body.reasons).toEqual(['view: view must serialize to at most 16 KB']);
    const bigResults = await request(app)
      .post('/api/links')
      .send({ source: 'x', results: { blob: 'r'.repeat(129 * 1024) } });
    expect(bigResults.status).toBe(400);
  });
});
