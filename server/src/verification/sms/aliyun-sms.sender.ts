import Dysmsapi, { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { Config } from '@alicloud/openapi-client';
import type { SmsConfig } from '../../config/app-config';
import { callVendor, SmsSender, SmsVendorError } from './sms-sender';

type AliyunConfig = Extract<SmsConfig, { provider: 'aliyun' }>;

/** Aliyun SMS (Dysmsapi 2017-05-25, SendSms); the template takes `${code}`. */
export class AliyunSmsSender implements SmsSender {
  private readonly client: Dysmsapi;

  constructor(private readonly config: AliyunConfig) {
    const endpoint = new URL(config.endpoint);
    this.client = new Dysmsapi(
      new Config({
        accessKeyId: config.accessKeyId,
        accessKeySecret: config.accessKeySecret,
        // The SDK calls protocol + '://' + endpoint + '/' and signs that host, port included.
        endpoint: endpoint.host,
        protocol: endpoint.protocol.slice(0, -1),
        connectTimeout: config.timeoutMs,
        readTimeout: config.timeoutMs,
      }),
    );
  }

  async send(phone: string, code: string): Promise<void> {
    const answer = await callVendor('Aliyun', () =>
      this.client.sendSms(
        new SendSmsRequest({
          phoneNumbers: phone,
          signName: this.config.signName,
          templateCode: this.config.templateCode,
          templateParam: JSON.stringify({ code }),
        }),
      ),
    );
    // HTTP 200 does not mean sent: the body's code is 'OK' only when Aliyun accepted the message.
    const body = answer.body;
    if (body?.code !== 'OK') throw new SmsVendorError('Aliyun', body?.code ?? 'no answer', body?.message, body?.requestId);
  }
}
