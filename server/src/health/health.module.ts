import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { UploadModule } from '../upload/upload.module';
import { HealthController } from './health.controller';

/** GET /healthz and GET /readyz. */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), UploadModule],
  controllers: [HealthController],
})
export class HealthModule {}
