import { Controller, Get } from '@nestjs/common';
import type { EmStatusResponse } from '@shanqian/shared';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { ApplicationsService } from './applications.service';

/** GET /em_status: the mini-program's home page (seed §3.1). */
@Controller()
export class EmStatusController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get('em_status')
  async status(@CurrentUser() user: AuthenticatedUser): Promise<EmStatusResponse> {
    const row = await this.applications.workerStatus(user.userId);
    return {
      reason: row?.reason ?? '',
      company_name: row?.company_name ?? '',
      status: row?.status ?? 0,
      verify_status: row?.verify_status ?? 0,
      verify_reason: row?.verify_reason ?? '',
    };
  }
}
