import { AdminPrincipal } from '../admin/admin-route.decorator';

/**
 * Which applications an admin may see and act on: a super admin, or an hr admin granted to see all,
 * every one; any other hr admin those assigned to them as handler. This is the only place that rule
 * is written: lists, details, decisions, exports, the employee search and the bridges all ask here.
 */
export interface ApplicationScope {
  /** null: every application. */
  handlerId: number | null;
}

export function scopeFor(admin: AdminPrincipal): ApplicationScope {
  return { handlerId: admin.role === 'super' || admin.viewAll ? null : admin.adminId };
}

export function inScope(scope: ApplicationScope, application: { handlerId: number }): boolean {
  return scope.handlerId === null || application.handlerId === scope.handlerId;
}
