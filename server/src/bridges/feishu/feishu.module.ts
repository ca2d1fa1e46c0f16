import { ApplicationsModule } from '../../applications/applications.module';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { FEISHU_CLIENT, FeishuHireClient } from './feishu-hire.client';
import { FeishuLinkRepository } from './feishu-link.repository';
import { FeishuMirrorService } from './feishu-mirror.service';
import { FeishuController } from './feishu.controller';
import { FeishuService } from './feishu.service';

/** Feishu Hire (docs/bridges-feishu.md): off, with its endpoints answering 503, until FEISHU_APP_ID and FEISHU_APP_SECRET are set. */
@Module({
  imports: [ApplicationsModule],
  controllers: [FeishuController],
  providers: [
    { provide: FEISHU_CLIENT, inject: [APP_CONFIG], useFactory: (config: AppConfig) => (config.bridges.feishu ? new FeishuHireClient(config) : null) },
    FeishuLinkRepository,
    FeishuMirrorService,
    FeishuService,
  ],
})
export class FeishuModule {}
