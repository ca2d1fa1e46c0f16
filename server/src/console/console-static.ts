import { join, sep } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import serveStatic from 'serve-static';

/** Where the console is served; no API route starts with it. */
export const CONSOLE_PATH = '/console';

/**
 * The HR console's single-page app from its built folder, mounted at CONSOLE_PATH (before the API's
 * middleware: these files carry no personal data and need no platform code). Vite names each asset
 * by its content hash, so assets are cached for a year; every other path answers index.html (history
 * fallback: /console/applications/12 reloads into the app's router), revalidated on each load so a
 * new build is picked up at once. A missing asset is a 404: a stale tab asking for an old chunk must
 * fail visibly, not get HTML for JavaScript.
 */
export function serveConsole(dir: string): RequestHandler {
  const assets = join(dir, 'assets') + sep;
  const files = serveStatic(dir, {
    index: false,
    redirect: false,
    setHeaders: (res, path) => res.setHeader('Cache-Control', path.startsWith(assets) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const indexHtml = join(dir, 'index.html');
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Mounted: `req.url` is the part after /console. Relative asset URLs need the trailing slash.
    if (req.originalUrl === CONSOLE_PATH || req.originalUrl.startsWith(`${CONSOLE_PATH}?`)) return res.redirect(301, `${CONSOLE_PATH}/`);
    files(req, res, (error?: unknown) => {
      if (error) return next(error);
      if (req.path.startsWith('/assets/')) return res.status(404).type('text/plain').send('Not Found');
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  };
}
