import { Controller, Get, Inject } from '@nestjs/common';
import type { ApprovalSettings } from '@shanqian/shared';
import { Clock, CLOCK } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { entryDateWindow } from './approval-terms';

/** What an approval's terms are checked against, for the console's form to check the same before sending. */
@Controller('admin/settings')
export class ApprovalSettingsController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('approval')
  approval(): ApprovalSettings {
    const limits = this.config.approval;
    const window = entryDateWindow(limits, new Date(this.clock.now()));
    return {
      entry_date_past_days: limits.entryDatePastDays,
      entry_date_future_days: limits.entryDateFutureDays,
      entry_date_from: window.from,
      entry_date_to: window.to,
      salary_min: limits.salaryMin,
      salary_max: limits.salaryMax,
    };
  }
}
