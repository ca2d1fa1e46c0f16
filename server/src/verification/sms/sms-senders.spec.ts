import { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import type { PinoLogger } from 'nestjs-pino';
import type { AppConfig, SmsConfig } from '../../config/app-config';
import { AliyunSmsSender } from './aliyun-sms.sender';
import { LogSmsSender } from './log-sms.sender';
import { smsSenderProvider } from './sms-sender.provider';
import { TencentSmsSender } from './tencent-sms.sender';

const tencentConfig = {
  provider: 'tencent',
  secretId: 'AKIDtestsecretid',
  secretKey: 'tencent-secret-key-never-logged',
  region: 'ap-guangzhou',
  sdkAppId: '1400000000',
  signName: '闪签云',
  templateId: '100001',
} as const satisfies SmsConfig;

const aliyunConfig = {
  provider: 'aliyun',
  accessKeyId: 'LTAItestkeyid',
  accessKeySecret: 'aliyun-secret-never-logged',
  signName: '闪签云',
  templateCode: 'SMS_100001',
} as const satisfies SmsConfig;

const fakeLogger = () => ({ info: jest.fn(), setContext: jest.fn() }) as unknown as PinoLogger & { info: jest.Mock };

describe('SMS senders (no network)', () => {
  describe('TencentSmsSender', () => {
    const withAnswer = (answer: object) => {
      const SendSms = jest.fn().mockResolvedValue(answer);
      const sender = new TencentSmsSender(tencentConfig, { SendSms } as unknown as ConstructorParameters<typeof TencentSmsSender>[1]);
      return { sender, SendSms };
    };

    it('calls SendSms with the app, sign, template, [code, minutes] and the +86 number', async () => {
      const { sender, SendSms } = withAnswer({ SendStatusSet: [{ Code: 'Ok', PhoneNumber: '+8613912345678' }], RequestId: 'r1' });
      await sender.send('13912345678', '123456');
      expect(SendSms).toHaveBeenCalledWith({
        SmsSdkAppId: '1400000000',
        SignName: '闪签云',
        TemplateId: '100001',
        TemplateParamSet: ['123456', '5'],
        PhoneNumberSet: ['+8613912345678'],
      });
    });

    it.each([
      [{ SendStatusSet: [{ Code: 'LimitExceeded.PhoneNumberDailyLimit', Message: 'daily limit' }], RequestId: 'r2' }, /LimitExceeded/],
      [{ SendStatusSet: [], RequestId: 'r3' }, /no status/],
      [{ RequestId: 'r4' }, /no status/],
    ])('throws when a number was refused: %j', async (answer, message) => {
      const { sender } = withAnswer(answer);
      const error = await sender.send('13912345678', '123456').then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(tencentConfig.secretKey);
    });

    it('passes SDK errors on', async () => {
      const SendSms = jest.fn().mockRejectedValue(new Error('ETIMEDOUT'));
      const sender = new TencentSmsSender(tencentConfig, { SendSms } as unknown as ConstructorParameters<typeof TencentSmsSender>[1]);
      await expect(sender.send('13912345678', '123456')).rejects.toThrow('ETIMEDOUT');
    });

    it('builds the official SDK client with a timeout when given none', () => {
      expect(() => new TencentSmsSender(tencentConfig)).not.toThrow();
    });
  });

  describe('AliyunSmsSender', () => {
    const withAnswer = (answer: object) => {
      const sendSms = jest.fn().mockResolvedValue(answer);
      const sender = new AliyunSmsSender(aliyunConfig, { sendSms } as unknown as ConstructorParameters<typeof AliyunSmsSender>[1]);
      return { sender, sendSms };
    };

    it('calls SendSms with the number, sign, template and {"code"} as template parameter', async () => {
      const { sender, sendSms } = withAnswer({ statusCode: 200, body: { code: 'OK', message: 'OK', requestId: 'r1', bizId: 'b1' } });
      await sender.send('13912345678', '654321');
      const request = sendSms.mock.calls[0][0] as SendSmsRequest;
      expect(request).toBeInstanceOf(SendSmsRequest);
      expect(request).toMatchObject({ phoneNumbers: '13912345678', signName: '闪签云', templateCode: 'SMS_100001' });
      expect(JSON.parse(request.templateParam!)).toEqual({ code: '654321' });
    });

    it.each([
      [{ statusCode: 200, body: { code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控', requestId: 'r2' } }, /isv\.BUSINESS_LIMIT_CONTROL/],
      [{ statusCode: 200 }, /no answer/],
    ])('throws unless the body says OK: %j', async (answer, message) => {
      const { sender } = withAnswer(answer);
      const error = await sender.send('13912345678', '654321').then(() => null, (e: Error) => e);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain(aliyunConfig.accessKeySecret);
    });

    it('builds the official SDK client with timeouts when given none', () => {
      expect(() => new AliyunSmsSender(aliyunConfig)).not.toThrow();
    });
  });

  describe('LogSmsSender', () => {
    it('writes the message, code included, as one sms.log_provider event', async () => {
      const logger = fakeLogger();
      await new LogSmsSender(logger).send('13912345678', '000123');
      expect(logger.info).toHaveBeenCalledWith({ event: 'sms.log_provider', phone: '13912345678', text: expect.stringContaining('000123') }, expect.any(String));
    });
  });

  describe('smsSenderProvider', () => {
    const pick = (sms: SmsConfig) => smsSenderProvider.useFactory({ sms } as AppConfig, fakeLogger());

    it('picks the vendor named by SMS_PROVIDER', () => {
      expect(pick({ provider: 'log' })).toBeInstanceOf(LogSmsSender);
      expect(pick(tencentConfig)).toBeInstanceOf(TencentSmsSender);
      expect(pick(aliyunConfig)).toBeInstanceOf(AliyunSmsSender);
    });
  });
});
