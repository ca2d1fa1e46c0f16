import { Header } from '@nestjs/common';
import type { CorsOptions, CorsOptionsDelegate } from '@nestjs/common/internal';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** The methods the API's routes use (`http-hardening.e2e-spec.ts` compares them with the registered routes). */
export const CORS_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
/** The request headers of the API's protocol (see docs/api.md), the only ones a preflight allows. */
export const CORS_REQUEST_HEADERS = ['Content-Type', 'Authorization', 'X-platform-code', 'X-auth-token', 'X-unique-key', 'X-location', 'X-city'];

/** Whether a request's `Origin` is one of CORS_ORIGINS (`scheme://host:*`: that host on any port, or on none). */
export function corsOriginMatcher(allowed: string[]): (origin: string | undefined) => boolean {
  const exact = new Set(allowed.filter((origin) => !origin.endsWith(':*')));
  const anyPort = allowed.filter((origin) => origin.endsWith(':*')).map((origin) => origin.slice(0, -2));
  return (origin) =>
    !!origin && (exact.has(origin) || anyPort.some((host) => origin === host || (origin.startsWith(`${host}:`) && /^\d{1,5}$/.test(origin.slice(host.length + 1)))));
}

/**
 * CORS for the listed origins only: they get their own origin back, credentials (the captcha cookie)
 * and the API's methods and headers; any other origin, `null` included, gets no CORS header at all,
 * so the browser keeps the answer from its page. The mini-program is no browser and needs none.
 */
export function corsForListedOrigins(origins: string[]): CorsOptionsDelegate<Request> {
  const listed = corsOriginMatcher(origins);
  const forListed: CorsOptions = {
    origin: true,
    credentials: true,
    methods: CORS_METHODS,
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: ['X-unique-key'],
    maxAge: 600,
  };
  return (req, callback) => {
    // The answer differs by origin even when it carries no CORS header: caches must keep them apart.
    req.res?.vary('Origin');
    callback(null, listed(req.headers.origin) ? forListed : { origin: false });
  };
}

/**
 * helmet's headers for a JSON API that will also serve the HR console's built files under
 * `/console/`: scripts, styles, fonts and images from this origin only (styles inline too, which
 * component libraries inject at run time), no framing anywhere, no referrer. HSTS always: browsers
 * ignore it over plain HTTP, and behind HTTPS it is what we want.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
      },
    },
    // Same site, not same origin: a console on another port of the same host (development) shows file links and captchas.
    crossOriginResourcePolicy: { policy: 'same-site' },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The API's host only: its sibling sub-domains are not ours to decide for.
    strictTransportSecurity: { maxAge: 365 * 24 * 3600, includeSubDomains: false },
  });
}

/**
 * Every answer may carry personal data (a resume, an ID photo, an application, a session) and is
 * kept by no cache, unless its handler is marked @NoPersonalData(). Set before routing, so that
 * errors and refusals carry it too.
 */
export function noStoreByDefault(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/** The same for every client (public catalogs): a cache may keep it, and asks again each time (ETag, 304). */
export const NoPersonalData = () => Header('Cache-Control', 'no-cache');
