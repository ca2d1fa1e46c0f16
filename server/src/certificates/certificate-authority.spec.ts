import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { draftSignedData, OID, parseSignedData, verifySignedData } from '../sign/pdf/cms';
import { CertificateAuthority, generateLeafKey } from './certificate-authority';
import { createSelfSignedCertificate, openP12, packP12 } from './p12';

const run = promisify(execFile);
const DAY = 24 * 3600_000;

describe('certificate authority', () => {
  let dir: string;
  let ca: CertificateAuthority;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sign-ca-'));
    ca = await CertificateAuthority.load({ p12Path: null, p12Password: '' }, dir, new Date());
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('generates the local CA once into DATA_DIR, readable by its owner only: a CA certificate for certificate and CRL signing', async () => {
    for (const file of ['sign-ca.p12', 'sign-ca.password']) expect((await stat(join(dir, file))).mode & 0o777).toBe(0o600);
    const again = await CertificateAuthority.load({ p12Path: null, p12Password: '' }, dir, new Date());
    expect(again.certificate.fingerprint256).toBe(ca.certificate.fingerprint256);
    expect(ca.generated).toBe(true);
    expect(ca.certificate.subject).toBe('CN=闪签云 本地开发 CA\nO=闪签云');
    expect(ca.certificate.ca).toBe(true);
    await writeFile(join(dir, 'ca.pem'), ca.certificate.toString());
    const text = (await run('openssl', ['x509', '-in', join(dir, 'ca.pem'), '-noout', '-ext', 'basicConstraints,keyUsage'])).stdout;
    expect(text).toMatch(/Basic Constraints: critical\s+CA:TRUE/);
    expect(text).toMatch(/Key Usage: critical\s+Certificate Sign, CRL Sign/);
    expect(ca.chain()).toEqual([ca.certificate]);
  });

  it('issues EC P-256 certificates that openssl verifies against the CA, whose key signs CMS', async () => {
    const key = await generateLeafKey();
    const now = Date.now();
    const issued = await ca.issue({
      subject: [{ type: 'CN', value: '张三' }, { type: 'serialNumber', value: 'ab'.repeat(32) }, { type: 'O', value: '闪签云 事件证书' }],
      publicKey: key.publicKey,
      notBefore: new Date(now - 5 * 60_000),
      notAfter: new Date(now + 3 * DAY),
    });
    await writeFile(join(dir, 'ca.pem'), ca.certificate.toString());
    await writeFile(join(dir, 'leaf.pem'), issued.toString());
    expect((await run('openssl', ['verify', '-CAfile', join(dir, 'ca.pem'), join(dir, 'leaf.pem')])).stdout.trim()).toBe(`${join(dir, 'leaf.pem')}: OK`);
    const text = (await run('openssl', ['x509', '-in', join(dir, 'leaf.pem'), '-noout', '-text', '-nameopt', 'utf8'])).stdout;
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
    expect(text).toMatch(/Authority Key Identifier/);
    expect(text).toMatch(/ASN1 OID: prime256v1/);

    expect(issued.subject).toBe(`CN=张三\nserialNumber=${'ab'.repeat(32)}\nO=闪签云 事件证书`);
    expect(issued.serialNumber).toMatch(/^[4-7][0-9A-F]{31}$/);
    expect(ca.issued(issued)).toBe(true);
    expect(ca.issued(ca.certificate)).toBe(true);
    const stranger = createSelfSignedCertificate({ commonName: '他人', organization: '他人', years: 1 }).certificate;
    expect(ca.issued(stranger)).toBe(false);

    const content = Buffer.from('合同正文');
    const signed = draftSignedData({ signer: { privateKey: key.privateKey, certificate: issued.raw, chain: [ca.certificate.raw] }, contentType: OID.data, content, embedContent: false }).encode();
    expect(verifySignedData(parseSignedData(signed), [content]).valid).toBe(true);
  });

  it('never issues past its own end', async () => {
    const key = await generateLeafKey();
    const issued = await ca.issue({ subject: [{ type: 'CN', value: '甲' }], publicKey: key.publicKey, notBefore: new Date(), notAfter: new Date(Date.now() + 20 * 365 * DAY) });
    expect(issued.validTo).toBe(ca.certificate.validTo);
  });

  it('refuses a P12 that is not a CA, or a CA expired or not yet valid', async () => {
    const leaf = createSelfSignedCertificate({ commonName: '签名证书', organization: '某公司', years: 1 });
    const path = join(dir, 'leaf.p12');
    await writeFile(path, packP12(leaf.certificate, leaf.privateKey, 'pw'));
    await expect(CertificateAuthority.load({ p12Path: path, p12Password: 'pw' }, dir, new Date())).rejects.toThrow(
      /SIGN_CA_P12_PATH is not a usable certificate authority: its certificate is not a CA certificate .*; its certificate may not sign certificates/,
    );
    await expect(CertificateAuthority.load({ p12Path: path, p12Password: 'wrong' }, dir, new Date())).rejects.toThrow(/SIGN_CA_P12_PATH \(.*\): cannot open the PKCS#12 file: wrong password/);

    const password = (await readFile(join(dir, 'sign-ca.password'), 'utf8')).trim();
    const contents = openP12(await readFile(join(dir, 'sign-ca.p12')), password);
    await expect(CertificateAuthority.from(contents, new Date(Date.now() + 11 * 365 * DAY), false, 'SIGN_CA_P12_PATH')).rejects.toThrow(/its certificate expired on/);
    await expect(CertificateAuthority.from(contents, new Date(Date.now() - 2 * DAY), false, 'SIGN_CA_P12_PATH')).rejects.toThrow(/not valid before/);
  });
});
