import { ReceivedRequest } from '../test/fake-http.server';
import { FAKE_TENCENT_SMS, FakeTencentSmsServer, TencentSendSms } from '../test/fake-tencent-sms.server';
import { describeSmsVendor } from '../test/sms-vendor.cases';
import { TencentSmsSender } from './sms/tencent-sms.sender';

/** SMS_PROVIDER=tencent: tencentcloud-sdk-nodejs-sms against a fake Tencent Cloud API (TENCENT_SMS_ENDPOINT). */
describe('POST /verifycode through Tencent Cloud SMS', () => {
  describeSmsVendor({
    provider: 'tencent',
    sender: TencentSmsSender,
    fake: new FakeTencentSmsServer(),
    secret: FAKE_TENCENT_SMS.secretKey,
    codeIn(request: ReceivedRequest, phone: string): string {
      expect(request.headers).toMatchObject({
        'x-tc-action': 'SendSms',
        'x-tc-version': '2021-01-11',
        'x-tc-region': FAKE_TENCENT_SMS.region,
        authorization: expect.stringMatching(new RegExp(`^TC3-HMAC-SHA256 Credential=${FAKE_TENCENT_SMS.secretId}/\\d{4}-\\d\\d-\\d\\d/\\w+/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$`)),
      });
      const body = JSON.parse(request.body) as TencentSendSms;
      expect(body).toEqual({
        SmsSdkAppId: FAKE_TENCENT_SMS.sdkAppId,
        SignName: FAKE_TENCENT_SMS.signName,
        TemplateId: FAKE_TENCENT_SMS.templateId,
        TemplateParamSet: [expect.stringMatching(/^\d{6}$/), '5'],
        PhoneNumberSet: [`+86${phone}`],
      });
      return body.TemplateParamSet![0];
    },
    reasons: {
      refused: /^Tencent SMS failed: LimitExceeded\.PhoneNumberDailyLimit .*\(RequestId [0-9a-f-]{36}\)$/,
      unknownKey: /^Tencent SMS failed: AuthFailure\.SecretIdNotFound /,
      wrongSecret: /^Tencent SMS failed: AuthFailure\.SignatureFailure /,
      noAnswer: /timeout/i,
    },
  });
});
