import { Module } from '@nestjs/common';
import { CaptchaController } from './captcha.controller';
import { CaptchaService } from './captcha.service';
import { SmsCodeService } from './sms-code.service';
import { SmsSendLimits } from './sms-send-limits.service';
import { smsSenderProvider } from './sms/sms-sender.provider';
import { VerificationKeys } from './verification-keys.service';
import { VerifyCodeController } from './verify-code.controller';

/** GET /captcha, POST /verifycode, and SmsCodeService for the endpoints that take an SMS code. */
@Module({
  controllers: [CaptchaController, VerifyCodeController],
  providers: [CaptchaService, SmsCodeService, SmsSendLimits, VerificationKeys, smsSenderProvider],
  exports: [SmsCodeService],
})
export class VerificationModule {}
