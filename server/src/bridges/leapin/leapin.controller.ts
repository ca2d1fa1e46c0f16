import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import type { LeapinInviteResponse, LeapinJobList, LeapinPullResponse } from '@shanqian/shared';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../../admin/admin-route.decorator';
import { Ctx, RequestContext } from '../../common/request-context';
import { LeapinInviteDto, LeapinJobsQueryDto } from './leapin.dto';
import { LeapinService } from './leapin.service';

/** The LeapIn bridge's admin endpoints; 409 BridgeNotConfigured while LEAPIN_ACCESS_ID/SECRET are absent. */
@Controller('admin/bridges/leapin')
export class LeapinController {
  constructor(private readonly leapin: LeapinService) {}

  @Get('jobs')
  jobs(@Query() query: LeapinJobsQueryDto): Promise<LeapinJobList> {
    return this.leapin.jobs(query);
  }

  @Post('invite')
  @HttpCode(200)
  @AdminRoles('super')
  invite(@Body() body: LeapinInviteDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<LeapinInviteResponse> {
    return this.leapin.invite(admin, body, context.ip);
  }

  @Post('pull')
  @HttpCode(200)
  @AdminRoles('super')
  pull(): Promise<LeapinPullResponse> {
    return this.leapin.pull();
  }
}
