import type { WeixinLoginRequest } from '@shanqian/shared';
import { RequiredText } from '../../common/form-fields';

export class WeixinLoginDto implements WeixinLoginRequest {
  /** The code of wx.login. */
  @RequiredText(128) code!: string;
}
