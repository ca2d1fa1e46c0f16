import { ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { MetricsService } from '../metrics/metrics.service';
import { AdminClient } from '../test/admin-client';
import { FakeTsaServer } from '../test/fake-tsa.server';
import { TINY_PNG } from '../test/fixtures';
import { pdfsig } from '../test/pdf-tools';
import { APPROVAL, applyingWorker, ENTRY_DATE, download, freshSmsCode, signaturePng, templatePdf, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { ContractDocument } from './contract-document.entity';
import { termEndDate } from './signing.service';
import { SignApplication } from '../applications/sign-application.entity';

describe('signing a labor contract on the phone', () => {
  let t: TestApp;
  let admin: AdminClient;
  let contractId: number;
  const tsa = new FakeTsaServer();

  beforeAll(async () => {
    t = await startTestApp({ TSA_URL: await tsa.start(), TSA_TIMEOUT_MS: '1500' });
    admin = await AdminClient.superAdmin(t);
    const companyId = Number((await t.db.query('SELECT id FROM company ORDER BY id'))[0].id);
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

    const pdf = await download(t, signed.url);
    const check = await pdfsig(pdf);
    expect(check.valid).toBe(true);
    expect(check.output).toMatch(/ETSI\.CAdES\.detached/);

    const verdict = (await t.http().post('/verify/document').set('X-platform-code', 'wxmp').attach('file', pdf, 'contract.pdf').expect(200)).body.data;
    expect(verdict).toMatchObject({ genuine: true, signed: true, signed_by_platform: true, unmodified: true, application_no: signed.application_no });

    const tampered = Buffer.from(pdf);
    const at = tampered.indexOf('/Type /Page') > 0 ? tampered.indexOf('/Type /Page') + 7 : 2000;
    tampered[at] ^= 0x01;
    expect((await pdfsig(tampered)).valid).toBe(false);
    const tamperedVerdict = (await t.http().post('/verify/document').set('X-platform-code', 'wxmp').attach('file', tampered, 'contract.pdf').expect(200)).body.data;
    expect(tamperedVerdict).toMatchObject({ genuine: false, unmodified: false, application_no: null });

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

  it('does not seal without the time stamp when the TSA fails, and changes nothing', async () => {
    const { worker, resume, applicationId } = await approvedWorker();
    await worker.get('/sign/contract').expect(200);
    const uploads = async () => Number((await t.db.query('SELECT COUNT(*) AS n FROM upload'))[0].n);
    const before = await uploads();
    for (const mode of ['http-500', 'reject', 'hang'] as const) {
      tsa.mode = mode;
      try {
        const code = await freshSmsCode(t, worker, resume.phone as string);
        const res = await signForm(worker, code).expect(502);
        expect(res.body.status).toBe(ErrorCode.SigningServiceUnavailable);
      } finally {
        tsa.mode = 'grant';
      }
      expect(await state(applicationId)).toEqual({ status: SignApplicationStatus.PendingSignature, signed: null });
    }
    expect(await uploads()).toBe(before);
  });
});
