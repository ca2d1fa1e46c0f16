import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { WeixinLoginRequest } from '@shanqian/shared';

export class WeixinLoginDto implements WeixinLoginRequest {
  @IsString({ message: '应为 wx.login 返回的 code' })
  @IsNotEmpty({ message: '不能为空' })
  @MaxLength(128, { message: '过长' })
  code!: string;
}
