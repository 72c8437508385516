import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LINK_ID_LENGTH, LINK_ID_PATTERN, randomId } from '../../src/store/ids.js';
import { defaultDbPath, LinkStore } from '../../src/store/links.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loupe-store-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('link ids', () => {
  it('are short base62 strings', () => {
    const ids = new Set(Array.from({ length: 2000 }, () => randomId()));
    expect(ids.size).toBe(2000);
    for (const id of ids) {
      expect(id).toHaveLength(LINK_ID_LENGTH);
      expect(id).toMatch(LINK_ID_PATTERN);
    }
  });
});

describe('LinkStore (SQLite, WAL)', () => {
  it('stores and reads back a link, in WAL mode, in a new data directory', () => {
    const file = path.join(dir, 'nested', 'loupe.sqlite');
    const store = new LinkStore(file);
    const link = store.create({
      source: 'for i in range(n): pass',
      bindings: { n: '8' },
      view: { pane: 'cuda' },
      results: { correct: true },
      loupeVersion: '0.1.0',
    });
    expect(link).toMatchObject({
      source: 'for i in range(n): pass',
      bindings: { n: '8' },
      view: { pane: 'cuda' },
      results: { correct: true },
      loupeVersion: '0.1.0',
    });
    expect(Date.parse(link.createdAt)).not.toBeNaN();
    expect(store.get(link.id)).toEqual(link);
    expect(store.get('nope1234')).toBeUndefined();
    store.close();
    expect(fs.existsSync(`${file}-wal`) || fs.existsSync(file)).toBe(true);
    const reopened = new LinkStore(file);
    expect(reopened.get(link.id)).toEqual(link);
    reopened.close();
  });

  it('keeps null view/results as null', () => {
    const store = new LinkStore(':memory:');
    const link = store.create({ source: 'x = 1', bindings: {}, loupeVersion: '0.1.0' });
    expect(link.view).toBeNull();
    expect(link.results).toBeNull();
    store.close();
  });

  it('draws another id on a collision', () => {
    const store = new LinkStore(':memory:');
    const ids = ['AAAAAAAA', 'AAAAAAAA', 'BBBBBBBB'];
    const a = store.create({ source: 'a', bindings: {}, loupeVersion: 'v' }, () => ids.shift()!);
    const b = store.create({ source: 'b', bindings: {}, loupeVersion: 'v' }, () => ids.shift()!);
    expect([a.id, b.id]).toEqual(['AAAAAAAA', 'BBBBBBBB']);
    expect(store.get('AAAAAAAA')!.source).toBe('a');
    store.close();
  });

  it('is immutable: UPDATE is refused by a trigger', () => {
    const file = path.join(dir, 'immutable.sqlite');
    const store = new LinkStore(file);
    const link = store.create({ source: 'a', bindings: {}, loupeVersion: 'v' });
    store.close();
    // A second connection, as any other tool would use.
    const raw = new Database(file);
    expect(() => raw.prepare('UPDATE links SET source = ? WHERE id = ?').run('changed', link.id)).toThrow(/immutable/);
    raw.close();
  });

  it('honours LOUPE_DB', () => {
    expect(defaultDbPath('/repo', {})).toBe('/repo/data/loupe.sqlite');
    expect(defaultDbPath('/repo', { LOUPE_DB: '/tmp/x.sqlite' })).toBe('/tmp/x.sqlite');
  });
});
