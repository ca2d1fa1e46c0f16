/**
 * Checks an uploaded PDF against the platform's seal. The input is untrusted (a public upload), so
 * the work is bounded: only the last signature is read, a ByteRange must describe a sane layout,
 * the /Contents hex is capped, and anything malformed answers "not signed" instead of throwing.
 */
import { attributeValues, fingerprintSha256, OID, parseSignedData, verifySignedData } from './cms';
import { DerElement } from './der';
import { verifyTimestampToken } from './timestamp-client';

export interface SignedPdfInspection {
  /** A signature dictionary with a filled ByteRange and non-empty /Contents exists (valid or not). */
  signed: boolean;
  /** The ByteRange covers every byte except /Contents: nothing was appended after signing. */
  coversWholeFile: boolean;
  /** The CMS signature verifies and its messageDigest matches the bytes in the ByteRange. */
  signatureValid: boolean;
  /** SHA-256 of the signer's certificate, lowercase hex, when the signature carries it. */
  signerFingerprintSha256: string | null;
  /** signatureValid, and the signer's certificate is one of the trusted ones. */
  signedByPlatform: boolean;
  /** genTime of an embedded RFC 3161 token that verifies and covers this signature. */
  timestamp: Date | null;
}

/** Far above any real CMS (ours is ~3 KB); refuses a crafted ByteRange that would have us decode megabytes of hex. */
const MAX_CONTENTS_BYTES = 256 * 1024;
/** `%PDF-` must start within this many bytes (some producers put junk before it, as readers tolerate). */
const HEADER_WINDOW = 1024;

const UNSIGNED: SignedPdfInspection = {
  signed: false,
  coversWholeFile: false,
  signatureValid: false,
  signerFingerprintSha256: null,
  signedByPlatform: false,
  timestamp: null,
};

/** Fingerprints compare as lowercase hex without separators, so `AB:CD:…` (Node, openssl) matches too. */
const normalizeFingerprint = (fingerprint: string): string => fingerprint.replace(/:/g, '').toLowerCase();

export function inspectSignedPdf(pdf: Buffer, trustedCertFingerprints: string[]): SignedPdfInspection {
  const signature = lastSignature(pdf);
  if (!signature) return UNSIGNED;
  const { byteRange, contents } = signature;
  const [, firstLength, secondStart, secondLength] = byteRange;
  const coversWholeFile = secondStart + secondLength === pdf.length;
  try {
    const parsed = parseSignedData(contents);
    const { valid, signerCertificate } = verifySignedData(parsed, [
      pdf.subarray(0, firstLength),
      pdf.subarray(secondStart, secondStart + secondLength),
    ]);
    const fingerprint = signerCertificate && fingerprintSha256(signerCertificate);
    const trusted = new Set(trustedCertFingerprints.map(normalizeFingerprint));
    return {
      signed: true,
      coversWholeFile,
      signatureValid: valid,
      signerFingerprintSha256: fingerprint,
      signedByPlatform: valid && !!fingerprint && trusted.has(fingerprint),
      timestamp: valid ? timestampOf(parsed.signerInfo.unsignedAttributes, parsed.signerInfo.signature) : null,
    };
  } catch {
    // Not CMS we can read (or a key type Node refuses): a signature is there, but not a valid one.
    return { ...UNSIGNED, signed: true, coversWholeFile };
  }
}

/** The last /ByteRange in the file (the newest signature) and the CMS bytes it leaves out, or null. */
function lastSignature(pdf: Buffer): { byteRange: number[]; contents: Buffer } | null {
  if (pdf.subarray(0, HEADER_WINDOW).indexOf('%PDF-') < 0) return null;
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const match = /^\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/.exec(pdf.subarray(at, at + 100).toString('latin1'));
  if (!match) return null;
  const byteRange = match.slice(1).map(Number);
  const [start, firstLength, secondStart, secondLength] = byteRange;
  const gap = secondStart - firstLength;
  const sane =
    start === 0 &&
    firstLength > 0 &&
    gap >= 2 &&
    gap <= MAX_CONTENTS_BYTES * 2 + 2 &&
    secondStart + secondLength <= pdf.length &&
    pdf[firstLength] === 0x3c /* < */ &&
    pdf[secondStart - 1] === 0x3e; /* > */
  if (!sane) return null;
  const hex = pdf.subarray(firstLength + 1, secondStart - 1).toString('latin1');
  if (hex.length % 2 || !/^[0-9a-fA-F]*$/.test(hex)) return null;
  const contents = Buffer.from(hex, 'hex');
  // An all-zero /Contents is a placeholder that was never filled.
  return contents.some((byte) => byte !== 0) ? { byteRange, contents } : null;
}

/** genTime of the signature time stamp, if there is one that verifies and covers `signatureValue`. */
function timestampOf(unsignedAttributes: DerElement | null, signatureValue: Buffer): Date | null {
  const [token] = attributeValues(unsignedAttributes, OID.signatureTimeStampToken);
  if (!token) return null;
  try {
    return verifyTimestampToken(token.encoded, signatureValue).genTime;
  } catch {
    return null;
  }
}
