import { HttpException } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Response } from 'express';
import { isTransientDbError } from '../database/transient-errors';
import { AppException } from './app.exception';
import { BODY_LIMITS } from './body-shape';
import { envelope } from './envelope';

/** What an error becomes on the wire; anything not understood is a 500 and is logged by the caller. */
export function toAppException(error: unknown): AppException | null {
  if (error instanceof AppException) return error;
  if (error instanceof HttpException) return fromStatus(error.getStatus());
  // Still deadlocked or waiting for a lock after the transaction's retries: the client may try again.
  if (isTransientDbError(error)) return new AppException(ErrorCode.DatabaseBusy);
  // Errors raised by Express middleware (body-parser) carry a status of their own.
  const e = error as { status?: unknown; statusCode?: unknown; type?: unknown } | null;
  if (e?.type === 'entity.parse.failed') return new AppException(ErrorCode.BodyMalformed);
  if (e?.type === 'querystring.parse.rangeError') return new AppException(ErrorCode.BodyMalformed, `请求体嵌套过深：最多 ${BODY_LIMITS.depth} 层`);
  if (e?.type === 'parameters.too.many') return new AppException(ErrorCode.BodyMalformed, `请求体字段过多：最多 ${BODY_LIMITS.entries} 个`);
  if (e?.type === 'charset.unsupported' || e?.type === 'encoding.unsupported') return new AppException(ErrorCode.UnsupportedMediaType);
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : null;
  return status !== null && status >= 400 && status < 500 ? fromStatus(status) : null;
}

function fromStatus(status: number): AppException | null {
  switch (status) {
    case 400: return new AppException(ErrorCode.BodyMalformed);
    case 404: return new AppException(ErrorCode.RouteNotFound);
    case 405: return new AppException(ErrorCode.RouteNotFound);
    case 413: return new AppException(ErrorCode.PayloadTooLarge);
    case 415: return new AppException(ErrorCode.UnsupportedMediaType);
    case 429: return new AppException(ErrorCode.RateLimited);
    default: return status >= 500 ? null : new AppException(ErrorCode.ValidationFailed);
  }
}

export function writeError(res: Response, error: AppException, errorCodeField = false): void {
  if (res.headersSent) return;
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.httpStatus).json(envelope(error.code, error.message, null, errorCodeField));
}

export function internalError(): AppException {
  return new AppException(ErrorCode.InternalError);
}
