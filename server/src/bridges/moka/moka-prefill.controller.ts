import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { EmployeePrefillResponse } from '@shanqian/shared';
import { AuthenticatedUser, CurrentUser } from '../../auth/current-user.decorator';
import { EmployeePrefillDto } from './moka.dto';
import { MokaPrefillService } from './moka-prefill.service';

/** Mini-program (X-auth-token session): the resume Moka pre-filled for a phone the worker proves by SMS. */
@Controller('employee')
export class MokaPrefillController {
  constructor(private readonly prefills: MokaPrefillService) {}

  @Post('prefill')
  @HttpCode(200)
  prefill(@Body() body: EmployeePrefillDto, @CurrentUser() user: AuthenticatedUser): Promise<EmployeePrefillResponse> {
    return this.prefills.prefill(user.userId, body);
  }
}
