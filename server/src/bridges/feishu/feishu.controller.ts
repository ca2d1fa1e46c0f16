import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import type { FeishuExternalApplications, FeishuLinkView } from '@shanqian/shared';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../../admin/admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { Ctx, RequestContext } from '../../common/request-context';
import { FeishuLinkDto, TalentQueryDto } from './feishu.dto';
import { FeishuService } from './feishu.service';

@Controller('admin/bridges/feishu')
export class FeishuController {
  constructor(private readonly feishu: FeishuService) {}

  /** A talent's external applications in Feishu Hire (every page). */
  @Get('external-applications')
  externalApplications(@Query() query: TalentQueryDto): Promise<FeishuExternalApplications> {
    return this.feishu.externalApplications(query.talent_id);
  }

  /** Links an application to a Feishu talent; its status is mirrored there from now on. */
  @Post('link')
  @HttpCode(200)
  @AdminRoles('super')
  link(@Body() body: FeishuLinkDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<FeishuLinkView> {
    return this.feishu.link(admin, body, context.ip);
  }

  @Get('links/:applicationId')
  linkOf(@IdParam('applicationId') applicationId: number, @CurrentAdmin() admin: AdminPrincipal): Promise<FeishuLinkView> {
    return this.feishu.linkOf(admin, applicationId);
  }
}
