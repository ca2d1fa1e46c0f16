import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { MetricsService } from '../metrics/metrics.service';
import { AdminClient } from '../test/admin-client';
import { FakeTsaServer } from '../test/fake-tsa.server';
import { TINY_PNG } from '../test/fixtures';
import { unzipSync } from 'fflate';
import { pdfsig } from '../test/pdf-tools';
import { binary, checkEvidenceOffline } from '../test/evidence-offline-check';
import { CertificateService } from '../certificates/certificate.service';
import { APPROVAL, applyingWorker, authorizeSealing, ENTRY_DATE, download, freshSmsCode, signaturePng, templatePdf, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { ContractDocument } from './contract-document.entity';
import { termEndDate } from './signing.service';
import { SignApplication } from '../applications/sign-application.entity';

/** The demo company the first contract belongs to; its contracting entity bears the same name in the fixtures. */
const COMPANY_NAME = '闪签云示范科技有限公司';

describe('signing a labor contract on the phone', () => {
  let t: TestApp;
  let admin: AdminClient;
  let contractId: number;
  let companyId: number;
  const tsa = new FakeTsaServer();

  beforeAll(async () => {
    t = await startTestApp({ TSA_URL: await tsa.start(), TSA_TIMEOUT_MS: '1500' });
    admin = await AdminClient.superAdmin(t);
    companyId = Number((await t.db.query('SELECT id FROM company ORDER BY id'))[0].id);
    contractId = await uploadContract(admin, companyId, await templatePdf(3));
  });
  afterAll(async () => {
    await t.close();
    await tsa.stop();
  });

  /** A worker whose application HR approved; real-name passed unless told otherwise. */
  async function approvedWorker(realname = true) {
    const applying = await applyingWorker(t, { real_name: '李签署' });
    await admin.post(`/admin/applications/${applying.applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    if (realname) await applying.worker.request('post', '/verify/realname').expect(200);
    return applying;
  }

  const signForm = (worker: Awaited<ReturnType<typeof approvedWorker>>['worker'], code: string, png: Buffer = signaturePng()) =>
    worker.request('post', '/sign').field('verify_code', code).field('agree', '1').attach('signature', png, { filename: 'signature.png', contentType: 'image/png' });

  const state = async (applicationId: number) => ({
    status: (await t.db.getRepository(SignApplication).findOneByOrFail({ id: applicationId })).status,
    signed: (await t.db.getRepository(ContractDocument).findOneBy({ applicationId }))?.signedKey ?? null,
  });

  it('goes from preview to a sealed, time-stamped PDF that pdfsig and /verify/document accept', async () => {
    const { worker, resume, applicationId } = await approvedWorker();
    const preview = (await worker.get('/sign/contract').set({ 'X-location': '113.62,34.75' }).expect(200)).body.data;
    expect(preview.terms).toMatchObject({
      worker_name: '李签署', salary: '6500.50', entry_date: ENTRY_DATE, term_years: 3, end_date: termEndDate(ENTRY_DATE, 3), phone: resume.phone,
      id_number_masked: `${(resume.id_number as string).slice(0, 4)}**********${(resume.id_number as string).slice(-4)}`,
    });
    const filled = await download(t, preview.preview_url);
    expect(filled.subarray(0, 5).toString()).toBe('%PDF-');

    const code = await freshSmsCode(t, worker, resume.phone as string);
    const signed = (await signForm(worker, code).set({ 'X-location': '113.62,34.75', 'X-city': encodeURIComponent('郑州') }).expect(200)).body.data;
    expect(signed).toMatchObject({ application_id: applicationId, application_no: `SQ${String(applicationId).padStart(8, '0')}` });
    expect(signed.timestamp_at).not.toBeNull();
    expect(await t.app.get(MetricsService).text()).toMatch(/^shanqian_signing_duration_seconds_count\{outcome="signed"\} 1$/m);
    expect((await worker.get('/em_status').expect(200)).body.data.status).toBe(SignApplicationStatus.Signed);

    // Two signatures poppler finds valid, the worker's then the employer's, and the document time stamp over both.
    const pdf = await download(t, signed.url);
    const check = await pdfsig(pdf);
    expect(check.valid).toBe(true);
    expect(check.signatures).toEqual([
      { field: '劳动者签名', commonName: '李签署', type: 'ETSI.CAdES.detached', validation: 'Signature is Valid.' },
      { field: '用人单位盖章', commonName: COMPANY_NAME, type: 'ETSI.CAdES.detached', validation: 'Signature is Valid.' },
      expect.objectContaining({ field: '文档时间戳', commonName: '闪签云 测试时间戳服务' }),
    ]);
    expect(check.output).toMatch(/serialNumber=[0-9a-f]{64},CN=李签署/);

    const verify = async (file: Buffer) => (await t.http().post('/verify/document').set('X-platform-code', 'wxmp').attach('file', file, 'contract.pdf').expect(200)).body.data;
    const verdict = await verify(pdf);
    expect(verdict).toMatchObject({ genuine: true, signed: true, signed_by_platform: true, unmodified: true, application_no: signed.application_no, timestamp_at: signed.timestamp_at });
    expect(verdict.signatures).toEqual([
      expect.objectContaining({ role: 'worker', signer: '李签署', valid: true, covers_revision: true, covers_whole_file: false, issued_by_platform: true }),
      expect.objectContaining({ role: 'employer', signer: COMPANY_NAME, valid: true, covers_revision: true, covers_whole_file: false, issued_by_platform: true }),
      expect.objectContaining({ role: 'timestamp', signer: '闪签云 测试时间戳服务', signed_at: signed.timestamp_at, valid: true, covers_whole_file: true, issued_by_platform: false }),
    ]);

    // One byte changed inside the first revision: poppler and the platform both see it.
    const tampered = Buffer.from(pdf);
    tampered[tampered.indexOf('/Type /Page') + 7] ^= 0x01;
    expect((await pdfsig(tampered)).signatures.map((s) => s.validation)).toEqual(['Digest Mismatch.', 'Digest Mismatch.', expect.any(String)]);
    const tamperedVerdict = await verify(tampered);
    expect(tamperedVerdict).toMatchObject({ genuine: false, signed_by_platform: false, unmodified: false, application_no: null });
    expect(tamperedVerdict.signatures.map((s: { valid: boolean }) => s.valid)).toEqual([false, false, false]);

    // The evidence package, the worker's and HR's alike, checks offline with common tools.
    const evidence = await worker.get('/sign/evidence').buffer(true).parse(binary).expect(200).expect('Content-Type', 'application/zip');
    expect(evidence.headers['content-disposition']).toBe(`attachment; filename="${signed.application_no}-evidence.zip"`);
    const hrEvidence = await admin.get(`/admin/applications/${applicationId}/evidence`).buffer(true).parse(binary).expect(200);
    expect(unzipSync(hrEvidence.body)['contract.pdf']).toEqual(new Uint8Array(pdf));
    const audited = await t.db.query("SELECT target_id FROM admin_audit_log WHERE action = 'application.evidence'");
    expect(audited.map((row: { target_id: number }) => Number(row.target_id))).toEqual([applicationId]);
    await checkEvidenceOffline(evidence.body, signed.sha256);

    // The evidence chain, in the history HR sees.
    const detail = (await admin.get(`/admin/applications/${applicationId}`).expect(200)).body.data;
    expect(detail.events.map((e: { event: string }) => e.event)).toEqual(['applied', 'approved', 'realname_passed', 'contract_viewed', 'intent_confirmed', 'signed']);
    expect(detail.document).toMatchObject({ sha256: signed.sha256 });
    expect(await download(t, detail.document.url)).toEqual(pdf);

    // A retried POST (the code is spent by now) answers the same document; GET /sign/document too.
    const again = (await signForm(worker, code).expect(200)).body.data;
    expect(again.sha256).toBe(signed.sha256);
    expect((await worker.get('/sign/document').expect(200)).body.data.sha256).toBe(signed.sha256);
  });

  it('refuses to sign before approval and before the real-name check', async () => {
    const applying = await applyingWorker(t);
    const early = await signForm(applying.worker, '123456').expect(409);
    expect(early.body).toMatchObject({ status: ErrorCode.SignNotReady, msg: '签约申请当前状态为「签约申请」，不能签署合同' });
    await applying.worker.get('/sign/contract').expect(409);
    await applying.worker.get('/sign/document').expect(404);

    const { worker, resume, applicationId } = await approvedWorker(false);
    const code = await freshSmsCode(t, worker, resume.phone as string);
    const res = await signForm(worker, code).expect(409);
    expect(res.body).toMatchObject({ status: ErrorCode.SignNotReady, msg: '请先完成实名认证再签署合同' });
    expect(await state(applicationId)).toEqual({ status: SignApplicationStatus.PendingSignature, signed: null });
  });

  it('refuses bad signatures, a missing agreement, wrong and reused codes, and changes nothing', async () => {
    const { worker, resume, applicationId } = await approvedWorker();
    const cases: [Buffer, number, number, string][] = [
      [TINY_PNG, 400, ErrorCode.SignatureImageInvalid, 'signature: 签名图片尺寸应在 100×50 到 4096×4096 像素之间（当前 1×1）'],
      [Buffer.from('GIF89a not a png at all, but long enough to look like a header'), 400, ErrorCode.SignatureImageInvalid, 'signature: 签名应为 PNG 图片'],
      [signaturePng(5000, 60), 400, ErrorCode.SignatureImageInvalid, 'signature: 签名图片尺寸应在 100×50 到 4096×4096 像素之间（当前 5000×60）'],
    ];
    for (const [png, http, status, msg] of cases) {
      const res = await signForm(worker, '123456', png).expect(http);
      expect(res.body).toMatchObject({ status, msg });
    }
    const noAgree = await worker.request('post', '/sign').field('verify_code', '123456').attach('signature', signaturePng(), 'signature.png').expect(400);
    expect(noAgree.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'agree: 请阅读并同意合同内容后再签署' });
    const noFile = await worker.request('post', '/sign').field('verify_code', '123456').field('agree', '1').expect(400);
    expect(noFile.body.status).toBe(ErrorCode.SignatureImageInvalid);

    await freshSmsCode(t, worker, resume.phone as string);
    expect((await signForm(worker, '000000').expect(400)).body.status).toBe(ErrorCode.SmsCodeInvalid);
    // The code that submitted the resume was spent there.
    expect((await signForm(worker, resume.verify_code as string).expect(400)).body.status).toBe(ErrorCode.SmsCodeInvalid);
    expect(await state(applicationId)).toEqual({ status: SignApplicationStatus.PendingSignature, signed: null });
  });

  it('refuses to sign for an employer that cannot seal before the code is spent: no authorization, an unreadable certificate', async () => {
    const { worker, resume, applicationId } = await approvedWorker();
    const code = await freshSmsCode(t, worker, resume.phone as string);
    await authorizeSealing(admin, companyId, false);
    const unauthorized = await signForm(worker, code).expect(409);
    expect(unauthorized.body).toMatchObject({ status: ErrorCode.SealNotAuthorized, msg: `用人单位「${COMPANY_NAME}」尚未授权自动盖章，请超级管理员先完成盖章授权` });
    await authorizeSealing(admin, companyId);

    // The company's certificate stands in for an uploaded one whose key no longer opens (a DATA_KEY mix-up).
    await t.app.get(CertificateService).companySigner({ id: companyId, companyName: COMPANY_NAME }, COMPANY_NAME);
    const active = "company_id = ? AND active_for IS NOT NULL";
    await t.db.query(`UPDATE company_certificate SET source = 'uploaded', active_for = '*', private_key_enc = 'unreadable' WHERE ${active}`, [companyId]);
    expect((await signForm(worker, code).expect(409)).body.status).toBe(ErrorCode.CompanyCertificateUnreadable);
    expect(await state(applicationId)).toEqual({ status: SignApplicationStatus.PendingSignature, signed: null });

    // Once the broken certificate is retired, a new one is issued and the same code signs.
    await t.db.query(`UPDATE company_certificate SET active_for = NULL WHERE ${active}`, [companyId]);
    await signForm(worker, code).expect(200);
    expect((await state(applicationId)).status).toBe(SignApplicationStatus.Signed);
  });

  it('does not seal without the time stamp when the TSA fails, and changes nothing', async () => {
    const { worker, resume, applicationId } = await approvedWorker();
    await worker.get('/sign/contract').expect(200);
    const uploads = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM upload'))[0].n);
    const before = await uploads();
    const code = await freshSmsCode(t, worker, resume.phone as string);
    for (const mode of ['http-500', 'reject', 'hang'] as const) {
      tsa.mode = mode;
      try {
        const res = await signForm(worker, code).expect(502);
        expect(res.body.status).toBe(ErrorCode.SigningServiceUnavailable);
      } finally {
        tsa.mode = 'grant';
      }
      expect(await state(applicationId)).toEqual({ status: SignApplicationStatus.PendingSignature, signed: null });
    }
    expect(await uploads()).toBe(before);
    // The code was given back each time: once the TSA answers, the worker signs with it.
    await signForm(worker, code).expect(200);
  });
});
