import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import type { DictRow, Page } from '@shanqian/shared';
import { Ctx, RequestContext } from '../../common/request-context';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { SwitchableAdminController } from '../records/switchable-admin.controller';
import { CatalogAdminService } from './catalog-admin.service';
import { DICTS } from './catalog-resources';
import { CreateDictDto, DictListQueryDto, UpdateDictDto } from './dict.dto';

/** The entries GET /dict/{dict_item} serves. Every admin reads; only a super admin writes. */
@Controller('admin/dicts')
export class DictAdminController extends SwitchableAdminController {
  constructor(private readonly catalog: CatalogAdminService) {
    super();
  }

  @Get()
  list(@Query() query: DictListQueryDto): Promise<Page<DictRow>> {
    return this.catalog.list(DICTS, query, { 'r.dict_item': query.dict_item });
  }

  @AdminRoles('super')
  @Post()
  @HttpCode(200)
  create(@Body() body: CreateDictDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<DictRow> {
    const values = { dictItem: body.dict_item, dictKey: body.dict_key, dictValue: body.dict_value, sort: body.sort ?? 0 };
    return this.catalog.create(DICTS, values, admin, context.ip);
  }

  /** An absent dict_item or dict_key means "unchanged"; a different one is refused. */
  @AdminRoles('super')
  @Put(':id')
  update(@IdParam() id: number, @Body() body: UpdateDictDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<DictRow> {
    const values = { dictItem: body.dict_item ?? undefined, dictKey: body.dict_key ?? undefined, dictValue: body.dict_value, sort: body.sort ?? 0 };
    return this.catalog.update(DICTS, id, values, admin, context.ip);
  }

  protected setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<DictRow> {
    return this.catalog.setEnabled(DICTS, id, enabled, admin, ip);
  }
}
