import { RequiredText } from '../../common/form-fields';

export class AdminLoginDto {
  @RequiredText(32) username!: string;
  @RequiredText(72) password!: string;
}

export class ChangePasswordDto {
  @RequiredText(72) current_password!: string;
  @RequiredText(72) new_password!: string;
}
