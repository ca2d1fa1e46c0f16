import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openP12 } from '../../certificates/p12';
import { ensureLocalCertificate, loadP12 } from './platform-certificate';

describe('platform certificate', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'platform-cert-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('generates the development certificate once, readable by its owner only, and reuses it', async () => {
    const first = await ensureLocalCertificate(dir);
    const second = await ensureLocalCertificate(dir);

    expect(second.fingerprintSha256).toBe(first.fingerprintSha256);
    expect(second.p12.equals(first.p12)).toBe(true);
    expect(second.password).toBe(first.password);
    for (const file of ['sign-cert.p12', 'sign-cert.password']) {
      expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    }
    expect(await readFile(join(dir, 'sign-cert.password'), 'utf8')).toBe(`${first.password}\n`);

    expect(first.subject).toBe('CN=闪签云 本地开发签名证书, O=闪签云');
    expect(first.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    const certificate = new X509Certificate(first.certificatePem);
    expect(certificate.issuer).toBe(certificate.subject);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    const years = (Date.parse(certificate.validTo) - Date.parse(certificate.validFrom)) / (365.25 * 24 * 3600_000);
    expect(Math.round(years)).toBe(10);
    expect(certificate.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(first.fingerprintSha256);
  });

  it('loads a PKCS#12 file and refuses a wrong password', async () => {
    const generated = await ensureLocalCertificate(dir);
    const path = join(dir, 'sign-cert.p12');

    expect((await loadP12(path, generated.password)).fingerprintSha256).toBe(generated.fingerprintSha256);
    await expect(loadP12(path, 'not the password')).rejects.toThrow(/wrong password/);
    expect(() => openP12(Buffer.from('not a p12'), '')).toThrow(/not PKCS#12/);
  });
});
