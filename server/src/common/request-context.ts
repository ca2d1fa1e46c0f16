import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface GeoPoint {
  lng: number;
  lat: number;
}

/** What the protocol headers said about this request, checked by the request-context middleware. */
export interface RequestContext {
  platformCode: string;
  uniqueKey: string;
  /** From X-location; null when the user refused location access. */
  location: GeoPoint | null;
  /** From X-city. */
  city: string | null;
  ip: string;
}

export interface ContextualRequest extends Request {
  context: RequestContext;
}

export const Ctx = createParamDecorator(
  (_: unknown, host: ExecutionContext): RequestContext => host.switchToHttp().getRequest<ContextualRequest>().context,
);
