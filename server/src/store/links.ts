/**
 * Short links in embedded SQLite (better-sqlite3, WAL). A link is immutable: there is no update or delete
 * route, and a trigger refuses UPDATE, so a link always shows what was seen when it was made (snippet,
 * bindings, view state, Loupe version and, when present, the run results).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { randomId } from './ids.js';

export interface LinkInput {
  readonly source: string;
  readonly bindings: Readonly<Record<string, string | number>>;
  readonly view?: unknown;
  readonly results?: unknown;
  readonly loupeVersion: string;
}

export interface StoredLink {
  readonly id: string;
  readonly createdAt: string;
  readonly loupeVersion: string;
  readonly source: string;
  readonly bindings: Record<string, string | number>;
  readonly view: unknown;
  readonly results: unknown;
}

interface Row {
  id: string;
  created_at: string;
  loupe_version: string;
  source: string;
  bindings: string;
  view: string | null;
  results: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS links (
  id            TEXT PRIMARY KEY,
  created_at    TEXT NOT NULL,
  loupe_version TEXT NOT NULL,
  source        TEXT NOT NULL,
  bindings      TEXT NOT NULL,
  view          TEXT,
  results       TEXT
) STRICT;
CREATE TRIGGER IF NOT EXISTS links_immutable BEFORE UPDATE ON links
BEGIN
  SELECT RAISE(ABORT, 'links are immutable');
END;
`;

export class LinkStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, string, string, string, string, string | null, string | null]>;
  private readonly select: Database.Statement<[string], Row>;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO links (id, created_at, loupe_version, source, bindings, view, results) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.select = this.db.prepare('SELECT * FROM links WHERE id = ?');
  }

  /** Stores a new link under a fresh id; a colliding id (INSERT OR IGNORE changes nothing) draws another. */
  create(link: LinkInput, newId: () => string = randomId): StoredLink {
    const createdAt = new Date().toISOString();
    for (let attempt = 0; attempt < 8; attempt++) {
      const id = newId();
      const info = this.insert.run(
        id,
        createdAt,
        link.loupeVersion,
        link.source,
        JSON.stringify(link.bindings),
        link.view === undefined ? null : JSON.stringify(link.view),
        link.results === undefined ? null : JSON.stringify(link.results),
      );
      if (info.changes === 1) return this.get(id)!;
    }
    throw new Error('could not find a free link id after 8 attempts');
  }

  get(id: string): StoredLink | undefined {
    const row = this.select.get(id);
    if (!row) return undefined;
    return {
      id: row.id,
      createdAt: row.created_at,
      loupeVersion: row.loupe_version,
      source: row.source,
      bindings: JSON.parse(row.bindings) as Record<string, string | number>,
      view: row.view === null ? null : (JSON.parse(row.view) as unknown),
      results: row.results === null ? null : (JSON.parse(row.results) as unknown),
    };
  }

  close(): void {
    this.db.close();
  }
}

/** `LOUPE_DB`, else `<root>/data/loupe.sqlite`. */
export function defaultDbPath(root: string, env: NodeJS.ProcessEnv = process.env): string {
  const override = env.LOUPE_DB?.trim();
  return override ? path.resolve(override) : path.join(root, 'data', 'loupe.sqlite');
}
