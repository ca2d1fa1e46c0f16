import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AdminRole } from './admin-user.entity';

export const ADMIN_ROLES = 'shanqian:admin-roles';

/**
 * A back-office route: it needs a live `Authorization: Bearer` admin session instead of the worker's
 * X-auth-token, and, when roles are named, one of them. Put on a controller, it covers every route.
 */
export const AdminRoute = (...roles: AdminRole[]) => SetMetadata(ADMIN_ROLES, roles);

/** Who is acting in the back office, as the admin guard found them. */
export interface AdminPrincipal {
  adminId: number;
  sessionId: number;
  username: string;
  role: AdminRole;
  /** An hr admin granted to see every application, not only the ones assigned to them. */
  viewAll: boolean;
}

export interface AdminRequest extends Request {
  admin: AdminPrincipal;
}

export const CurrentAdmin = createParamDecorator(
  (_: unknown, host: ExecutionContext): AdminPrincipal => host.switchToHttp().getRequest<AdminRequest>().admin,
);

/** Whether the admin may see applications handled by someone else. */
export const seesAllApplications = (admin: AdminPrincipal): boolean => admin.role === 'super' || admin.viewAll;
