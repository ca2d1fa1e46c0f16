import type { AdminPasswordResetRequest, AdminUserCreateRequest, AdminUserUpdateRequest } from '@shanqian/shared';
import { MOBILE, OptionalText, RequiredText } from '../../common/form-fields';
import type { AdminRole } from '../admin-user.entity';
import { OptionalBool } from '../records/admin-fields';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';

const USERNAME = { regex: /^[A-Za-z0-9_.@-]{3,32}$/, message: '应为 3 到 32 位字母、数字或 _ . @ -' };
const ROLE = { regex: /^(super|hr)$/, message: '应为 super 或 hr' };
const EMAIL = { regex: /^[^\s@]+@[^\s@]+\.[^\s@]+$/, message: '应为邮箱地址' };

/** What a super admin sets on any admin; PUT replaces all of it (absent optional fields are cleared). */
class AdminUserFieldsDto {
  @RequiredText(16) name!: string;
  @OptionalText(16, MOBILE) phone?: string | null;
  @OptionalText(32, EMAIL) email?: string | null;
  @RequiredText(5, ROLE) role!: AdminRole;
  /** An hr admin sees every application, not only those assigned to them; false when absent. */
  @OptionalBool() view_all_applications?: boolean | null;
}

export class CreateAdminUserDto extends AdminUserFieldsDto implements AdminUserCreateRequest {
  @RequiredText(32, USERNAME) username!: string;
  @RequiredText(72) password!: string;
}

/** The user name never changes; the password only when one is given, and then every session of the admin ends. */
export class UpdateAdminUserDto extends AdminUserFieldsDto implements AdminUserUpdateRequest {
  @OptionalText(72) password?: string | null;
}

export class ResetAdminPasswordDto implements AdminPasswordResetRequest {
  @RequiredText(72) password!: string;
}

export class AdminUserListQueryDto extends EnabledListQueryDto {
  @OptionalText(5, ROLE) role?: AdminRole | null;
}
