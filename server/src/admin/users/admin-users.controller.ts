import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import type { AdminUserRow, Page } from '@shanqian/shared';
import { Ctx, RequestContext } from '../../common/request-context';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';
import { SwitchableAdminController } from '../records/switchable-admin.controller';
import { AdminUserListQueryDto, CreateAdminUserDto, ResetAdminPasswordDto, UpdateAdminUserDto } from './admin-user.dto';
import { AdminUsersService } from './admin-users.service';

/** Back-office accounts: super admins only, reads included (the list shows who can do what). */
@AdminRoles('super')
@Controller('admin/users')
export class AdminUsersController extends SwitchableAdminController {
  constructor(private readonly users: AdminUsersService) {
    super();
  }

  @Get()
  list(@Query() query: AdminUserListQueryDto): Promise<Page<AdminUserRow>> {
    return this.users.list(query);
  }

  @Post()
  @HttpCode(200)
  create(@Body() body: CreateAdminUserDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<AdminUserRow> {
    return this.users.create(body, admin, context.ip);
  }

  @Put(':id')
  update(@IdParam() id: number, @Body() body: UpdateAdminUserDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<AdminUserRow> {
    return this.users.update(id, body, admin, context.ip);
  }

  @Post(':id/password')
  @HttpCode(200)
  resetPassword(@IdParam() id: number, @Body() body: ResetAdminPasswordDto, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<AdminUserRow> {
    return this.users.resetPassword(id, body.password, admin, context.ip);
  }

  protected setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<AdminUserRow> {
    return this.users.setEnabled(id, enabled, admin, ip);
  }
}
