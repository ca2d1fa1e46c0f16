import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import type { VerifyCodeRequest } from '@shanqian/shared';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class VerifyCodeDto implements VerifyCodeRequest {
  @Transform(trim)
  @IsString({ message: '应为 11 位中国大陆手机号' })
  @IsNotEmpty({ message: '请输入手机号' })
  @Matches(/^1[3-9]\d{9}$/, { message: '应为 11 位中国大陆手机号' })
  phone!: string;

  @Transform(trim)
  @IsString({ message: '应为图片中的字符' })
  @IsNotEmpty({ message: '请输入图形验证码' })
  @MaxLength(16, { message: '过长' })
  captcha_code!: string;

  /** An unknown or malformed id is just a captcha that does not exist: answered as a wrong captcha, not a 400. */
  @IsOptional()
  @IsString({ message: '应为 GET /captcha 返回的 captcha_id' })
  @MaxLength(64, { message: '过长' })
  captcha_id?: string;
}
