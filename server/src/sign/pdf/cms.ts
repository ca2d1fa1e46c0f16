/**
 * CMS SignedData (RFC 5652) as PAdES baseline and RFC 3161 need it: SHA-256, signed attributes
 * contentType + messageDigest + ESS signing-certificate-v2, never signingTime, and room for
 * unsigned attributes (the signature time stamp). node-forge's pkcs7 can neither add ESS attributes
 * nor unsigned ones, so the structure is assembled here and signed with Node's crypto.
 */
import { createHash, KeyObject, sign as cryptoSign, verify as cryptoVerify, X509Certificate } from 'node:crypto';
import {
  contextTag,
  decodeOid,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  DerElement,
  DerError,
  encodeDer,
  expectTag,
  readChildren,
  readDer,
  TAG,
} from './der';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Digest algorithms accepted when reading someone else's signature or time stamp. */
const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  [OID.sha256]: 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** RSA PKCS#1 v1.5 and ECDSA signature algorithms (by themselves or combined with a hash); PSS is not read. */
const SIGNATURE_ALGORITHMS = new Set([
  OID.rsaEncryption,
  '1.2.840.113549.1.1.5',
  '1.2.840.113549.1.1.11',
  '1.2.840.113549.1.1.12',
  '1.2.840.113549.1.1.13',
  '1.2.840.10045.2.1',
  OID.ecdsaWithSha256,
  '1.2.840.10045.4.3.3',
  '1.2.840.10045.4.3.4',
]);

export const hashName = (oid: string): string | undefined => HASHES[oid];
export const sha256 = (...chunks: Buffer[]): Buffer => chunks.reduce((hash, chunk) => hash.update(chunk), createHash('sha256')).digest();
export const fingerprintSha256 = (certificateDer: Buffer): string => sha256(certificateDer).toString('hex');

/** Who signs: the key, its certificate (DER) and the rest of its chain, all embedded in the SignedData. */
export interface CmsSigner {
  privateKey: KeyObject;
  certificate: Buffer;
  chain: Buffer[];
}

/** A signer info whose signature value is known before its unsigned attributes (the time stamp over that value). */
export interface SignedDataDraft {
  readonly signatureValue: Buffer;
  /** The ContentInfo, DER. */
  encode(unsignedAttributes?: Buffer[]): Buffer;
}

const algorithm = (oid: string, withNullParameters = false): Buffer => derSequence(derOid(oid), ...(withNullParameters ? [derNull()] : []));

export const cmsAttribute = (oid: string, ...values: Buffer[]): Buffer => derSequence(derOid(oid), derSetOf(values));

/** The issuer Name and serialNumber INTEGER of a certificate, DER, as the SignerIdentifier and ESS use them. */
function certificateIssuerAndSerial(certificateDer: Buffer): { issuer: Buffer; serial: Buffer } {
  const tbs = readChildren(expectTag(readChildren(readDer(certificateDer))[0], TAG.SEQUENCE, 'TBSCertificate'));
  const fields = tbs[0]?.tag === contextTag(0) ? tbs.slice(1) : tbs;
  return {
    serial: expectTag(fields[0], TAG.INTEGER, 'serialNumber').encoded,
    issuer: expectTag(fields[2], TAG.SEQUENCE, 'issuer').encoded,
  };
}

/**
 * Signs `content` (SHA-256) for `signer`. `embedContent` false gives the detached form PAdES
 * uses, where `content` may come in chunks (a PDF's two ByteRange parts, never copied into one);
 * true the encapsulated form of a time-stamp token (its TSTInfo).
 */
export function draftSignedData(options: { signer: CmsSigner; contentType: string; content: Buffer | Buffer[]; embedContent: boolean }): SignedDataDraft {
  const { signer, contentType, embedContent } = options;
  const content = Array.isArray(options.content) ? options.content : [options.content];
  const { issuer, serial } = certificateIssuerAndSerial(signer.certificate);
  // ESSCertIDv2 with the default hash (SHA-256, so omitted as DER wants) and without issuerSerial,
  // which ETSI EN 319 122-1 advises leaving out: the certificate hash is the binding.
  const essCertId = derSequence(derSequence(derSequence(derOctetString(sha256(signer.certificate)))));
  const signedAttributes = [
    cmsAttribute(OID.contentType, derOid(contentType)),
    cmsAttribute(OID.messageDigest, derOctetString(sha256(...content))),
    cmsAttribute(OID.signingCertificateV2, essCertId),
  ];
  // The signature covers the attributes as a SET OF; in the SignerInfo they sit under IMPLICIT [0].
  const signedAttributesSet = derSetOf(signedAttributes);
  const ec = signer.privateKey.asymmetricKeyType === 'ec';
  const signatureValue = cryptoSign('sha256', signedAttributesSet, signer.privateKey);
  return {
    signatureValue,
    encode(unsignedAttributes = []) {
      const signerInfo = derSequence(
        derInteger(1),
        derSequence(issuer, serial),
        algorithm(OID.sha256),
        derSetOf(signedAttributes, contextTag(0)),
        ec ? algorithm(OID.ecdsaWithSha256) : algorithm(OID.rsaEncryption, true),
        derOctetString(signatureValue),
        ...(unsignedAttributes.length ? [derSetOf(unsignedAttributes, contextTag(1))] : []),
      );
      const signedData = derSequence(
        // RFC 5652 5.1: version 3 once the content is anything but id-data (a TSTInfo), else 1.
        derInteger(contentType === OID.data ? 1 : 3),
        derSetOf([algorithm(OID.sha256)]),
        derSequence(derOid(contentType), ...(embedContent ? [encodeDer(contextTag(0), derOctetString(Buffer.concat(content)))] : [])),
        derSetOf([signer.certificate, ...signer.chain], contextTag(0)),
        derSetOf([signerInfo]),
      );
      return derSequence(derOid(OID.signedData), encodeDer(contextTag(0), signedData));
    },
  };
}

export interface ParsedSignerInfo {
  issuer: Buffer;
  serial: Buffer;
  digestAlgorithm: string;
  /** The IMPLICIT [0] element as stored; the signature is over it re-tagged as a SET. */
  signedAttributes: DerElement | null;
  signatureAlgorithm: string;
  signature: Buffer;
  unsignedAttributes: DerElement | null;
}

export interface ParsedSignedData {
  contentType: string;
  /** The encapsulated content, null when detached. */
  content: Buffer | null;
  certificates: Buffer[];
  signerInfo: ParsedSignerInfo;
}

/** Reads a ContentInfo holding SignedData (trailing bytes, e.g. a PDF's zero padding, are ignored). Throws DerError. */
export function parseSignedData(contentInfo: Buffer): ParsedSignedData {
  const [type, explicit] = readChildren(expectTag(readDer(contentInfo), TAG.SEQUENCE, 'ContentInfo'));
  if (decodeOid(type) !== OID.signedData) throw new DerError('not a SignedData');
  const signedData = readChildren(expectTag(readChildren(expectTag(explicit, contextTag(0), 'content'))[0], TAG.SEQUENCE, 'SignedData'));
  const [eContentType, eContent] = readChildren(expectTag(signedData[2], TAG.SEQUENCE, 'EncapsulatedContentInfo'));
  const certificates = signedData[3]?.tag === contextTag(0) ? readChildren(signedData[3]).map((cert) => cert.encoded) : [];
  const signerInfos = readChildren(expectTag(signedData[signedData.length - 1], TAG.SET, 'signerInfos'));
  return {
    contentType: decodeOid(eContentType),
    content: eContent ? expectTag(readChildren(expectTag(eContent, contextTag(0), 'eContent'))[0], TAG.OCTET_STRING, 'eContent').content : null,
    certificates,
    signerInfo: parseSignerInfo(expectTag(signerInfos[0], TAG.SEQUENCE, 'SignerInfo')),
  };
}

function parseSignerInfo(element: DerElement): ParsedSignerInfo {
  const fields = readChildren(element);
  const sid = readChildren(expectTag(fields[1], TAG.SEQUENCE, 'IssuerAndSerialNumber'));
  let index = 3;
  const signedAttributes = fields[index]?.tag === contextTag(0) ? fields[index++] : null;
  const signatureAlgorithm = decodeOid(readChildren(expectTag(fields[index++], TAG.SEQUENCE, 'signatureAlgorithm'))[0]);
  const signature = expectTag(fields[index++], TAG.OCTET_STRING, 'signature').content;
  return {
    issuer: expectTag(sid[0], TAG.SEQUENCE, 'issuer').encoded,
    serial: expectTag(sid[1], TAG.INTEGER, 'serialNumber').encoded,
    digestAlgorithm: decodeOid(readChildren(expectTag(fields[2], TAG.SEQUENCE, 'digestAlgorithm'))[0]),
    signedAttributes,
    signatureAlgorithm,
    signature,
    unsignedAttributes: fields[index]?.tag === contextTag(1) ? fields[index] : null,
  };
}

/** The values of attribute `oid` in a signed or unsigned attribute set. */
export function attributeValues(attributes: DerElement | null, oid: string): DerElement[] {
  if (!attributes) return [];
  for (const attribute of readChildren(attributes)) {
    const [type, values] = readChildren(attribute);
    if (decodeOid(type) === oid) return readChildren(expectTag(values, TAG.SET, 'attribute values'));
  }
  return [];
}

export interface SignedDataVerification {
  /** messageDigest equals the digest of the content, the signature over the signed attributes verifies, and ESS (if any) names the signer's certificate. */
  valid: boolean;
  /** The certificate the SignerIdentifier names, if the SignedData carries it. */
  signerCertificate: Buffer | null;
}

/** Verifies the first signer of `parsed` over `content` (the chunks of the signed bytes). Checks no trust chain. */
export function verifySignedData(parsed: ParsedSignedData, content: Buffer[]): SignedDataVerification {
  const info = parsed.signerInfo;
  const signerCertificate =
    parsed.certificates.find((der) => {
      const id = certificateIssuerAndSerial(der);
      return id.issuer.equals(info.issuer) && id.serial.equals(info.serial);
    }) ?? null;
  const hash = hashName(info.digestAlgorithm);
  if (!signerCertificate || !hash || !info.signedAttributes || !SIGNATURE_ALGORITHMS.has(info.signatureAlgorithm)) {
    return { valid: false, signerCertificate };
  }
  const digest = content.reduce((h, chunk) => h.update(chunk), createHash(hash)).digest();
  const [messageDigest] = attributeValues(info.signedAttributes, OID.messageDigest);
  const [contentType] = attributeValues(info.signedAttributes, OID.contentType);
  const [essV2] = attributeValues(info.signedAttributes, OID.signingCertificateV2);
  const signedSet = Buffer.concat([Buffer.from([TAG.SET]), info.signedAttributes.encoded.subarray(1)]);
  const valid =
    !!messageDigest &&
    expectTag(messageDigest, TAG.OCTET_STRING, 'messageDigest').content.equals(digest) &&
    !!contentType &&
    decodeOid(contentType) === parsed.contentType &&
    (!essV2 || essNamesCertificate(essV2, signerCertificate)) &&
    cryptoVerify(hash, signedSet, new X509Certificate(signerCertificate).publicKey, info.signature);
  return { valid, signerCertificate };
}

/** The first ESSCertIDv2 must hash to the signer's certificate, or the certificate could have been swapped. */
function essNamesCertificate(signingCertificateV2: DerElement, certificate: Buffer): boolean {
  const [certs] = readChildren(signingCertificateV2);
  const [first] = readChildren(expectTag(certs, TAG.SEQUENCE, 'certs'));
  const fields = readChildren(expectTag(first, TAG.SEQUENCE, 'ESSCertIDv2'));
  const algorithmOid = fields[0].tag === TAG.SEQUENCE ? decodeOid(readChildren(fields[0])[0]) : OID.sha256;
  const certHash = expectTag(fields[0].tag === TAG.SEQUENCE ? fields[1] : fields[0], TAG.OCTET_STRING, 'certHash').content;
  const hash = hashName(algorithmOid);
  return !!hash && createHash(hash).update(certificate).digest().equals(certHash);
}
