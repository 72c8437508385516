import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * An error a route can throw to answer with a given status and a message safe to show. `details` (an
 * object) is merged into the reply beside `error`, e.g. `{ error, reasons: [...] }` or `{ error, log }`.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra response headers (e.g. Retry-After on 503). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Unknown /api routes: JSON 404, never the SPA's index.html. */
export function apiNotFound(): RequestHandler {
  return (req, res) => {
    res.status(404).json({ error: `No such API route: ${req.method} ${req.originalUrl.split('?')[0]}` });
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
  limit?: number;
  message?: string;
}

/** The last middleware: every error becomes `{ error }` JSON with a fitting status, never a stack trace. */
export function jsonErrorHandler(log: (msg: string, err: unknown) => void = (m, e) => console.error(m, e)): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err instanceof HttpError) {
      for (const [k, v] of Object.entries(err.headers ?? {})) res.setHeader(k, v);
      res.status(err.status).json({ ...err.details, error: err.message });
      return;
    }
    const e = (typeof err === 'object' && err !== null ? err : {}) as BodyParserError;
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: `Malformed JSON body: ${e.message ?? 'could not parse'}` });
      return;
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: `Request body too large (limit ${e.limit ?? '?'} bytes)` });
      return;
    }
    const status = e.status ?? e.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: e.expose !== false && e.message ? e.message : 'Bad request' });
      return;
    }
    log(`Unhandled error on ${req.method} ${req.originalUrl}:`, err);
    res.status(500).json({ error: 'Internal server error' });
  };
}
