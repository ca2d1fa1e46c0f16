import { ReceivedRequest } from './fake-http.server';
import { hmacSha256, sha256Hex } from './fake-sms-vendor.server';

const AUTHORIZATION = /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/;

/**
 * How a Tencent Cloud API 3.0 fake checks a request's TC3-HMAC-SHA256 signature, recomputed with
 * the account's SecretKey: canonical request (method, path `/`, empty query, the signed headers
 * lower-cased, the body's SHA-256), credential scope `<date>/<service>/tc3_request`, and the
 * `TC3<SecretKey>` → date → service → tc3_request key chain. Two things follow the SDK where
 * Tencent's own hosts leave no difference: the signed host is the Host header without its port,
 * and the service is the host's first label (`sms` at sms.tencentcloudapi.com, `127` at 127.0.0.1).
 */
/** [code, message] of the AuthFailure the request deserves, or null when its TC3 signature holds. */
export function tc3AuthFailure(request: ReceivedRequest, keyId: string, secret: string): [string, string] | null {
  const [, secretId, date, service, signedHeaders, signature] = AUTHORIZATION.exec(String(request.headers.authorization ?? '')) ?? [];
  if (!signature) return ['AuthFailure.InvalidAuthorization', 'Authorization header format error.'];
  if (secretId !== keyId) return ['AuthFailure.SecretIdNotFound', 'The SecretId is not found, please ensure that your SecretId is correct.'];
  const timestamp = Number(request.headers['x-tc-timestamp']);
  if (!Number.isInteger(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) {
    return ['AuthFailure.SignatureExpire', `Signature expired. Timestamp: ${request.headers['x-tc-timestamp']}.`];
  }
  const names = signedHeaders.split(';');
  const host = new URL(`http://${request.headers.host}`).hostname;
  const value = (name: string): string => (name === 'host' ? host : String(request.headers[name] ?? '')).trim().toLowerCase();
  const canonicalRequest = [
    request.method,
    '/',
    request.url.search.slice(1),
    names.map((name) => `${name}:${value(name)}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body),
  ].join('\n');
  const expectedDate = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const expectedService = host.split('.')[0];
  const scope = `${expectedDate}/${expectedService}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', timestamp, scope, sha256Hex(canonicalRequest)].join('\n');
  const key = hmacSha256(hmacSha256(hmacSha256(`TC3${secret}`, expectedDate), expectedService), 'tc3_request');
  const valid =
    names.includes('content-type') && names.includes('host') && `${date}/${service}/tc3_request` === scope && hmacSha256(key, stringToSign).toString('hex') === signature;
  return valid ? null : ['AuthFailure.SignatureFailure', 'The provided credentials could not be validated. Please check your signature is correct.'];
}
