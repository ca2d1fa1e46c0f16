import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { RawResponse } from '../common/envelope';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FileStorageService } from '../upload/file-storage.service';

/** Each dependency gets this long to answer a readiness check before it counts as down. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * Probes for orchestrators and load balancers, answered in terminus's shape (`{status, info, error,
 * details}`), not the envelope: probes read the HTTP status, and this shape is the one their tooling
 * knows. Neither needs a session nor the X-* headers (the request-context middleware lets them through).
 */
@Controller()
@Public()
@RawResponse()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    private readonly storage: FileStorageService,
    @Inject(KV_STORE) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Liveness: the process answers HTTP. Checks no dependency, so an outage elsewhere never gets the process restarted. */
  @Get('healthz')
  @HealthCheck()
  liveness(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.answer(res, []);
  }

  /** Readiness: the database answers `SELECT 1`, and Redis and the object store when configured; 503 names the one that failed. */
  @Get('readyz')
  @HealthCheck()
  readiness(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.answer(res, [
      () => this.database.pingCheck('database').withTimeout(READINESS_TIMEOUT_MS),
      ...(this.config.redisUrl ? [() => this.indicators.check('redis').attempt(() => this.store.ping()).withTimeout(READINESS_TIMEOUT_MS)] : []),
      ...(this.config.storage.type === 's3' ? [() => this.indicators.check('object_store').attempt(() => this.storage.ping()).withTimeout(READINESS_TIMEOUT_MS)] : []),
    ]);
  }

  /** A failed check is still terminus's result, with status 503, rather than an envelope from the exception filter. */
  private async answer(res: Response, checks: Parameters<HealthCheckService['check']>[0]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }
}
