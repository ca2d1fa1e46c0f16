import { randomUUID } from 'node:crypto';
import { FakeAnswer, ReceivedRequest } from './fake-http.server';
import { digits, FakeSmsVendorServer, hmacSha256, sha256Hex, vendorBehaviour } from './fake-sms-vendor.server';

/** The Aliyun account, signature and template the fake knows. */
export const FAKE_ALIYUN_SMS = {
  accessKeyId: 'LTAIfakeAliyunSmsKeyId01',
  accessKeySecret: 'fake-aliyun-sms-secret-never-logged',
  signName: '闪签云',
  templateCode: 'SMS_100001',
} as const;

const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/;
/** RFC 3986 percent-encoding, as ACS3 canonicalises the query. */
const percentEncode = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A local stand-in for Aliyun Dysmsapi 2017-05-25 SendSms as the official SDK calls it: RPC style,
 * POST / with the parameters (PhoneNumbers, SignName, TemplateCode, TemplateParam) in the query or
 * a form body, headers x-acs-action: SendSms, x-acs-version: 2017-05-25, x-acs-date,
 * x-acs-signature-nonce and x-acs-content-sha256, signed with ACS3-HMAC-SHA256. The fake recomputes
 * the signature with its account's AccessKey secret: canonical request (method, path `/`, the query
 * sorted and percent-encoded, the signed headers, which must cover host and every x-acs-* header,
 * the body's SHA-256), `ACS3-HMAC-SHA256\n<hex SHA-256 of it>`, HMAC-SHA256 with the secret.
 *
 * Gateway errors come with their HTTP status and `{RequestId,HostId,Code,Message,Recommend}`:
 * 404 InvalidAccessKeyId.NotFound, 400 SignatureDoesNotMatch, IncompleteSignature,
 * InvalidTimeStamp.Expired, SignatureNonceUsed, Missing<Parameter>, 404 InvalidAction.NotFound.
 * SMS errors come with HTTP 200 and `{Code,Message,RequestId}`: isv.SMS_SIGNATURE_ILLEGAL,
 * isv.SMS_TEMPLATE_ILLEGAL, isv.INVALID_JSON_PARAM, isv.TEMPLATE_MISSING_PARAMETERS,
 * isv.MOBILE_NUMBER_ILLEGAL, and for numbers ending 0000 isv.BUSINESS_LIMIT_CONTROL. Success is
 * `{Code:"OK",Message:"OK",BizId,RequestId}`. A request for a number ending 9999 is never answered.
 */
export class FakeAliyunSmsServer extends FakeSmsVendorServer {
  private readonly nonces = new Set<string>();

  constructor() {
    super({ keyId: FAKE_ALIYUN_SMS.accessKeyId, secret: FAKE_ALIYUN_SMS.accessKeySecret });
  }

  appEnv(url: string): Record<string, string> {
    return {
      SMS_PROVIDER: 'aliyun',
      ALIYUN_SMS_ACCESS_KEY_ID: FAKE_ALIYUN_SMS.accessKeyId,
      ALIYUN_SMS_ACCESS_KEY_SECRET: FAKE_ALIYUN_SMS.accessKeySecret,
      ALIYUN_SMS_SIGN_NAME: FAKE_ALIYUN_SMS.signName,
      ALIYUN_SMS_TEMPLATE_CODE: FAKE_ALIYUN_SMS.templateCode,
      ALIYUN_SMS_ENDPOINT: url,
    };
  }

  /** The RPC parameters of a request: its query and, for a form POST, its body. */
  static params(request: ReceivedRequest): Record<string, string> {
    const form = String(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(request.body) : [];
    return { ...Object.fromEntries(request.url.searchParams), ...Object.fromEntries(form) };
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    const RequestId = randomUUID().toUpperCase();
    const gatewayError = (status: number, Code: string, Message: string): FakeAnswer => ({
      status,
      contentType: 'application/json;charset=utf-8',
      body: { RequestId, HostId: 'dysmsapi.aliyuncs.com', Code, Message, Recommend: `https://api.aliyun.com/troubleshoot?q=${Code}&product=Dysmsapi&requestId=${RequestId}` },
    });
    const smsAnswer = (Code: string, Message: string, more: object = {}): FakeAnswer => ({
      contentType: 'application/json;charset=utf-8',
      body: { Code, Message, ...more, RequestId },
    });

    if (!['GET', 'POST'].includes(request.method) || request.url.pathname !== '/') {
      return gatewayError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    }
    const authFailure = this.checkSignature(request);
    if (authFailure) return gatewayError(...authFailure);
    if (request.headers['x-acs-action'] !== 'SendSms') return gatewayError(404, 'InvalidAction.NotFound', 'Specified api is not found, please check your url and method.');
    if (request.headers['x-acs-version'] !== '2017-05-25') return gatewayError(400, 'InvalidVersion', 'Specified parameter Version is not valid.');

    const params = FakeAliyunSmsServer.params(request);
    for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
      if (!params[name]) return gatewayError(400, `Missing${name}`, `${name} is mandatory for this action.`);
    }
    const phones = params.PhoneNumbers.split(',');
    if (phones.some((phone) => vendorBehaviour(phone) === 'ignore')) return null;
    if (params.SignName !== FAKE_ALIYUN_SMS.signName) return smsAnswer('isv.SMS_SIGNATURE_ILLEGAL', '该账号下找不到对应签名');
    if (params.TemplateCode !== FAKE_ALIYUN_SMS.templateCode) return smsAnswer('isv.SMS_TEMPLATE_ILLEGAL', '该账号下找不到对应模板');
    // The approved template: 您的验证码为${code}，5 分钟内有效，请勿告诉他人。
    let templateParam: Record<string, unknown>;
    try {
      templateParam = JSON.parse(params.TemplateParam ?? '{}') as Record<string, unknown>;
    } catch {
      return smsAnswer('isv.INVALID_JSON_PARAM', 'JSON参数不合法，只接受字符串值');
    }
    if (typeof templateParam.code !== 'string') return smsAnswer('isv.TEMPLATE_MISSING_PARAMETERS', '模板变量缺少对应参数值');
    // Mainland numbers: the 11 digits, optionally after 86, +86 or 0086.
    if (phones.some((phone) => !/^(\+?86|0086)?1\d{10}$/.test(phone))) return smsAnswer('isv.MOBILE_NUMBER_ILLEGAL', '非法手机号');
    if (phones.some((phone) => vendorBehaviour(phone) === 'refuse')) return smsAnswer('isv.BUSINESS_LIMIT_CONTROL', '触发分钟级流控Permits:1');
    return smsAnswer('OK', 'OK', { BizId: `${digits(15)}^0` });
  }

  /** [HTTP status, code, message] of the gateway error the request deserves, or null when its ACS3 signature holds. */
  private checkSignature(request: ReceivedRequest): [number, string, string] | null {
    const [, accessKeyId, signedHeaders, signature] = AUTHORIZATION.exec(String(request.headers.authorization ?? '')) ?? [];
    if (!signature) return [400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'];
    if (accessKeyId !== this.keyId) return [404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.'];
    const date = String(request.headers['x-acs-date'] ?? '');
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(date) || Math.abs(Date.now() - Date.parse(date)) > 15 * 60 * 1000) {
      return [400, 'InvalidTimeStamp.Expired', 'Specified time stamp or date value is expired.'];
    }
    const nonce = String(request.headers['x-acs-signature-nonce'] ?? '');
    if (!nonce || this.nonces.has(nonce)) return [400, 'SignatureNonceUsed', 'Specified signature nonce was used already.'];
    this.nonces.add(nonce);

    const names = signedHeaders.split(';');
    const mustSign = Object.keys(request.headers).filter((name) => name.startsWith('x-acs-') || name === 'host' || name === 'content-type');
    const payloadHash = sha256Hex(request.body);
    if (mustSign.some((name) => !names.includes(name)) || request.headers['x-acs-content-sha256'] !== payloadHash) {
      return [400, 'IncompleteSignature', 'The request signature does not conform to Aliyun standards.'];
    }
    const query = [...request.url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const canonicalRequest = [
      request.method,
      '/',
      query.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&'),
      names.map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join(''),
      signedHeaders,
      payloadHash,
    ].join('\n');
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
    if (hmacSha256(this.secret, stringToSign).toString('hex') !== signature) {
      return [400, 'SignatureDoesNotMatch', 'Specified signature does not match our calculation.'];
    }
    return null;
  }
}
