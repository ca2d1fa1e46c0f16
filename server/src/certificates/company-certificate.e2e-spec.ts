import { execFile } from 'node:child_process';
import { KeyObject, webcrypto, X509Certificate } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ErrorCode } from '@shanqian/shared';
import { AuditLog } from '../admin/audit-log.entity';
import { SecretsService } from '../common/crypto/secrets.service';
import { AdminClient } from '../test/admin-client';
import { FakeClock } from '../test/fake-clock';
import { residentId } from '../test/fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { CertificateAuthority } from './certificate-authority';
import { CertificateService } from './certificate.service';
import { CompanyCertificate } from './company-certificate.entity';
import { createSelfSignedCertificate, packP12 } from './p12';

const run = promisify(execFile);
const DAY = 24 * 3600_000;
const HR_PASSWORD = 'Hr-certs-pass1';

describe('company and event certificates', () => {
  const clock = new FakeClock();
  let t: TestApp;
  let superAdmin: AdminClient;
  let certificates: CertificateService;
  let company: { id: number; companyName: string };
  let dir: string;
  /** A licensed CA of the tests' own, issuing the P12s a super admin uploads. */
  let licensedCa: CertificateAuthority;
  let licensedCaCertificate: X509Certificate;
  let licensedCaKey: KeyObject;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'company-certs-'));
    t = await startTestApp({}, undefined, { clock });
    superAdmin = await AdminClient.superAdmin(t);
    certificates = t.app.get(CertificateService);
    const created = await superAdmin.post('/admin/companies', { company_name: '证书测试集团有限公司' }).expect(200);
    company = { id: created.body.data.id, companyName: created.body.data.company_name };
    ({ certificate: licensedCaCertificate, privateKey: licensedCaKey } = createSelfSignedCertificate({ commonName: '测试 CA', organization: '测试认证机构', years: 5, ca: true }));
    licensedCa = await CertificateAuthority.from({ certificate: licensedCaCertificate, privateKey: licensedCaKey, chain: [] }, new Date(clock.now()), false, 'test CA');
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rows = () => t.db.getRepository(CompanyCertificate).find({ where: { companyId: company.id }, order: { id: 'ASC' } });
  const pemFile = async (name: string, certificates: X509Certificate[]) => {
    const path = join(dir, name);
    await writeFile(path, certificates.map((c) => c.toString()).join(''));
    return path;
  };
  const opensslVerify = async (certificate: X509Certificate) =>
    (await run('openssl', ['verify', '-attime', String(Math.floor(clock.now() / 1000)), '-CAfile', await pemFile('ca.pem', certificates.caChain()), await pemFile('cert.pem', [certificate])])).stdout.trim();

  /** A P12 for the company from the test CA, valid from `notBefore` to `notAfter`: RSA, the keys forge writes (one key for all, generating one is slow). */
  let licensedKey: Promise<webcrypto.CryptoKeyPair> | undefined;
  async function licensedP12(password: string, notBefore: number, notAfter: number): Promise<Buffer> {
    licensedKey ??= webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    const pair = await licensedKey;
    const certificate = await licensedCa.issue({
      subject: [{ type: 'CN', value: '证书测试集团有限公司' }, { type: 'O', value: '证书测试集团有限公司' }],
      publicKey: pair.publicKey,
      notBefore: new Date(notBefore),
      notAfter: new Date(notAfter),
    });
    return packP12(certificate, KeyObject.from(pair.privateKey), password, [licensedCaCertificate]);
  }
  const upload = (client: AdminClient, p12: Buffer, password: string) =>
    client.request('put', `/admin/companies/${company.id}/certificate`).attach('file', p12, 'company.p12').field('password', password);

  it('issues a contracting entity\'s certificate on first use, once however many ask at the same time, and renews it 30 days before its end', async () => {
    const first = await Promise.all([1, 2, 3].map(() => certificates.companySigner(company, '证书测试劳务公司')));
    expect(new Set(first.map((s) => s.certificate.fingerprint256)).size).toBe(1);
    const [signer] = first;
    expect(signer.certificate.subject).toBe('CN=证书测试劳务公司\nO=证书测试集团有限公司');
    expect(signer.signer.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(signer.chain).toEqual(certificates.caChain());
    expect(await opensslVerify(signer.certificate)).toMatch(/: OK$/);
    expect(Math.round((Date.parse(signer.certificate.validTo) - clock.now()) / DAY)).toBe(365);
    const [stored] = await rows();
    expect(stored).toMatchObject({ source: 'generated', contractBody: '证书测试劳务公司', activeFor: '证书测试劳务公司', serial: signer.certificate.serialNumber.toLowerCase() });
    expect(stored.privateKeyEnc).not.toMatch(/PRIVATE KEY/);

    clock.advance(330 * DAY);
    expect((await certificates.companySigner(company, '证书测试劳务公司')).certificate.fingerprint256).toBe(signer.certificate.fingerprint256);
    clock.advance(6 * DAY);
    const renewed = await certificates.companySigner(company, '证书测试劳务公司');
    expect(renewed.certificate.fingerprint256).not.toBe(signer.certificate.fingerprint256);
    expect((await rows()).map((row) => row.activeFor)).toEqual([null, '证书测试劳务公司']);
    // The replaced certificate still belongs to the platform: files signed with it stay explainable.
    expect(await certificates.isPlatformTrusted(signer.certificate.raw)).toBe(true);
    expect(await certificates.isPlatformTrusted(licensedCaCertificate.raw)).toBe(false);
  });

  it('issues an event certificate: the worker\'s name, a keyed hash of the ID number, three days', async () => {
    const idNumber = residentId('1990-01-01', true);
    const event = await certificates.issueEventCertificate({ name: '李四', idNumber });
    const serialNumber = t.app.get(SecretsService).mac('id-number-lookup', idNumber);
    expect(event.certificate.subject).toBe(`CN=李四\nserialNumber=${serialNumber}\nO=闪签云 事件证书`);
    expect(event.certificate.subject).not.toContain(idNumber);
    expect(Date.parse(event.certificate.validTo) - Date.parse(event.certificate.validFrom)).toBe(3 * DAY + 5 * 60_000);
    expect(await opensslVerify(event.certificate)).toMatch(/: OK$/);
    expect(await certificates.isPlatformTrusted(event.certificate.raw)).toBe(true);
  });

  it('takes a licensed CA\'s P12 from a super admin only, checked, and nothing is written when it is refused', async () => {
    const now = clock.now();
    const valid = await licensedP12('p12-pass', now - DAY, now + 60 * DAY);
    const hrUser = await superAdmin.post('/admin/users', { username: 'hr_certs', name: '人事证书', role: 'hr', password: HR_PASSWORD }).expect(200);
    const hr = new AdminClient(t);
    await hr.login('hr_certs', HR_PASSWORD);
    expect(hrUser.body.data.role).toBe('hr');
    await upload(hr, valid, 'p12-pass').expect(403);

    const refusals: [Buffer, string, ErrorCode][] = [
      [valid, 'wrong-pass', ErrorCode.CertificatePasswordWrong],
      [Buffer.from('not a p12 at all'), 'p12-pass', ErrorCode.CertificateFileInvalid],
      [await licensedP12('p12-pass', now - 30 * DAY, now - DAY), 'p12-pass', ErrorCode.CertificateNotValidNow],
      [packP12(licensedCaCertificate, licensedCaKey, 'p12-pass'), 'p12-pass', ErrorCode.CertificateNotForSigning],
    ];
    for (const [file, password, code] of refusals) {
      const res = await upload(superAdmin, file, password).expect(400);
      expect(res.body.status).toBe(code);
    }
    expect((await upload(superAdmin, Buffer.alloc(64 * 1024 + 1), 'p12-pass').expect(413)).body.status).toBe(ErrorCode.UploadTooLarge);
    expect((await rows()).filter((row) => row.source === 'uploaded')).toEqual([]);

    const res = await upload(superAdmin, valid, 'p12-pass').expect(200);
    const [uploaded, generated] = res.body.data.certificates;
    expect(uploaded).toMatchObject({ source: 'uploaded', contract_body: null, in_use: true, subject: 'CN=证书测试集团有限公司, O=证书测试集团有限公司', issuer: 'CN=测试 CA, O=测试认证机构' });
    expect(generated).toMatchObject({ source: 'generated', contract_body: '证书测试劳务公司', in_use: false });
    expect((await superAdmin.get(`/admin/companies/${company.id}/certificate`).expect(200)).body.data).toEqual(res.body.data);
    const [audit] = await t.db.getRepository(AuditLog).find({ where: { action: 'company.certificate.upload' } });
    expect(JSON.parse(audit.detail!)).toMatchObject({ serial: uploaded.serial, fingerprint_sha256: uploaded.fingerprint_sha256 });

    // It signs for every contracting entity of the company, with its own chain.
    const signer = await certificates.companySigner(company, '另一个合同主体');
    expect(signer.certificate.fingerprint256.replace(/:/g, '').toLowerCase()).toBe(uploaded.fingerprint_sha256);
    expect(signer.chain.map((c) => c.fingerprint256)).toEqual([licensedCaCertificate.fingerprint256]);
    expect(await certificates.isPlatformTrusted(signer.certificate.raw)).toBe(true);

    // Two uploads at the same moment: each answers 200 or a clean 409, and one certificate is active.
    const racing = await Promise.all([1, 2].map(() => upload(superAdmin, valid, 'p12-pass')));
    expect(racing.map((r) => r.status).filter((status) => status !== 200 && status !== 409)).toEqual([]);
    expect(racing.some((r) => r.status === 200)).toBe(true);
    for (const lost of racing.filter((r) => r.status === 409)) expect(lost.body.status).toBe(ErrorCode.RecordDuplicate);
    expect((await rows()).filter((row) => row.activeFor === '*')).toHaveLength(1);
  });

  it('refuses to sign with an uploaded certificate that cannot be opened or has expired (409), until it is removed', async () => {
    const [uploaded] = (await rows()).filter((row) => row.activeFor === '*');
    const repository = t.db.getRepository(CompanyCertificate);
    await repository.update(uploaded.id, { privateKeyEnc: 'v1.garbage.garbage.garbage' });
    await expect(certificates.companySigner(company, '证书测试劳务公司')).rejects.toMatchObject({ code: ErrorCode.CompanyCertificateUnreadable });
    await repository.update(uploaded.id, { privateKeyEnc: uploaded.privateKeyEnc });

    clock.advance(61 * DAY);
    await expect(certificates.companySigner(company, '证书测试劳务公司')).rejects.toMatchObject({ code: ErrorCode.CompanyCertificateExpired });

    const removed = await superAdmin.request('delete', `/admin/companies/${company.id}/certificate`).expect(200);
    expect(removed.body.data.certificates.map((c: { source: string; in_use: boolean }) => [c.source, c.in_use])).toEqual([['generated', true]]);
    expect((await certificates.companySigner(company, '证书测试劳务公司')).certificate.issuer).toBe(certificates.caChain()[0].subject);
    expect((await superAdmin.request('delete', `/admin/companies/${company.id}/certificate`).expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
    expect(await t.db.getRepository(AuditLog).countBy({ action: 'company.certificate.remove' })).toBe(1);
  });
});
