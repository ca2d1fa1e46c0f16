import { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import type { RealnameConfig } from '../config/app-config';
import { RealnameProvider, RealnameProviderError, RealnameQuery, RealnameVerdict } from './realname-provider';

type TencentConfig = Extract<RealnameConfig, { provider: 'tencent' }>;

const FACEID_VERSION = '2018-03-01';
const TIMEOUT_S = 10;
/** ImageRecognition's similarity score from which Tencent recommends treating the faces as one person (70 ≈ 1/1000 false accepts). */
export const FACE_SIMILARITY_THRESHOLD = 70;

/** IdCardVerification's Result codes that are a verdict on the worker (the others are the service's trouble). */
const ID_CARD_RESULTS: Record<string, string | null> = {
  '0': null,
  '-1': '姓名和身份证号不一致',
  '-2': '身份证号码无效',
  '-3': '姓名无效',
  '-5': '证件库中无此身份证记录',
};

/** ImageRecognition errors that judge the worker or their selfie, not the service: a failed check, with the reason. */
const FACE_ERRORS: Record<string, string> = {
  'FailedOperation.IdNameMisMatch': '姓名和身份证号不一致',
  'FailedOperation.IdNoExistSystem': '证件库中无此身份证记录',
  'FailedOperation.IdPhotoNoExist': '证件库中无该身份证的照片',
  'FailedOperation.CompareLowSimilarity': '人脸与身份证照片相似度不足',
  'FailedOperation.ImageDecodeFailed': '照片无法识别，请重新拍摄',
  'FailedOperation.ImageSizeTooLarge': '照片过大，请重新拍摄',
};

/**
 * Tencent Cloud FaceID (API 2018-03-01) through the official SDK's common client: IdCardVerification
 * (two-element check of name and ID number against the authority's records), or ImageRecognition
 * when a selfie is given (the same check plus a comparison of the selfie with the ID photo on record).
 */
export class TencentRealnameProvider implements RealnameProvider {
  readonly name = 'tencent' as const;
  private readonly client: CommonClient;

  constructor(config: TencentConfig) {
    const endpoint = new URL(config.endpoint);
    this.client = new CommonClient(endpoint.host, FACEID_VERSION, {
      credential: { secretId: config.secretId, secretKey: config.secretKey },
      region: config.region,
      profile: { httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//`, reqTimeout: TIMEOUT_S } },
    });
  }

  async check(query: RealnameQuery): Promise<RealnameVerdict> {
    if (query.selfie) return this.compareFace(query);
    const answer = await this.call('IdCardVerification', { IdCard: query.idNumber, Name: query.name });
    const result = String(answer.Result);
    if (!(result in ID_CARD_RESULTS)) throw new RealnameProviderError(`Result ${result}`, String(answer.Description ?? ''), answer.RequestId);
    const reason = ID_CARD_RESULTS[result];
    return reason ? { passed: false, reason, providerRef: answer.RequestId } : { passed: true, providerRef: answer.RequestId };
  }

  private async compareFace(query: RealnameQuery): Promise<RealnameVerdict> {
    let answer;
    try {
      answer = await this.call('ImageRecognition', { IdCard: query.idNumber, Name: query.name, ImageBase64: query.selfie!.toString('base64') });
    } catch (error) {
      const reason = error instanceof RealnameProviderError ? FACE_ERRORS[error.code] : undefined;
      if (reason) return { passed: false, reason, providerRef: (error as RealnameProviderError).providerRef };
      throw error;
    }
    const sim = Number(answer.Sim);
    if (answer.Result !== 'Success') return { passed: false, reason: String(answer.Description || '人脸比对未通过'), providerRef: answer.RequestId };
    if (!(sim >= FACE_SIMILARITY_THRESHOLD)) return { passed: false, reason: `人脸与身份证照片相似度不足（${sim}）`, providerRef: answer.RequestId };
    return { passed: true, providerRef: answer.RequestId };
  }

  private async call(action: string, params: Record<string, string>): Promise<Record<string, string> & { RequestId?: string }> {
    try {
      return (await this.client.request(action, params)) as Record<string, string> & { RequestId?: string };
    } catch (error) {
      const e = error as { code?: string; message?: string; requestId?: string };
      // A request-level error (auth, quota, bad image, outage): the worker's identity was not judged.
      throw new RealnameProviderError(e.code ?? 'NetworkError', e.message ?? String(error), e.requestId);
    }
  }
}
