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

/** Where a request came from, as sessions and application events record it. */
export function origin(context: RequestContext): { ip: string; city: string | null; lng: number | null; lat: number | null } {
  return { ip: context.ip, city: context.city, lng: context.location?.lng ?? null, lat: context.location?.lat ?? null };
}
