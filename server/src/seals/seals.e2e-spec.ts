import { ErrorCode } from '@shanqian/shared';
import { AuditLog } from '../admin/audit-log.entity';
import { SignApplicationEvent } from '../applications/sign-application-event.entity';
import { SignApplication } from '../applications/sign-application.entity';
import { AdminClient } from '../test/admin-client';
import { isSealRed, pngPixels, sealImagePng } from '../test/seal-images';
import { APPROVAL, applyingWorker, authorizeSealing, uploadContract } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { CompanySeal } from './company-seal.entity';

const HR_PASSWORD = 'Hr-seal-pass-123';

describe('company seals and the authorization to seal', () => {
  let t: TestApp;
  let admin: AdminClient;
  let hr: AdminClient;
  /** A company with no seal row yet, for the seal itself. */
  let sealCompanyId: number;
  /** The company the workers apply to, for the approvals. */
  let companyId: number;
  let contractId: number;

  const seal = (id = sealCompanyId) => `/admin/companies/${id}/seal`;
  const putPng = (png: Buffer, filename = 'seal.png') => admin.request('put', seal()).attach('file', png, { filename, contentType: 'image/png' });
  const bytesOf = (path: string) =>
    admin.get(path).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const audits = (action: string, targetId: number) => t.db.getRepository(AuditLog).findBy({ action, targetId });

  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
    sealCompanyId = (await admin.post('/admin/companies', { company_name: '印章测试制造有限公司' }).expect(200)).body.data.id;
    await admin.post('/admin/users', { username: 'seal_hr', name: '印章测试', role: 'hr', password: HR_PASSWORD }).expect(200);
    hr = new AdminClient(t);
    await hr.login('seal_hr', HR_PASSWORD);
    companyId = Number((await admin.get('/admin/companies?page_size=1').expect(200)).body.data.list[0].id);
    contractId = await uploadContract(admin, companyId);
  });
  afterAll(() => t.close());

  it('starts with the generated seal, not authorized, previewed as PNG and as PDF', async () => {
    const res = await admin.get(seal()).expect(200);
    expect(res.body.data).toMatchObject({ company_id: sealCompanyId, company_name: '印章测试制造有限公司', kind: 'generated', bottom_text: null, authorized: false, authorized_by: null });
    const png = await bytesOf(res.body.data.preview_png_url).expect(200).expect('Content-Type', 'image/png');
    expect(isSealRed(pngPixels(png.body).at(200, 200))).toBe(true);
    const pdf = await bytesOf(`${seal()}/preview?format=pdf`).expect(200).expect('Content-Type', 'application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('takes an uploaded transparent PNG, and goes back to the generated seal with a bottom line', async () => {
    const png = sealImagePng();
    const uploaded = await putPng(png).expect(200);
    expect(uploaded.body.data).toMatchObject({ kind: 'uploaded', authorized: false });
    expect(Buffer.compare((await bytesOf(`${seal()}/preview?format=png`).expect(200)).body, png)).toBe(0);
    expect(await audits('company_seal.upload', sealCompanyId)).toEqual([expect.objectContaining({ adminUsername: 'superadmin', ip: admin.ip })]);

    const generated = await admin.put(seal(), { kind: 'generated', bottom_text: '合同专用章' }).expect(200);
    expect(generated.body.data).toMatchObject({ kind: 'generated', bottom_text: '合同专用章' });
  });

  it('judges an uploaded seal by its bytes: a JPEG named .png, a PNG without transparency, a file over 1 MB', async () => {
    const jpeg = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(400)]);
    for (const [bytes, words] of [[jpeg, 'PNG 格式'], [sealImagePng(200, { alpha: false }), '透明'], [sealImagePng(60), '100 到 2000']] as const) {
      const res = await putPng(bytes).expect(400);
      expect(res.body).toEqual({ status: ErrorCode.SealImageInvalid, msg: expect.stringContaining(words), data: null });
    }
    const huge = Buffer.concat([sealImagePng(), Buffer.alloc(1024 * 1024)]);
    const tooLarge = await putPng(huge).expect(413);
    expect(tooLarge.body).toEqual({ status: ErrorCode.UploadTooLarge, msg: '印章图片不能超过 1 MB', data: null });
    expect((await admin.get(seal()).expect(200)).body.data.kind).toBe('generated');
  });

  it('is for super admins only, and answers 404 for an unknown company', async () => {
    expect((await hr.get(seal()).expect(403)).body.status).toBe(ErrorCode.AdminForbidden);
    const res = await hr.post(`/admin/companies/${companyId}/seal-authorization`, { enabled: true, password: HR_PASSWORD }).expect(403);
    expect(res.body.status).toBe(ErrorCode.AdminForbidden);
    expect((await admin.get(seal(999999)).expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
  });

  it('refuses an approval while the company is not authorized (revoked), writing nothing', async () => {
    await authorizeSealing(admin, companyId, false);
    const { applicationId } = await applyingWorker(t);
    const res = await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(409);
    expect(res.body).toEqual({ status: ErrorCode.SealNotAuthorized, msg: expect.stringMatching(/^用人单位「.+」尚未授权自动盖章/), data: null });
    expect((await t.db.getRepository(SignApplication).findOneByOrFail({ id: applicationId })).status).toBe(1);
    expect((await t.db.getRepository(SignApplicationEvent).findBy({ applicationId })).map((e) => e.event)).toEqual(['applied']);
    expect(await audits('application.approve', applicationId)).toEqual([]);
  });

  it('asks for the password again: a wrong one writes nothing; the right one authorizes, audited with who and from where', async () => {
    const before = await t.db.getRepository(CompanySeal).findOneByOrFail({ companyId });
    const wrong = await admin.post(`/admin/companies/${companyId}/seal-authorization`, { enabled: true, password: 'not-my-password' }).expect(400);
    expect(wrong.body.status).toBe(ErrorCode.AdminPasswordInvalid);
    expect(await t.db.getRepository(CompanySeal).findOneByOrFail({ companyId })).toEqual(before);
    const granted = () => audits('company_seal.authorize', companyId);
    const grantedBefore = (await granted()).length;

    const res = await admin.post(`/admin/companies/${companyId}/seal-authorization`, { enabled: true, password: admin.password }).expect(200);
    expect(res.body.data).toMatchObject({ authorized: true, authorized_by_name: 'superadmin', authorized_ip: admin.ip, authorized_at: expect.any(String) });
    expect(await granted()).toHaveLength(grantedBefore + 1);
    expect((await granted()).at(-1)).toMatchObject({ adminUsername: 'superadmin', ip: admin.ip, targetType: 'company', detail: '{"enabled":true}' });

    const { applicationId } = await applyingWorker(t);
    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
  });
});
