import type { AdminChangePasswordRequest, AdminLoginRequest } from '@shanqian/shared';
import { RequiredText } from '../../common/form-fields';

export class AdminLoginDto implements AdminLoginRequest {
  @RequiredText(32) username!: string;
  @RequiredText(72) password!: string;
}

export class ChangePasswordDto implements AdminChangePasswordRequest {
  @RequiredText(72) current_password!: string;
  @RequiredText(72) new_password!: string;
}
