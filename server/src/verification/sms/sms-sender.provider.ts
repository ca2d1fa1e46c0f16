import type { FactoryProvider } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AliyunSmsSender } from './aliyun-sms.sender';
import { LogSmsSender } from './log-sms.sender';
import { SMS_SENDER, SmsSender } from './sms-sender';
import { TencentSmsSender } from './tencent-sms.sender';

/** The vendor named by SMS_PROVIDER; its credentials were checked when the configuration loaded. */
export const smsSenderProvider: FactoryProvider<SmsSender> = {
  provide: SMS_SENDER,
  inject: [APP_CONFIG, PinoLogger],
  useFactory: (config: AppConfig, logger: PinoLogger): SmsSender => {
    switch (config.sms.provider) {
      case 'tencent':
        return new TencentSmsSender(config.sms);
      case 'aliyun':
        return new AliyunSmsSender(config.sms);
      case 'log':
        logger.setContext(LogSmsSender.name);
        return new LogSmsSender(logger);
    }
  },
};
