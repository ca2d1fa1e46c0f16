import { HttpCode, Post } from '@nestjs/common';
import { Ctx, RequestContext } from '../../common/request-context';
import { AdminPrincipal, AdminRoles, CurrentAdmin } from '../admin-route.decorator';
import { IdParam } from '../../common/id-param';

/**
 * `POST :id/enable` and `POST :id/disable`, the same on every back-office resource that has a status:
 * only a super admin switches records, whatever the controller lets others read.
 */
export abstract class SwitchableAdminController {
  protected abstract setEnabled(id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<unknown>;

  @AdminRoles('super')
  @Post(':id/enable')
  @HttpCode(200)
  enable(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<unknown> {
    return this.setEnabled(id, true, admin, context.ip);
  }

  @AdminRoles('super')
  @Post(':id/disable')
  @HttpCode(200)
  disable(@IdParam() id: number, @CurrentAdmin() admin: AdminPrincipal, @Ctx() context: RequestContext): Promise<unknown> {
    return this.setEnabled(id, false, admin, context.ip);
  }
}
