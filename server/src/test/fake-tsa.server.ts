import { KeyObject, X509Certificate } from 'node:crypto';
import { draftSignedData, OID } from '../sign/pdf/cms';
import { decodeOid, derGeneralizedTime, derInteger, derOid, derSequence, derUtf8, expectTag, readChildren, readDer, TAG } from '../sign/pdf/der';
import { createSelfSignedCertificate } from '../certificates/p12';
import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

/**
 * How the fake answers: `grant` a valid token; `reject` PKIStatus rejection; `wrong-nonce` a valid
 * token for another nonce; `http-500` a server error; `hang` never answers.
 */
export type FakeTsaMode = 'grant' | 'reject' | 'wrong-nonce' | 'http-500' | 'hang';

/** One query as the fake understood it, and the genTime it stamped (null when it issued no token). */
export interface FakeTsaQuery {
  hashAlgorithm: string;
  hashedMessage: Buffer;
  nonce: Buffer | null;
  certReq: boolean;
  genTime: Date | null;
}

const TEST_POLICY = '1.3.6.1.4.1.99999.1.1';

/**
 * A local RFC 3161 Time-Stamp Authority with its own self-signed certificate (extended key usage
 * timeStamping, critical). Tokens are SignedData over a TSTInfo echoing the imprint and nonce,
 * with ESS signing-certificate-v2 as RFC 5816 wants, and always carry the TSA certificate.
 */
export class FakeTsaServer extends FakeHttpServer {
  mode: FakeTsaMode = 'grant';
  readonly queries: FakeTsaQuery[] = [];
  readonly certificate: X509Certificate;
  private readonly privateKey: KeyObject;
  private serial = 0;

  constructor() {
    super();
    ({ certificate: this.certificate, privateKey: this.privateKey } = createSelfSignedCertificate({
      commonName: '闪签云 测试时间戳服务',
      organization: '闪签云测试',
      years: 1,
      timeStamping: true,
    }));
  }

  protected answer({ rawBody }: ReceivedRequest): FakeAnswer {
    if (this.mode === 'hang') return null;
    if (this.mode === 'http-500') return { body: { message: 'internal error' }, status: 500 };
    const fields = readChildren(expectTag(readDer(rawBody), TAG.SEQUENCE, 'TimeStampReq'));
    const [algorithm, hashedMessage] = readChildren(fields[1]);
    const nonce = fields.find((field) => field.tag === TAG.INTEGER && field !== fields[0]);
    const query: FakeTsaQuery = {
      hashAlgorithm: decodeOid(readChildren(algorithm)[0]),
      hashedMessage: Buffer.from(hashedMessage.content),
      nonce: nonce ? Buffer.from(nonce.content) : null,
      certReq: fields.some((field) => field.tag === TAG.BOOLEAN && field.content[0] !== 0),
      genTime: null,
    };
    this.queries.push(query);
    if (this.mode === 'reject') {
      return this.reply(derSequence(derSequence(derInteger(2), derSequence(derUtf8('rejected by the fake TSA')))));
    }
    // Second precision, as derGeneralizedTime writes it, so tests can compare genTime exactly.
    query.genTime = new Date(Math.floor(Date.now() / 1000) * 1000);
    const echoedNonce = this.mode === 'wrong-nonce' ? Buffer.from('4142434445464748', 'hex') : nonce?.content;
    const tstInfo = derSequence(
      derInteger(1),
      derOid(TEST_POLICY),
      fields[1].encoded,
      derInteger(++this.serial),
      derGeneralizedTime(query.genTime),
      ...(echoedNonce ? [derInteger(echoedNonce)] : []),
    );
    const token = draftSignedData({
      signer: { privateKey: this.privateKey, certificate: this.certificate.raw, chain: [] },
      contentType: OID.tstInfo,
      content: tstInfo,
      embedContent: true,
    }).encode();
    return this.reply(derSequence(derSequence(derInteger(0)), token));
  }

  private reply(timeStampResp: Buffer): FakeAnswer {
    return { body: timeStampResp, contentType: 'application/timestamp-reply' };
  }
}
