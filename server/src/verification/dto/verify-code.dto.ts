import type { VerifyCodeRequest } from '@shanqian/shared';
import { MOBILE, OptionalText, RequiredText } from '../../common/form-fields';

export class VerifyCodeDto implements VerifyCodeRequest {
  @RequiredText(16, MOBILE) phone!: string;

  @RequiredText(16) captcha_code!: string;

  /** An unknown or malformed id is just a captcha that does not exist: answered as a wrong captcha, not a 400. */
  @OptionalText(64) captcha_id?: string;
}
