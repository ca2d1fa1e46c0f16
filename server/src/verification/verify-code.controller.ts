import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import type { Request } from 'express';
import { AuthenticatedUser, CurrentUser } from '../auth/current-user.decorator';
import { AppException } from '../common/app.exception';
import { WithErrorCodeField } from '../common/envelope';
import { Ctx, RequestContext } from '../common/request-context';
import { CAPTCHA_COOKIE } from './captcha.controller';
import { CaptchaService } from './captcha.service';
import { VerifyCodeDto } from './dto/verify-code.dto';
import { SmsCodeService } from './sms-code.service';

@Controller('verifycode')
export class VerifyCodeController {
  constructor(
    private readonly captchas: CaptchaService,
    private readonly smsCodes: SmsCodeService,
  ) {}

  /** The answer is the same whether or not the phone belongs to anyone, so it reveals no registrations. */
  @Post()
  @HttpCode(200)
  @WithErrorCodeField()
  async send(
    @Body() body: VerifyCodeDto,
    @Req() req: Request,
    @CurrentUser() user: AuthenticatedUser,
    @Ctx() context: RequestContext,
  ): Promise<Record<string, never>> {
    const cookie: unknown = req.cookies?.[CAPTCHA_COOKIE];
    const captchaId = body.captcha_id || (typeof cookie === 'string' ? cookie : undefined);
    if (!(await this.captchas.check(captchaId, body.captcha_code))) throw new AppException(ErrorCode.CaptchaInvalid);
    await this.smsCodes.send(body.phone, { userId: user.userId, ip: context.ip });
    return {};
  }
}
