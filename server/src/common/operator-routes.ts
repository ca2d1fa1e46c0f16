import type { Request } from 'express';

/**
 * The routes of the operator's tools, not of the API's clients: orchestrators' probes and the
 * Prometheus scrape send none of the API's X-* headers, so the request-context middleware lets them through.
 */
export const OPERATOR_PATHS = ['/healthz', '/readyz', '/metrics'];

/** By `originalUrl`, as isSignedFileRequest: mounted for '*', the middleware sees `req.path` stripped to '/'. */
export const isOperatorRequest = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && OPERATOR_PATHS.includes(req.originalUrl.split(/[?#]/)[0]!);
