/**
 * The platform's small certificate authority: its key and certificate (with the certificates above
 * it, when a licensed CA issued it), and the issuing of end-entity certificates with EC P-256 keys.
 * node-forge signs RSA only; @peculiar/x509 issues with any key Node's WebCrypto has (RSA or EC).
 */
import 'reflect-metadata'; // @peculiar/x509 resolves its parts through tsyringe, which needs it loaded first.
import { KeyObject, webcrypto, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';
import { CertificateAuthorityConfig } from '../config/app-config';
import { createSelfSignedCertificate, ensureLocalP12, openP12, P12Contents, randomSerial } from './p12';

// Its types name the DOM's Crypto, which the server's lib does not declare; Node's webcrypto is one.
x509.cryptoProvider.set(webcrypto as never);

const LOCAL_CA_SUBJECT = { commonName: '闪签云 本地开发 CA', organization: '闪签云' };
const LOCAL_CA_YEARS = 10;
const LOCAL_CA_FILE = 'sign-ca';

/** One attribute of a subject name, in order: CN, serialNumber (OID 2.5.4.5), O… */
export type NameAttribute = { type: 'CN' | 'O' | 'serialNumber'; value: string };

export interface IssueRequest {
  subject: NameAttribute[];
  publicKey: webcrypto.CryptoKey;
  notBefore: Date;
  notAfter: Date;
}

/** Whatever is wrong with a CA's P12, said so an operator knows what to fix. */
export class CertificateAuthorityError extends Error {}

const ATTRIBUTE_OIDS: Record<NameAttribute['type'], string> = { CN: '2.5.4.3', O: '2.5.4.10', serialNumber: '2.5.4.5' };
const EC_CURVES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

/** The end-entity keys: P-256 (a key per signing; generating one takes well under a millisecond). */
export const LEAF_KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

export class CertificateAuthority {
  private readonly parsed: x509.X509Certificate;

  private constructor(
    readonly certificate: X509Certificate,
    private readonly signingKey: webcrypto.CryptoKey,
    private readonly signingAlgorithm: webcrypto.AlgorithmIdentifier | webcrypto.EcdsaParams | webcrypto.RsaHashedImportParams,
    /** The certificates above this CA, root last; empty for a root. */
    private readonly issuers: X509Certificate[],
    /** Generated into DATA_DIR rather than configured: for local use only. */
    readonly generated: boolean,
  ) {
    this.parsed = new x509.X509Certificate(certificate.raw);
  }

  /**
   * The CA of SIGN_CA_P12_PATH, or the one generated into `<dataDir>/sign-ca.p12` (and its
   * `.password`) on the first call. Refuses a P12 that is not a usable CA at `now`.
   */
  static async load(config: CertificateAuthorityConfig, dataDir: string, now: Date): Promise<CertificateAuthority> {
    if (config.p12Path) {
      let contents: P12Contents;
      try {
        contents = openP12(await readFile(config.p12Path), config.p12Password);
      } catch (error) {
        throw new CertificateAuthorityError(`SIGN_CA_P12_PATH (${config.p12Path}): ${(error as Error).message}`, { cause: error });
      }
      return CertificateAuthority.from(contents, now, false, 'SIGN_CA_P12_PATH');
    }
    const { p12, password } = await ensureLocalP12(dataDir, LOCAL_CA_FILE, () => createSelfSignedCertificate({ ...LOCAL_CA_SUBJECT, years: LOCAL_CA_YEARS, ca: true }));
    return CertificateAuthority.from(openP12(p12, password), now, true, `${dataDir}/${LOCAL_CA_FILE}.p12`);
  }

  /** A CA from a P12's contents, checked: a CA certificate (cA, keyCertSign), valid at `now`, its key RSA or EC. */
  static async from(contents: P12Contents, now: Date, generated: boolean, source: string): Promise<CertificateAuthority> {
    const { certificate, privateKey, chain } = contents;
    const parsed = new x509.X509Certificate(certificate.raw);
    const usages = parsed.getExtension(x509.KeyUsagesExtension)?.usages;
    const problems = [
      !certificate.ca && 'its certificate is not a CA certificate (basicConstraints cA is not true)',
      usages !== undefined && !(usages & x509.KeyUsageFlags.keyCertSign) && 'its certificate may not sign certificates (keyUsage lacks keyCertSign)',
      parsed.notAfter.getTime() <= now.getTime() && `its certificate expired on ${parsed.notAfter.toISOString()}`,
      parsed.notBefore.getTime() > now.getTime() && `its certificate is not valid before ${parsed.notBefore.toISOString()}`,
    ].filter((problem): problem is string => !!problem);
    if (problems.length) throw new CertificateAuthorityError(`${source} is not a usable certificate authority: ${problems.join('; ')}`);
    const { key, algorithm } = await importSigningKey(privateKey, source);
    return new CertificateAuthority(certificate, key, algorithm, orderIssuers(certificate, chain), generated);
  }

  /** This CA's certificate and the ones above it, root last. */
  chain(): X509Certificate[] {
    return [this.certificate, ...this.issuers];
  }

  get notAfter(): Date {
    return new Date(this.certificate.validTo);
  }

  /** Whether `certificate` was issued by this CA: its issuer name is ours and our key verifies its signature. */
  issued(certificate: X509Certificate): boolean {
    return certificate.checkIssued(this.certificate) && certificate.verify(this.certificate.publicKey);
  }

  /**
   * An end-entity certificate for digital signatures and non-repudiation: a random positive
   * 16-byte serial, subject and authority key identifiers, never past this CA's own end.
   */
  async issue(request: IssueRequest): Promise<X509Certificate> {
    const notAfter = new Date(Math.min(request.notAfter.getTime(), this.notAfter.getTime()));
    const issued = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerial().toString('hex'),
      subject: new x509.Name(request.subject.map(({ type, value }) => ({
        // X.520 makes serialNumber a PrintableString; names are UTF8String, or Chinese would not fit.
        [ATTRIBUTE_OIDS[type]]: [type === 'serialNumber' ? { printableString: value } : { utf8String: value }],
      }))),
      issuer: this.parsed.subjectName,
      notBefore: request.notBefore,
      notAfter,
      signingAlgorithm: this.signingAlgorithm,
      publicKey: request.publicKey,
      signingKey: this.signingKey,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.AuthorityKeyIdentifierExtension.create(this.parsed),
        await x509.SubjectKeyIdentifierExtension.create(request.publicKey),
      ],
    });
    return new X509Certificate(Buffer.from(issued.rawData));
  }
}

/** keyUsage digitalSignature or nonRepudiation, or no keyUsage at all (any use). */
export function signsDocuments(certificate: X509Certificate): boolean {
  const usages = new x509.X509Certificate(certificate.raw).getExtension(x509.KeyUsagesExtension)?.usages;
  return usages === undefined || (usages & (x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation)) !== 0;
}

/** A fresh end-entity key pair: the CryptoKey pair to issue for, and the private key as Node's KeyObject for CMS. */
export async function generateLeafKey(): Promise<{ publicKey: webcrypto.CryptoKey; privateKey: KeyObject }> {
  const pair = await webcrypto.subtle.generateKey(LEAF_KEY_ALGORITHM, true, ['sign', 'verify']);
  return { publicKey: pair.publicKey, privateKey: KeyObject.from(pair.privateKey) };
}

async function importSigningKey(privateKey: KeyObject, source: string) {
  const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'der' });
  if (privateKey.asymmetricKeyType === 'rsa') {
    const algorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    return { key: await webcrypto.subtle.importKey('pkcs8', pkcs8, algorithm, false, ['sign']), algorithm };
  }
  const namedCurve = EC_CURVES[privateKey.asymmetricKeyDetails?.namedCurve ?? ''];
  if (privateKey.asymmetricKeyType === 'ec' && namedCurve) {
    return {
      key: await webcrypto.subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve }, false, ['sign']),
      algorithm: { name: 'ECDSA', hash: 'SHA-256' },
    };
  }
  throw new CertificateAuthorityError(`${source}: the CA's key must be RSA or EC (P-256, P-384, P-521), not ${privateKey.asymmetricKeyType}`);
}

/** The issuers of `certificate` among `others`, nearest first: each the issuer of the one before. */
function orderIssuers(certificate: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const ordered: X509Certificate[] = [];
  let current = certificate;
  while (current.issuer !== current.subject) {
    const issuer = others.find((other) => !ordered.includes(other) && current.checkIssued(other) && current.verify(other.publicKey));
    if (!issuer) break;
    ordered.push(issuer);
    current = issuer;
  }
  return ordered;
}
