import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import type { Page, WorkPositionRow } from '@shanqian/shared';
import { Ctx, RequestContext } from '../../common/request-context';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';
import { SwitchableAdminController } from '../records/switchable-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { WORK_POSITIONS } from './catalog-resources';
import { WorkPositionDto } from './work-position.dto';

const fields = (body: WorkPositionDto) => ({ name: body.name, sort: body.sort ?? 0 });

/**
 * Every admin reads; only a super admin writes. Applications store the position's name as it was
 * when submitted, so a rename changes the picker, not past applications.
 */
@Controller('admin/work-positions')
export class WorkPositionAdminController extends SwitchableAdminController {
  constructor(private readonly catalog: CatalogAdminService) {
    super();
  }

  @Get()
  list(@Query() query: EnabledListQueryDto): Promise<Page<WorkPositionRow>> {
    return this.catalog.list(WORK_POSITIONS, query);
  }

  @AdminRoles('super')
  @Post()
  @HttpCode(200)
  create(@Body() body: WorkPositionDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<WorkPositionRow> {
    return this.catalog.create(WORK_POSITIONS, fields(body), admin, context.ip);
  }

  @AdminRoles('super')
  @Put(':id')
  update(@IdParam() id: number, @Body() body: WorkPositionDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<WorkPositionRow> {
    return this.catalog.update(WORK_POSITIONS, id, fields(body), admin, context.ip);
  }

  protected setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<WorkPositionRow> {
    return this.catalog.setEnabled(WORK_POSITIONS, id, enabled, admin, ip);
  }
}
