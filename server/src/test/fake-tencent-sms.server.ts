import { randomUUID } from 'node:crypto';
import { FakeAnswer, ReceivedRequest } from './fake-http.server';
import { digits, FakeSmsVendorServer, vendorBehaviour } from './fake-sms-vendor.server';
import { tc3AuthFailure } from './tencent-cloud-api';

/** The Tencent Cloud account and SMS application the fake knows. */
export const FAKE_TENCENT_SMS = {
  secretId: 'AKIDfakeTencentSmsSecretId00001',
  secretKey: 'fake-tencent-sms-secret-key-never-logged',
  region: 'ap-guangzhou',
  sdkAppId: '1400000001',
  signName: '闪签云',
  templateId: '100001',
} as const;

/** The body of a SendSms call (API 2021-01-11), as far as the app uses it. */
export interface TencentSendSms {
  SmsSdkAppId: string;
  SignName: string;
  TemplateId: string;
  TemplateParamSet?: string[];
  PhoneNumberSet: string[];
  SessionContext?: string;
}

const SMS_REGIONS = ['ap-guangzhou', 'ap-beijing', 'ap-nanjing'];

/**
 * A local stand-in for Tencent Cloud API 3.0's SendSms (service sms, version 2021-01-11), speaking
 * its documented protocol: POST / with a JSON body and the X-TC-Action, X-TC-Version, X-TC-Region
 * and X-TC-Timestamp headers, signed with TC3-HMAC-SHA256. The fake recomputes the signature with
 * its account's SecretKey: canonical request (method, path `/`, empty query, the signed headers
 * lower-cased, the body's SHA-256), credential scope `<date>/<service>/tc3_request`, and the
 * `TC3<SecretKey>` → date → service → tc3_request key chain. Two things follow the SDK where
 * Tencent's own hosts leave no difference: the signed host is the Host header without its port,
 * and the service is the host's first label (`sms` at sms.tencentcloudapi.com, `127` at 127.0.0.1).
 *
 * Request-level errors come as `{"Response":{"Error":{Code,Message},RequestId}}` with HTTP 200
 * (AuthFailure.*, InvalidAction, UnsupportedRegion, FailedOperation.* for a wrong application,
 * signature or template, ...); a call that passes answers one status per number in SendStatusSet:
 * `Ok`, or InvalidParameterValue.IncorrectPhoneNumber, or for numbers ending 0000
 * LimitExceeded.PhoneNumberDailyLimit. A request for a number ending 9999 is never answered.
 */
export class FakeTencentSmsServer extends FakeSmsVendorServer {
  constructor() {
    super({ keyId: FAKE_TENCENT_SMS.secretId, secret: FAKE_TENCENT_SMS.secretKey });
  }

  appEnv(url: string): Record<string, string> {
    return {
      SMS_PROVIDER: 'tencent',
      TENCENT_SMS_SECRET_ID: FAKE_TENCENT_SMS.secretId,
      TENCENT_SMS_SECRET_KEY: FAKE_TENCENT_SMS.secretKey,
      TENCENT_SMS_REGION: FAKE_TENCENT_SMS.region,
      TENCENT_SMS_SDK_APP_ID: FAKE_TENCENT_SMS.sdkAppId,
      TENCENT_SMS_SIGN_NAME: FAKE_TENCENT_SMS.signName,
      TENCENT_SMS_TEMPLATE_ID: FAKE_TENCENT_SMS.templateId,
      TENCENT_SMS_ENDPOINT: url,
    };
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    const RequestId = randomUUID();
    const error = (Code: string, Message: string): FakeAnswer => ({ body: { Response: { Error: { Code, Message }, RequestId } } });
    const header = (name: string): string => String(request.headers[name] ?? '');

    if (request.method !== 'POST' || request.url.pathname !== '/' || !header('content-type').startsWith('application/json')) {
      return error('UnsupportedProtocol', 'This fake answers POST / with a JSON body only.');
    }
    const authFailure = tc3AuthFailure(request, this.keyId, this.secret);
    if (authFailure) return error(...authFailure);
    if (header('x-tc-action') !== 'SendSms') return error('InvalidAction', `The action \`${header('x-tc-action')}\` is not found.`);
    if (header('x-tc-version') !== '2021-01-11') return error('NoSuchVersion', `The requested version \`${header('x-tc-version')}\` of service \`sms\` does not exist.`);
    if (!SMS_REGIONS.includes(header('x-tc-region'))) return error('UnsupportedRegion', `The region \`${header('x-tc-region')}\` is not supported.`);

    let body: TencentSendSms;
    try {
      body = JSON.parse(request.body) as TencentSendSms;
    } catch {
      return error('InvalidParameter', 'The request body is not valid JSON.');
    }
    if (!body.PhoneNumberSet?.length) return error('MissingParameter.EmptyPhoneNumberSet', '传入的号码列表为空，请确认您的参数中是否传入号码。');
    if (body.PhoneNumberSet.some((phone) => vendorBehaviour(phone) === 'ignore')) return null;
    if (body.SmsSdkAppId !== FAKE_TENCENT_SMS.sdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId 不存在。');
    if (body.SignName !== FAKE_TENCENT_SMS.signName) return error('FailedOperation.SignatureIncorrectOrUnapproved', '签名未审批或格式错误。');
    if (body.TemplateId !== FAKE_TENCENT_SMS.templateId) return error('FailedOperation.TemplateIncorrectOrUnapproved', '模板未审批或不存在。');
    // The approved template: 您的验证码为 {1}，{2} 分钟内有效，请勿告诉他人。
    const params = body.TemplateParamSet ?? [];
    if (params.length !== 2 || params.some((p) => typeof p !== 'string')) {
      return error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate', '请求内容与审核通过的模板内容不匹配。');
    }

    const SendStatusSet = body.PhoneNumberSet.map((PhoneNumber) => {
      const status = (Code: string, Message: string, Fee = 0) => ({
        SerialNo: Fee ? `2433:${digits(28)}` : '',
        PhoneNumber,
        Fee,
        SessionContext: body.SessionContext ?? '',
        Code,
        Message,
        IsoCode: 'CN',
      });
      // Mainland numbers: E.164 (+86…) or the 11 digits alone.
      if (!/^(\+86)?1\d{10}$/.test(PhoneNumber)) return status('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误。');
      if (vendorBehaviour(PhoneNumber) === 'refuse') return status('LimitExceeded.PhoneNumberDailyLimit', '单个手机号日下发短信条数超过设定的上限。');
      return status('Ok', 'send success', 1);
    });
    return { body: { Response: { SendStatusSet, RequestId } } };
  }
}
