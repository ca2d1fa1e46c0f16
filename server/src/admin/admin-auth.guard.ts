import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@shanqian/shared';
import { IS_PUBLIC } from '../auth/public.decorator';
import { AppException } from '../common/app.exception';
import { BACK_OFFICE, isBackOfficeRoute } from '../common/registered-routes';
import { ContextualRequest } from '../common/request-context';
import { AdminAuthService } from './admin-auth.service';
import { ADMIN_ROLES, AdminRequest } from './admin-route.decorator';
import type { AdminRole } from './admin-user.entity';

/**
 * Decides for every route registered under `/admin/`, with no decorator needed: the admin platform
 * code, then (unless the route is @Public(), which only the login is) a live Bearer session of an
 * enabled admin, then the roles of @AdminRoles() when the route narrows them. Other routes are not its.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AdminAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!isBackOfficeRoute(context)) return true;
    const req = context.switchToHttp().getRequest<AdminRequest & ContextualRequest>();
    if (req.context.platformCode !== BACK_OFFICE.platform) throw new AppException(ErrorCode.AdminPlatformRequired);
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!token) throw new AppException(ErrorCode.AuthTokenMissing, '请先登录后台（Authorization: Bearer <token>）');
    req.admin = await this.auth.authenticate(token);
    const roles = this.reflector.getAllAndOverride<AdminRole[] | undefined>(ADMIN_ROLES, targets);
    if (roles && !roles.includes(req.admin.role)) throw new AppException(ErrorCode.AdminForbidden);
    return true;
  }
}
