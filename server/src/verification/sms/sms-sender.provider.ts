import type { FactoryProvider } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { LogSmsSender } from './log-sms.sender';
import { SMS_SENDER, SmsSender } from './sms-sender';

/** The vendor named by SMS_PROVIDER; its credentials were checked when the configuration loaded. */
export const smsSenderProvider: FactoryProvider<SmsSender> = {
  provide: SMS_SENDER,
  inject: [APP_CONFIG, PinoLogger],
  useFactory: (config: AppConfig, logger: PinoLogger): SmsSender => {
    // A vendor's SDK is loaded only when it is the configured one: each costs 0.1-0.3 s of start-up.
    switch (config.sms.provider) {
      case 'tencent': {
        const { TencentSmsSender } = require('./tencent-sms.sender') as typeof import('./tencent-sms.sender');
        return new TencentSmsSender(config.sms);
      }
      case 'aliyun': {
        const { AliyunSmsSender } = require('./aliyun-sms.sender') as typeof import('./aliyun-sms.sender');
        return new AliyunSmsSender(config.sms);
      }
      case 'log':
        logger.setContext(LogSmsSender.name);
        return new LogSmsSender(logger);
    }
  },
};
