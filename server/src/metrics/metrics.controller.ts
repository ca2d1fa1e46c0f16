import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { AppException } from '../common/app.exception';
import { RawResponse } from '../common/envelope';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * GET /metrics for Prometheus, with `Authorization: Bearer <METRICS_TOKEN>`. Without METRICS_TOKEN, and
 * to a caller without the token, it answers as an unknown route would (404 10005): nothing tells a
 * scanner that metrics are there.
 */
@Controller('metrics')
@Public()
export class MetricsController {
  private readonly token: Buffer | null;

  constructor(
    private readonly metrics: MetricsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.token = config.metricsToken === null ? null : digest(config.metricsToken);
  }

  @Get()
  @RawResponse()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() res: Response): Promise<void> {
    if (!this.authorized(authorization)) throw new AppException(ErrorCode.RouteNotFound);
    res.type(this.metrics.contentType).send(await this.metrics.text());
  }

  /** Compared as digests, in constant time: the comparison tells nothing of how much of a guess was right. */
  private authorized(authorization: string | undefined): boolean {
    const presented = /^Bearer (\S+)$/i.exec(authorization?.trim() ?? '')?.[1];
    return this.token !== null && presented !== undefined && timingSafeEqual(digest(presented), this.token);
  }
}
