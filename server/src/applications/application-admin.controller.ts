import { Body, Controller, Get, Header, HttpCode, Inject, Post, Query, Req, StreamableFile } from '@nestjs/common';
import type { ApplicationDetail, ApplicationRow, BulkDecisionResponse, Page, RevealIdNumberResponse } from '@shanqian/shared';
import type { Request } from 'express';
import { AdminPrincipal, CurrentAdmin } from '../admin/admin-route.decorator';
import { RawResponse } from '../common/envelope';
import { IdParam } from '../common/id-param';
import { evidenceFile } from '../sign/evidence/evidence.service';
import { publicBaseUrl } from '../common/public-url';
import { Ctx, RequestContext } from '../common/request-context';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApplicationAdminService } from './application-admin.service';
import {
  ApplicationQueryDto,
  ApproveApplicationDto,
  BulkApproveApplicationsDto,
  BulkRejectApplicationsDto,
  CancelApplicationDto,
  RejectApplicationDto,
} from './dto/review-application.dto';

@Controller('admin/applications')
export class ApplicationAdminController {
  constructor(
    private readonly applications: ApplicationAdminService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  list(@Query() query: ApplicationQueryDto, @CurrentAdmin() admin: AdminPrincipal): Promise<Page<ApplicationRow>> {
    return this.applications.list(admin, query);
  }

  /** Declared before `:id` so that "export" is not taken for an id. */
  @Get('export')
  @RawResponse()
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', `attachment; filename="applications.csv"; filename*=UTF-8''${encodeURIComponent('签约申请')}.csv`)
  @Header('Cache-Control', 'no-store')
  export(@Query() query: ApplicationQueryDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<string> {
    return this.applications.export(admin, query, context.ip);
  }

  /** One outcome per id (200 whatever they are); a malformed body or terms wrong for all → 400 and nothing decided. */
  @Post('bulk-approve')
  @HttpCode(200)
  bulkApprove(@Body() body: BulkApproveApplicationsDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<BulkDecisionResponse> {
    return this.applications.bulkApprove(admin, body, context);
  }

  @Post('bulk-reject')
  @HttpCode(200)
  bulkReject(@Body() body: BulkRejectApplicationsDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<BulkDecisionResponse> {
    return this.applications.bulkReject(admin, body, context);
  }

  @Get(':id')
  detail(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Req() req: Request): Promise<ApplicationDetail> {
    return this.applications.detail(admin, id, publicBaseUrl(req, this.config));
  }

  /** The filled contract PDF the worker will review and sign (status 2 only). */
  @Get(':id/contract-preview')
  @RawResponse()
  async contractPreview(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<StreamableFile> {
    const { filename, pdf } = await this.applications.contractPreview(admin, id, context.ip);
    return new StreamableFile(pdf, { type: 'application/pdf', disposition: `inline; filename="${filename}"` });
  }

  @Post(':id/reveal')
  @HttpCode(200)
  reveal(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<RevealIdNumberResponse> {
    return this.applications.revealIdNumber(admin, id, context.ip);
  }

  @Get(':id/evidence')
  @RawResponse()
  async evidence(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<StreamableFile> {
    return evidenceFile(await this.applications.evidence(admin, id, context.ip));
  }

  @Post(':id/approve')
  @HttpCode(200)
  approve(@IdParam() id: number, @Body() body: ApproveApplicationDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<ApplicationRow> {
    return this.applications.approve(admin, id, body, context);
  }

  @Post(':id/reject')
  @HttpCode(200)
  reject(@IdParam() id: number, @Body() body: RejectApplicationDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<ApplicationRow> {
    return this.applications.reject(admin, id, body, context);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancel(@IdParam() id: number, @Body() body: CancelApplicationDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<ApplicationRow> {
    return this.applications.cancel(admin, id, body, context);
  }
}
