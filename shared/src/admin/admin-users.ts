import type { EnabledFlag } from '../enums';
import type { AdminRole } from './auth';
import type { EnabledListQuery } from './catalog';

/** A row of `GET /admin/users` (super only), and the answer of its writes; never the password hash. */
export interface AdminUserRow {
  id: number;
  /** Lower case; never changes. */
  username: string;
  name: string | null;
  phone: string | null;
  email: string | null;
  role: AdminRole;
  status: EnabledFlag;
  /** An hr admin sees every application, not only those assigned to them. */
  view_all_applications: boolean;
  created_at: string;
}

export interface AdminUserListQuery extends EnabledListQuery {
  role?: AdminRole;
}

/** What a super admin sets on any admin; `PUT` replaces all of it (an absent optional field is cleared). */
export interface AdminUserFields {
  name: string;
  /** An 11-digit mainland mobile number. */
  phone?: string | null;
  email?: string | null;
  role: AdminRole;
  /** False when absent. */
  view_all_applications?: boolean | null;
}

/** `POST /admin/users`: the password 10-72 characters with letters and digits. */
export interface AdminUserCreateRequest extends AdminUserFields {
  username: string;
  password: string;
}

/** `PUT /admin/users/:id`: a password given resets it, and every session of that admin ends. */
export interface AdminUserUpdateRequest extends AdminUserFields {
  password?: string | null;
}

/**
 * `POST /admin/users/:id/password`: a super admin sets another admin's password and nothing else (a
 * PUT would also write back the other fields as the console last read them); every session of that
 * admin ends.
 */
export interface AdminPasswordResetRequest {
  password: string;
}
