import { Controller, Get } from '@nestjs/common';
import type { ApplicationStats } from '@shanqian/shared';
import { AdminPrincipal, CurrentAdmin } from '../admin/admin-route.decorator';
import { scopeFor } from './application-access';
import { ApplicationStatsService } from './application-stats.service';

/** The dashboard's figures. Registered before ApplicationAdminController, whose `:id` would take "stats" for an id. */
@Controller('admin/applications')
export class ApplicationStatsController {
  constructor(private readonly stats: ApplicationStatsService) {}

  @Get('stats')
  get(@CurrentAdmin() admin: AdminPrincipal): Promise<ApplicationStats> {
    return this.stats.stats(scopeFor(admin));
  }
}
