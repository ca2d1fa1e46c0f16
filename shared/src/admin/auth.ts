/** Back-office roles: `super` manages admins and reads the audit log; `hr` reviews applications. */
export type AdminRole = 'super' | 'hr';

/** Value of `X-platform-code` on every `/admin/*` request. */
export const ADMIN_PLATFORM_CODE = 'admin';

/** `POST /admin/login` */
export interface AdminLoginRequest {
  username: string;
  password: string;
}

/** The signed-in admin, as the login answers it. */
export interface AdminProfile {
  id: number;
  username: string;
  name: string | null;
  role: AdminRole;
}

/** `data` of `POST /admin/login`: the Bearer token for `Authorization` on every other admin route. */
export interface AdminLoginResponse {
  token: string;
  admin: AdminProfile;
}

/** `POST /admin/password` */
export interface AdminChangePasswordRequest {
  current_password: string;
  new_password: string;
}
