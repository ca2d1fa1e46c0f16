import express, { RequestHandler } from 'express';
import { ErrorCodeFieldRoutes } from './error-code-field-routes';
import { internalError, toAppException, writeError } from './error-response';

/** Express parsers whose failures (bad JSON, body too large) answer with the envelope, not Express's HTML page. */
export function bodyParsers(errorCodeRoutes: ErrorCodeFieldRoutes): RequestHandler[] {
  const parsers = [express.json({ limit: '1mb' }), express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 2000 })];
  return parsers.map((parse): RequestHandler => (req, res, next) =>
    parse(req, res, (error?: unknown) =>
      error ? writeError(res, toAppException(error) ?? internalError(), errorCodeRoutes.has(req)) : next(),
    ),
  );
}
