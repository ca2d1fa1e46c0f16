import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BridgeEventRepository } from './bridge-event.repository';
import { BridgeJobRepository } from './bridge-job.repository';
import { BridgeQueue } from './bridge-queue';
import { BridgeStatusController } from './bridge-status.controller';
import { BridgeStatusService } from './bridge-status.service';
import { OutboxBridgeQueue } from './outbox-bridge-queue';
import { PartnerErrorInterceptor } from './partner-error.interceptor';

/** What every bridge uses: the persisted queue, the status page, PartnerError answers. Global, so bridge modules just inject. */
@Global()
@Module({
  controllers: [BridgeStatusController],
  providers: [
    BridgeStatusService,
    BridgeEventRepository,
    BridgeJobRepository,
    {
      provide: BridgeQueue,
      inject: [APP_CONFIG, BridgeStatusService, BridgeJobRepository],
      useFactory: (config: AppConfig, status: BridgeStatusService, jobs: BridgeJobRepository): BridgeQueue => {
        if (!config.redisUrl) return new OutboxBridgeQueue(status, config.bridges.backoffMs, jobs, config.bridges.queuePollMs);
        // BullMQ is loaded only with Redis configured (about 0.1 s of start-up otherwise spent for nothing).
        const { BullmqBridgeQueue } = require('./bullmq-bridge-queue') as typeof import('./bullmq-bridge-queue');
        return new BullmqBridgeQueue(status, config.bridges.backoffMs, config.redisUrl, `${config.redisKeyPrefix}bridges`);
      },
    },
    { provide: APP_INTERCEPTOR, useClass: PartnerErrorInterceptor },
  ],
  exports: [BridgeQueue, BridgeStatusService],
})
export class BridgesCommonModule {}
