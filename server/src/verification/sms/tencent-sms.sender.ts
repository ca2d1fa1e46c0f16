import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsConfig } from '../../config/app-config';
import { callVendor, SMS_CODE_MINUTES, SmsSender, SmsVendorError } from './sms-sender';

type TencentConfig = Extract<SmsConfig, { provider: 'tencent' }>;

/** Tencent Cloud SMS (API 2021-01-11, SendSms); the template takes the code and its validity in minutes. */
export class TencentSmsSender implements SmsSender {
  private readonly client: InstanceType<typeof sms.v20210111.Client>;

  constructor(private readonly config: TencentConfig) {
    const endpoint = new URL(config.endpoint);
    this.client = new sms.v20210111.Client({
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      // The SDK calls protocol + endpoint + '/', and signs for the service named by the host's first label.
      profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//`, reqTimeout: Math.ceil(config.timeoutMs / 1000) } },
    });
  }

  async send(phone: string, code: string): Promise<void> {
    const answer = await callVendor('Tencent', () =>
      this.client.SendSms({
        SmsSdkAppId: this.config.sdkAppId,
        SignName: this.config.signName,
        TemplateId: this.config.templateId,
        TemplateParamSet: [code, String(SMS_CODE_MINUTES)],
        PhoneNumberSet: [`+86${phone}`],
      }),
    );
    // The call succeeds as a whole even when a number was refused: each number has its own status.
    const statuses = answer.SendStatusSet ?? [];
    const refused = statuses.find((s) => s.Code !== 'Ok');
    if (!statuses.length || refused) throw new SmsVendorError('Tencent', refused?.Code ?? 'no status', refused?.Message, answer.RequestId);
  }
}
