import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/**
 * Serves the built web app from `distDir` with an SPA fallback: GET/HEAD for any non-/api path without a
 * file extension answers index.html. Paths that look like files and don't exist are 404s. When the build
 * is missing, pages answer 503 saying how to build it (checked per request, so a later build is picked up).
 */
export function webApp(distDir: string): Router {
  const router = express.Router();
  const indexHtml = path.join(distDir, 'index.html');

  router.use(express.static(distDir, { index: 'index.html', fallthrough: true, maxAge: 0 }));

  router.get('/{*splat}', (req, res) => {
    if (req.path === '/api' || req.path.startsWith('/api/')) {
      res.status(404).json({ error: `No such API route: ${req.method} ${req.path}` });
      return;
    }
    if (!fs.existsSync(indexHtml)) {
      res
        .status(503)
        .type('text/plain')
        .send(`Loupe's web app is not built (${indexHtml} is missing). Run \`npm run build\`, then reload.\n`);
      return;
    }
    const last = req.path.split('/').pop() ?? '';
    if (last.includes('.')) {
      res.status(404).type('text/plain').send(`Not found: ${req.path}\n`);
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });

  return router;
}
