/**
 * The platform's signing certificate: a PKCS#12 file from a CA in production, or a self-signed one
 * generated once into the data directory for local development (which the caller refuses in
 * production). The PKCS#12 helpers themselves are in certificates/p12.ts.
 */
import { readFile } from 'node:fs/promises';
import { createSelfSignedCertificate, ensureLocalP12, openP12 } from '../../certificates/p12';
import { fingerprintSha256 } from './cms';

export interface PlatformCertificate {
  p12: Buffer;
  password: string;
  certificatePem: string;
  /** SHA-256 of the certificate (DER), lowercase hex without separators. */
  fingerprintSha256: string;
  /** e.g. `CN=闪签云 本地开发签名证书, O=闪签云`. */
  subject: string;
}

const LOCAL_CERTIFICATE_SUBJECT = { commonName: '闪签云 本地开发签名证书', organization: '闪签云' };
const LOCAL_CERTIFICATE_YEARS = 10;

/** Reads and checks a PKCS#12 file (a wrong password fails here, at start-up, rather than at the first signing). */
export async function loadP12(path: string, password: string): Promise<PlatformCertificate> {
  return describe(await readFile(path), password);
}

/**
 * The development certificate in `<dataDir>/sign-cert.p12`, its password in
 * `<dataDir>/sign-cert.password` (both 0600): generated on the first call, reused afterwards.
 * Not safe against two processes generating at the same instant (a development-only concern).
 */
export async function ensureLocalCertificate(dataDir: string): Promise<PlatformCertificate> {
  const { p12, password } = await ensureLocalP12(dataDir, 'sign-cert', () =>
    createSelfSignedCertificate({ ...LOCAL_CERTIFICATE_SUBJECT, years: LOCAL_CERTIFICATE_YEARS }),
  );
  return describe(p12, password);
}

function describe(p12: Buffer, password: string): PlatformCertificate {
  const { certificate } = openP12(p12, password);
  return {
    p12,
    password,
    certificatePem: certificate.toString(),
    fingerprintSha256: fingerprintSha256(certificate.raw),
    subject: certificate.subject.split('\n').join(', '),
  };
}
