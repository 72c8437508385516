import { Router } from 'express';
import { LOUPE_VERSION } from '@loupe/analysis-core';
import { HttpError } from '../http/errors.js';
import { LINK_ID_PATTERN } from '../store/ids.js';
import type { LinkStore } from '../store/links.js';
import { resolveBindings } from './program.js';
import { linkBody, parseBody } from './schemas.js';

export interface LinksDeps {
  /** Opened on first use, so a server that never makes links never creates the database. */
  store: () => LinkStore;
}

export const shortUrl = (id: string): string => `/s/${id}`;
/** Where `/s/:id` sends the browser: the SPA reads `#s=<id>` and fetches GET /api/links/<id>. */
export const spaUrl = (id: string): string => `/#s=${id}`;

function checkId(id: string | undefined): string {
  if (!id || !LINK_ID_PATTERN.test(id)) throw new HttpError(400, 'Invalid link id: expected 4–32 letters and digits');
  return id;
}

/**
 * POST /links {source, bindings?, view?, results?} → {id, url}; GET /links/:id → the stored link.
 * Bindings are validated (as for /run) and stored in their text form; view and results are stored as
 * given (bounded in size), since they are the client's own state, shown back to it, never executed.
 */
export function createLinksRouter(deps: LinksDeps): Router {
  const router = Router();
  router.post('/links', (req, res) => {
    const body = parseBody(linkBody, req.body);
    const bindings = body.bindings && Object.keys(body.bindings).length > 0 ? resolveBindings(body.source, body.bindings).text : {};
    const link = deps
      .store()
      .create({ source: body.source, bindings, view: body.view, results: body.results, loupeVersion: LOUPE_VERSION });
    res
      .status(201)
      .location(shortUrl(link.id))
      .json({ id: link.id, url: shortUrl(link.id) });
  });
  router.get('/links/:id', (req, res) => {
    const id = checkId(req.params.id);
    const link = deps.store().get(id);
    if (!link) throw new HttpError(404, `No link with id '${id}'`);
    // Immutable: safe to cache for a long time.
    res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    res.json({ ...link, url: shortUrl(link.id) });
  });
  return router;
}

/** GET /s/:id (outside /api) → 302 to the SPA with the link id in the fragment; unknown ids are a 404 page. */
export function createShortLinkRouter(deps: LinksDeps): Router {
  const router = Router();
  router.get('/s/:id', (req, res) => {
    const id = req.params.id;
    if (!LINK_ID_PATTERN.test(id) || !deps.store().get(id)) {
      res
        .status(404)
        .type('text/plain')
        .send(`No Loupe link with id '${id.slice(0, 40)}'.\n`);
      return;
    }
    res.redirect(302, spaUrl(id));
  });
  return router;
}
