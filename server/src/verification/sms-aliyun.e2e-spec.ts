import { ReceivedRequest } from '../test/fake-http.server';
import { FAKE_ALIYUN_SMS, FakeAliyunSmsServer } from '../test/fake-aliyun-sms.server';
import { describeSmsVendor } from '../test/sms-vendor.cases';
import { AliyunSmsSender } from './sms/aliyun-sms.sender';

/** SMS_PROVIDER=aliyun: @alicloud/dysmsapi20170525 against a fake Aliyun Dysmsapi (ALIYUN_SMS_ENDPOINT). */
describe('POST /verifycode through Aliyun SMS', () => {
  describeSmsVendor({
    provider: 'aliyun',
    sender: AliyunSmsSender,
    fake: new FakeAliyunSmsServer(),
    secret: FAKE_ALIYUN_SMS.accessKeySecret,
    codeIn(request: ReceivedRequest, phone: string): string {
      expect(request.method).toBe('POST');
      expect(request.headers).toMatchObject({
        'x-acs-action': 'SendSms',
        'x-acs-version': '2017-05-25',
        authorization: expect.stringMatching(new RegExp(`^ACS3-HMAC-SHA256 Credential=${FAKE_ALIYUN_SMS.accessKeyId},SignedHeaders=[a-z0-9;-]+,Signature=[0-9a-f]{64}$`)),
      });
      const params = FakeAliyunSmsServer.params(request);
      expect(params).toEqual({
        PhoneNumbers: phone,
        SignName: FAKE_ALIYUN_SMS.signName,
        TemplateCode: FAKE_ALIYUN_SMS.templateCode,
        TemplateParam: expect.stringMatching(/^\{"code":"\d{6}"\}$/),
      });
      return (JSON.parse(params.TemplateParam) as { code: string }).code;
    },
    reasons: {
      refused: /^Aliyun SMS failed: isv\.BUSINESS_LIMIT_CONTROL 触发分钟级流控Permits:1 \(RequestId [0-9A-F-]{36}\)$/,
      unknownKey: /^Aliyun SMS failed: InvalidAccessKeyId\.NotFound Specified access key is not found\. \(RequestId [0-9A-F-]{36}\)$/,
      wrongSecret: /^Aliyun SMS failed: SignatureDoesNotMatch /,
      noAnswer: /timeout/i,
    },
  });
});
