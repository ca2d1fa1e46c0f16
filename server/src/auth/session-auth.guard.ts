import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, HEADER } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { AuthService } from './auth.service';
import { AuthenticatedRequest } from './current-user.decorator';
import { ADMIN_ROLES } from '../admin/admin-route.decorator';
import { IS_PUBLIC } from './public.decorator';

/** Every endpoint needs a live X-auth-token session unless it is marked @Public() or is a back-office route (AdminAuthGuard's). */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || this.reflector.getAllAndOverride(ADMIN_ROLES, targets)) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = req.header(HEADER.authToken)?.trim();
    if (!token) throw new AppException(ErrorCode.AuthTokenMissing);
    req.user = await this.auth.authenticate(token);
    return true;
  }
}
