import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@shanqian/shared';
import { IS_PUBLIC } from '../auth/public.decorator';
import { AppException } from '../common/app.exception';
import { ContextualRequest } from '../common/request-context';
import { AdminAuthService } from './admin-auth.service';
import { ADMIN_ROLES, AdminRequest } from './admin-route.decorator';
import type { AdminRole } from './admin-user.entity';

export const ADMIN_PLATFORM = 'admin';

/** Guards the routes marked @AdminRoute(): the admin platform code, a live session of an enabled admin, and the role. */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AdminAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const roles = this.reflector.getAllAndOverride<AdminRole[] | undefined>(ADMIN_ROLES, targets);
    if (!roles) return true;
    const req = context.switchToHttp().getRequest<AdminRequest & ContextualRequest>();
    if (req.context.platformCode !== ADMIN_PLATFORM) throw new AppException(ErrorCode.AdminPlatformRequired);
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;

    const token = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    if (!token) throw new AppException(ErrorCode.AuthTokenMissing, '请先登录后台（Authorization: Bearer <token>）');
    req.admin = await this.auth.authenticate(token);
    if (roles.length && !roles.includes(req.admin.role)) throw new AppException(ErrorCode.AdminForbidden);
    return true;
  }
}
