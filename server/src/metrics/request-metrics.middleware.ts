import { performance } from 'node:perf_hooks';
import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService, UNROUTED } from './metrics.service';

/**
 * Times every request from its arrival to the end of its answer. A middleware rather than an
 * interceptor: requests refused by the protocol middleware or a guard never reach an interceptor, and
 * they count too. The route label is the path Express matched as registered (`/admin/applications/:id`),
 * never the URL, so the label set stays as small as the route table.
 */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    // A duration, not a time of day: the monotonic clock, which no spec needs to drive.
    const start = performance.now();
    res.once('finish', () => {
      const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
      // Nest mounts middleware as an every-path route ({/*splat}): a request that stopped there matched no route.
      const route = typeof path === 'string' && path.startsWith('/') ? path : UNROUTED;
      this.metrics.observeRequest(req.method, route, res.statusCode, (performance.now() - start) / 1000);
    });
    next();
  }
}
