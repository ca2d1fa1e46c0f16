import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { AdminRole } from './admin-user.entity';

export const ADMIN_ROLES = 'shanqian:admin-roles';

/**
 * Narrows a back-office route to these roles. Every route under `/admin/` already needs a live admin
 * session of any role without a decorator (AdminAuthGuard); on a controller this covers each of its
 * routes, and a route's own list replaces the controller's.
 */
export const AdminRoles = (role: AdminRole, ...more: AdminRole[]) => SetMetadata(ADMIN_ROLES, [role, ...more]);

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
