import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';

/** Base of the absolute URLs the API hands out: PUBLIC_BASE_URL, or where this request came in. */
export function publicBaseUrl(req: Request, config: AppConfig): string {
  return config.publicBaseUrl ?? `${req.protocol}://${req.get('host')}`;
}
