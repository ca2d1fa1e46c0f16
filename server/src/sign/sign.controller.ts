import { Controller, Get } from '@nestjs/common';
import type { EmStatusResponse } from '@shanqian/shared';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { SignStatusService } from './sign-status.service';

@Controller()
export class SignController {
  constructor(private readonly statuses: SignStatusService) {}

  @Get('em_status')
  status(@CurrentUser() user: AuthenticatedUser): Promise<EmStatusResponse> {
    return this.statuses.status(user.userId);
  }
}
