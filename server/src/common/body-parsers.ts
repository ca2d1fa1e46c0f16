import express, { RequestHandler } from 'express';
import { BODY_LIMITS, bodyShapeError } from './body-shape';
import { ErrorCodeFieldRoutes } from './error-code-field-routes';
import { internalError, toAppException, writeError } from './error-response';

/**
 * Express parsers whose failures (bad JSON, body too large) answer with the envelope, not Express's
 * HTML page. A parsed body nested deeper or with more fields than BODY_LIMITS is refused here,
 * before anything walks it (qs stops at the depth itself; a JSON body is measured once parsed).
 */
export function bodyParsers(errorCodeRoutes: ErrorCodeFieldRoutes): RequestHandler[] {
  // qs counts the levels below the body itself; with strictDepth (body-parser 2 sets it) it refuses
  // deeper keys rather than flattening them. Not a literal: @types/body-parser does not know `depth` yet.
  const formOptions = { extended: true, limit: '1mb', parameterLimit: BODY_LIMITS.entries, depth: BODY_LIMITS.depth - 1 };
  const parsers = [express.json({ limit: '1mb' }), express.urlencoded(formOptions)];
  return parsers.map((parse): RequestHandler => (req, res, next) =>
    parse(req, res, (error?: unknown) => {
      const refusal = error ? (toAppException(error) ?? internalError()) : bodyShapeError(req.body);
      return refusal ? writeError(res, refusal, errorCodeRoutes.has(req)) : next();
    }),
  );
}
