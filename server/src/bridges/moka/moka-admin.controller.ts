import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import type { MokaDepartmentSyncReport, MokaImportResponse, MokaRunReport, MokaUserSyncReport } from '@shanqian/shared';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../../admin/admin-route.decorator';
import { AppException } from '../../common/app.exception';
import { Ctx, RequestContext } from '../../common/request-context';
import { MokaImportDto, MokaSyncDepartmentsDto, MokaWaitDto } from './moka.dto';
import type { MokaOfferCustomFields } from './moka.types';
import { MokaImportService } from './moka-import.service';
import { MokaSyncService } from './moka-sync.service';

const DEFAULT_WAIT_SECONDS = 10;
const waitMs = (body: MokaWaitDto) => (body.wait_seconds ?? DEFAULT_WAIT_SECONDS) * 1000;

/** The Moka bridge in the back office: a super admin runs the import and the syncs; HR staff may read. */
@Controller('admin/bridges/moka')
export class MokaAdminController {
  constructor(
    private readonly imports: MokaImportService,
    private readonly syncs: MokaSyncService,
  ) {}

  @Get('offer-fields')
  offerFields(): Promise<MokaOfferCustomFields> {
    return this.imports.offerFields();
  }

  @AdminRoles('super')
  @Post('import')
  @HttpCode(200)
  import(@Body() body: MokaImportDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<MokaImportResponse> {
    return this.imports.import(body, admin, context.ip);
  }

  @AdminRoles('super')
  @Post('sync-users')
  @HttpCode(200)
  syncUsers(@Body() body: MokaWaitDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<MokaUserSyncReport> {
    return this.syncs.syncUsers(admin, context.ip, waitMs(body));
  }

  @AdminRoles('super')
  @Post('sync-departments')
  @HttpCode(200)
  syncDepartments(@Body() body: MokaSyncDepartmentsDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<MokaDepartmentSyncReport> {
    return this.syncs.syncDepartments(body.mode, body.confirm === true, admin, context.ip, waitMs(body));
  }

  /** A sync's report, for one that was still queued when its request answered. */
  @Get('runs/:run_id')
  run(@Param('run_id', new ParseUUIDPipe({ exceptionFactory: () => AppException.invalid('run_id', '应为同步返回的 run_id') })) runId: string): Promise<MokaRunReport> {
    return this.syncs.report(runId);
  }
}
