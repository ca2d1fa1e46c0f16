import { randomUUID } from 'node:crypto';
import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';
import { tc3AuthFailure } from './tencent-cloud-api';

export const FAKE_TENCENT_FACEID = { secretId: 'AKIDfakeFaceIdSecretId000000001', secretKey: 'fake-faceid-secret-key-never-logged', region: 'ap-guangzhou' } as const;

/** A selfie the fake judges: these bytes inside a real image make ImageRecognition answer a low similarity. */
export const STRANGER_MARK = Buffer.from('stranger-face');

/**
 * A local stand-in for Tencent Cloud FaceID (service faceid, API 2018-03-01), as the SDK's common
 * client calls it: POST / with JSON and TC3-HMAC-SHA256 headers. It holds an authority's records
 * (`people`: ID number → name) and answers:
 * - IdCardVerification {IdCard, Name}: Result "0" when they match, "-1" when the name differs,
 *   "-5" when the number is unknown; `Description` in Chinese.
 * - ImageRecognition {IdCard, Name, ImageBase64}: the same checks as errors (FailedOperation.IdNameMisMatch,
 *   FailedOperation.IdNoExistSystem), FailedOperation.ImageDecodeFailed for an image that is no
 *   JPEG/PNG, else Result "Success" with Sim 92, or Sim 35 when the image carries STRANGER_MARK.
 * `outage` makes every call answer InternalError (the service's trouble, not the worker's).
 */
export class FakeTencentFaceidServer extends FakeHttpServer {
  readonly people = new Map<string, string>();
  outage = false;

  appEnv(url: string): Record<string, string> {
    return {
      REALNAME_PROVIDER: 'tencent',
      TENCENT_FACEID_SECRET_ID: FAKE_TENCENT_FACEID.secretId,
      TENCENT_FACEID_SECRET_KEY: FAKE_TENCENT_FACEID.secretKey,
      TENCENT_FACEID_REGION: FAKE_TENCENT_FACEID.region,
      TENCENT_FACEID_ENDPOINT: url,
    };
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    const RequestId = randomUUID();
    const error = (Code: string, Message: string): FakeAnswer => ({ body: { Response: { Error: { Code, Message }, RequestId } } });
    const authFailure = tc3AuthFailure(request, FAKE_TENCENT_FACEID.secretId, FAKE_TENCENT_FACEID.secretKey);
    if (authFailure) return error(...authFailure);
    if (request.headers['x-tc-version'] !== '2018-03-01') return error('NoSuchVersion', 'The requested version does not exist.');
    if (this.outage) return error('InternalError', '内部错误，请重试。');
    const body = JSON.parse(request.body) as { IdCard?: string; Name?: string; ImageBase64?: string };
    const known = body.IdCard ? this.people.get(body.IdCard) : undefined;
    const ok = (fields: object): FakeAnswer => ({ body: { Response: { ...fields, RequestId } } });

    switch (request.headers['x-tc-action']) {
      case 'IdCardVerification':
        if (!known) return ok({ Result: '-5', Description: '证件库中无此身份证记录' });
        return known === body.Name ? ok({ Result: '0', Description: '姓名和身份证号一致' }) : ok({ Result: '-1', Description: '姓名和身份证号不一致' });
      case 'ImageRecognition': {
        if (!known) return error('FailedOperation.IdNoExistSystem', '证件库中无此身份证记录。');
        if (known !== body.Name) return error('FailedOperation.IdNameMisMatch', '姓名和身份证号不一致，请核实后重试。');
        const image = Buffer.from(body.ImageBase64 ?? '', 'base64');
        const isImage = image.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])) || image.subarray(1, 4).toString() === 'PNG';
        if (!isImage) return error('FailedOperation.ImageDecodeFailed', '图片解码失败。');
        const sim = image.includes(STRANGER_MARK) ? 35 : 92;
        return ok({ Sim: sim, Result: 'Success', Description: '成功' });
      }
      default:
        return error('InvalidAction', `The action \`${request.headers['x-tc-action']}\` is not found.`);
    }
  }
}
