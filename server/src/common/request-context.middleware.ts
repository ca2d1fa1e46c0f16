import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { ErrorCode, HEADER } from '@shanqian/shared';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AppException } from './app.exception';
import { SecretsService } from './crypto/secrets.service';
import { ErrorCodeFieldRoutes } from './error-code-field-routes';
import { writeError } from './error-response';
import { isOperatorRequest } from './operator-routes';
import { ContextualRequest, GeoPoint, RequestContext } from './request-context';

/** 16 hex characters of random id, then the first 16 of its HMAC: 32 in all, as the protocol has always said. */
const UNIQUE_KEY = /^([0-9a-f]{16})([0-9a-f]{16})$/;
/** `lng,lat` or `lng-lat`; the second form is why a negative latitude needs the comma. */
const LOCATION = /^(-?\d{1,3}(?:\.\d+)?)[,-](-?\d{1,2}(?:\.\d+)?)$/;
const CITY_MAX = 32;

export function parseLocation(value: string): GeoPoint {
  const match = LOCATION.exec(value.trim());
  const lng = match ? Number(match[1]) : NaN;
  const lat = match ? Number(match[2]) : NaN;
  if (!(Math.abs(lng) <= 180 && Math.abs(lat) <= 90)) {
    throw new AppException(ErrorCode.HeaderInvalid, 'X-location: 应为“经度,纬度”，例如 116.397,39.909');
  }
  return { lng, lat };
}

function parseCity(value: string): string {
  // Headers arrive as Latin-1 octets; clients send the city name UTF-8 encoded, possibly percent-encoded.
  let city: string;
  try {
    city = /%[0-9A-Fa-f]{2}/.test(value) ? decodeURIComponent(value) : Buffer.from(value, 'latin1').toString('utf8');
  } catch {
    throw new AppException(ErrorCode.HeaderInvalid, 'X-city: 编码无效');
  }
  city = city.trim();
  if (!city || city.length > CITY_MAX || /[\u0000-\u001f\ufffd]/.test(city)) {
    throw new AppException(ErrorCode.HeaderInvalid, `X-city: 应为不超过 ${CITY_MAX} 个字的城市名称`);
  }
  return city;
}

/**
 * Signed file links are opened by <image> tags and downloads, which send no protocol headers: the signature is their credential.
 * The path comes from `originalUrl`: mounted for '*', this middleware sees `req.url` (and `req.path`) stripped to '/'.
 */
export const isSignedFileRequest = (req: Request): boolean =>
  (req.method === 'GET' || req.method === 'HEAD') && /^\/image\/[^/?#]+(?:[?#]|$)/.test(req.originalUrl);

/**
 * X-unique-key values carry their own proof: a random id and its MAC under the data key. Checking
 * one needs no storage, so no request, however many arrive without a key, leaves state behind.
 */
export class UniqueKeys {
  constructor(private readonly secrets: SecretsService) {}

  issue(): string {
    const id = randomBytes(8).toString('hex');
    return id + this.tag(id);
  }

  isIssued(key: string): boolean {
    const match = UNIQUE_KEY.exec(key);
    return !!match && timingSafeEqual(Buffer.from(this.tag(match[1]), 'hex'), Buffer.from(match[2], 'hex'));
  }

  private tag(id: string): string {
    return this.secrets.mac('unique-keys', id).slice(0, 16);
  }
}

/**
 * Runs before anything else (body parsing, uploads, routing): rejects requests without an accepted
 * X-platform-code, issues X-unique-key to clients without one we issued, and parses X-location and X-city.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly accepted: Set<string>;
  private readonly uniqueKeys: UniqueKeys;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    secrets: SecretsService,
    private readonly errorCodeRoutes: ErrorCodeFieldRoutes,
  ) {
    this.accepted = new Set(config.platformCodes);
    this.uniqueKeys = new UniqueKeys(secrets);
  }

  use(req: Request, res: Response, next: NextFunction): void {
    let context: RequestContext | null;
    try {
      context = this.resolve(req, res);
    } catch (error) {
      return error instanceof AppException ? writeError(res, error, this.errorCodeRoutes.has(req)) : next(error);
    }
    if (context) (req as ContextualRequest).context = context;
    next();
  }

  private resolve(req: Request, res: Response): RequestContext | null {
    if (isSignedFileRequest(req) || isOperatorRequest(req)) return null;
    const platformCode = req.header(HEADER.platformCode)?.trim();
    if (!platformCode) throw new AppException(ErrorCode.PlatformCodeMissing);
    if (!this.accepted.has(platformCode)) throw new AppException(ErrorCode.PlatformCodeUnknown);
    const locationHeader = req.header(HEADER.location);
    const cityHeader = req.header(HEADER.city);
    const location = locationHeader ? parseLocation(locationHeader) : null;
    const city = cityHeader ? parseCity(cityHeader) : null;

    let uniqueKey = req.header(HEADER.uniqueKey)?.trim().toLowerCase() ?? '';
    if (!this.uniqueKeys.isIssued(uniqueKey)) {
      uniqueKey = this.uniqueKeys.issue();
      res.setHeader('X-unique-key', uniqueKey);
    }
    return { platformCode, uniqueKey, location, city, ip: req.ip ?? req.socket.remoteAddress ?? '' };
  }
}
