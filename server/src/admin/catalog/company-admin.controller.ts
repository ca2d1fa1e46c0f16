import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import type { CompanyRow, Page } from '@shanqian/shared';
import { Ctx, RequestContext } from '../../common/request-context';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';
import { SwitchableAdminController } from '../records/switchable-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { COMPANIES } from './catalog-resources';
import { CompanyDto } from './company.dto';

/** Every admin reads (HR staff pick companies while reviewing); only a super admin writes. */
@Controller('admin/companies')
export class CompanyAdminController extends SwitchableAdminController {
  constructor(private readonly catalog: CatalogAdminService) {
    super();
  }

  @Get()
  list(@Query() query: EnabledListQueryDto): Promise<Page<CompanyRow>> {
    return this.catalog.list(COMPANIES, query);
  }

  @AdminRoles('super')
  @Post()
  @HttpCode(200)
  create(@Body() body: CompanyDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<CompanyRow> {
    return this.catalog.create(COMPANIES, { companyName: body.company_name }, admin, context.ip);
  }

  @AdminRoles('super')
  @Put(':id')
  update(@IdParam() id: number, @Body() body: CompanyDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<CompanyRow> {
    return this.catalog.update(COMPANIES, id, { companyName: body.company_name }, admin, context.ip);
  }

  protected setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<CompanyRow> {
    return this.catalog.setEnabled(COMPANIES, id, enabled, admin, ip);
  }
}
