import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export interface AuthenticatedUser {
  userId: number;
  sessionId: number;
}

export interface AuthenticatedRequest extends Request {
  user: AuthenticatedUser;
}

/** The WeChat user of the session that the auth guard accepted. */
export const CurrentUser = createParamDecorator(
  (_: unknown, host: ExecutionContext): AuthenticatedUser => host.switchToHttp().getRequest<AuthenticatedRequest>().user,
);
