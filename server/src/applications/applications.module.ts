import { Module } from '@nestjs/common';
import { ApplicationStatsService } from './application-stats.service';
import { ApplicationsService } from './applications.service';
import { EmStatusController } from './em-status.controller';
import { SignApplicationRepository } from './sign-application.repository';

/**
 * The sign application: its lifecycle (ApplicationsService is the only writer of `sign_apply` and
 * `sign_apply_event`), its history, who may see it (application-access.ts) and the events it
 * publishes. HR's screens over it are ApplicationAdminModule, which also reads the modules that
 * build on this one.
 */
@Module({
  controllers: [EmStatusController],
  providers: [SignApplicationRepository, ApplicationsService, ApplicationStatsService],
  exports: [ApplicationsService, ApplicationStatsService],
})
export class ApplicationsModule {}
