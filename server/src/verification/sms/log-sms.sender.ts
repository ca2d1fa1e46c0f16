import type { PinoLogger } from 'nestjs-pino';
import { SMS_CODE_MINUTES, SmsSender } from './sms-sender';

/** Development stand-in for a phone: the message goes to the log. Configuration refuses it in production. */
export class LogSmsSender implements SmsSender {
  constructor(private readonly logger: PinoLogger) {}

  async send(phone: string, code: string): Promise<void> {
    const text = `【闪签云】您的验证码为 ${code}，${SMS_CODE_MINUTES} 分钟内有效，请勿告诉他人。`;
    this.logger.info({ event: 'sms.log_provider', phone, text }, 'SMS written to the log (SMS_PROVIDER=log)');
  }
}
