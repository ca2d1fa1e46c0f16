/**
 * RFC 3161 time stamps: asking a Time-Stamp Authority for a token over a signature value (a
 * signature time stamp) or over a PDF's signed bytes (a document time stamp), and checking a
 * token. A signature whose time rests on the platform's own clock alone is weaker
 * evidence, so any TSA failure is a TimestampError and never a silently untimestamped signature.
 */
import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { hashName, OID, parseSignedData, sha256, verifySignedData } from './cms';
import {
  decodeGeneralizedTime,
  decodeOid,
  derBoolean,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  expectTag,
  readChildren,
  readDer,
  TAG,
} from './der';

/** The TSA was unreachable, slow, refused, or answered something that is not a valid token for this request. */
export class TimestampError extends Error {
  override readonly name = 'TimestampError';
}

export interface TimestampTokenInfo {
  genTime: Date;
  policy: string;
  serialNumber: Buffer;
  /** The nonce INTEGER's content octets, or null when the token has none. */
  nonce: Buffer | null;
  /** The TSA's certificate (DER) that signed the token. */
  signerCertificate: Buffer;
}

/**
 * Reads a TimeStampToken and checks it covers `stamped` (a signature value, or the chunks of a PDF's
 * ByteRange for a document time stamp): a TSTInfo whose message imprint is the hash of those bytes,
 * signed by a time-stamping certificate carried in the token. Throws on anything else. It does not
 * judge whether the TSA is one to trust.
 */
export function verifyTimestampToken(token: Buffer, stamped: Buffer[]): TimestampTokenInfo {
  const signed = parseSignedData(token);
  if (signed.contentType !== OID.tstInfo || !signed.content) throw new TimestampError('the token holds no TSTInfo');
  const fields = readChildren(expectTag(readDer(signed.content), TAG.SEQUENCE, 'TSTInfo'));
  const [imprintAlgorithm, hashedMessage] = readChildren(expectTag(fields[2], TAG.SEQUENCE, 'messageImprint'));
  const hash = hashName(decodeOid(readChildren(expectTag(imprintAlgorithm, TAG.SEQUENCE, 'hashAlgorithm'))[0]));
  const expected = hash ? stamped.reduce((digest, chunk) => digest.update(chunk), createHash(hash)).digest() : null;
  if (!expected || !expectTag(hashedMessage, TAG.OCTET_STRING, 'hashedMessage').content.equals(expected)) {
    throw new TimestampError('the token time-stamps something other than these bytes');
  }
  const { valid, signerCertificate } = verifySignedData(signed, [signed.content]);
  if (!valid || !signerCertificate) throw new TimestampError("the token's signature does not verify");
  // Node names the extended key usage list `keyUsage`.
  if (!(new X509Certificate(signerCertificate).keyUsage ?? []).includes(OID.timeStamping)) {
    throw new TimestampError('the token is not signed by a time-stamping certificate');
  }
  return {
    policy: decodeOid(fields[1]),
    serialNumber: expectTag(fields[3], TAG.INTEGER, 'serialNumber').content,
    genTime: decodeGeneralizedTime(fields[4]),
    // After genTime come the optional accuracy (SEQUENCE) and ordering (BOOLEAN); the nonce is the only INTEGER.
    nonce: fields.slice(5).find((field) => field.tag === TAG.INTEGER)?.content ?? null,
    signerCertificate,
  };
}

/** Asks the TSA at `url` for a token over SHA-256 of `stamped`, the chunks taken in order; answers the TimeStampToken (DER) and what it says. */
export async function requestTimestamp(url: string, timeoutMs: number, stamped: Buffer[]): Promise<{ token: Buffer; info: TimestampTokenInfo }> {
  // A positive 8-byte nonce with its top bit clear and second bit set: minimal DER without padding.
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x3f) | 0x40;
  const request = derSequence(
    derInteger(1),
    // SHA-256 with NULL parameters, as `openssl ts -query` sends it: the form every TSA accepts.
    derSequence(derSequence(derOid(OID.sha256), derNull()), derOctetString(sha256(...stamped))),
    derInteger(nonce),
    derBoolean(true),
  );
  let body: Buffer;
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: request,
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new TimestampError(`the TSA answered HTTP ${response.status}`);
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    // fetch reports the timeout as a DOMException named TimeoutError, and network failures with the cause inside.
    const { name, cause } = error as { name?: string; cause?: unknown };
    const reason = name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : String(cause ?? error);
    throw new TimestampError(`the TSA could not be reached: ${reason}`, { cause: error });
  }
  try {
    return checkedToken(body, stamped, nonce);
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw new TimestampError('the TSA answered a malformed TimeStampResp', { cause: error });
  }
}

function checkedToken(response: Buffer, stamped: Buffer[], nonce: Buffer): { token: Buffer; info: TimestampTokenInfo } {
  const [statusInfo, token] = readChildren(expectTag(readDer(response), TAG.SEQUENCE, 'TimeStampResp'));
  const [status, ...details] = readChildren(expectTag(statusInfo, TAG.SEQUENCE, 'PKIStatusInfo'));
  const code = expectTag(status, TAG.INTEGER, 'PKIStatus').content.readUIntBE(0, Math.min(status.content.length, 6));
  // 0 granted, 1 grantedWithMods; 2 rejection, 3 waiting, 4 revocationWarning, 5 revocationNotification.
  if (code > 1) {
    const freeText = details[0]?.tag === TAG.SEQUENCE ? readChildren(details[0]).map((text) => text.content.toString('utf8')) : [];
    throw new TimestampError(`the TSA refused the request (PKIStatus ${code}${freeText.length ? `: ${freeText.join('; ')}` : ''})`);
  }
  if (!token) throw new TimestampError('the TSA granted the request but sent no token');
  const info = verifyTimestampToken(token.encoded, stamped);
  if (!info.nonce?.equals(nonce)) throw new TimestampError('the token does not echo our nonce');
  return { token: token.encoded, info };
}
