import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, HEADER } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { isBackOfficeRoute } from '../common/registered-routes';
import { ContextualRequest } from '../common/request-context';
import { AuthService } from './auth.service';
import { AuthenticatedRequest } from './current-user.decorator';
import { IS_PUBLIC } from './public.decorator';

/**
 * Every route outside `/admin/` needs a live X-auth-token session, opened from the platform the
 * request comes from, unless it is marked @Public(). The back office's routes are AdminAuthGuard's.
 */
@Injectable()
export class SessionAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (isBackOfficeRoute(context) || this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest & ContextualRequest>();
    const token = req.header(HEADER.authToken)?.trim();
    if (!token) throw new AppException(ErrorCode.AuthTokenMissing);
    req.user = await this.auth.authenticate(token, req.context.platformCode);
    return true;
  }
}
