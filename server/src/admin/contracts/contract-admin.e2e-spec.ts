import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { PDFDocument } from 'pdf-lib';
import request from 'supertest';
import type { Test } from 'supertest';
import { Contract } from './contract.entity';
import { AdminClient } from '../../test/admin-client';
import { TINY_PNG } from '../../test/fixtures';
import { startTestApp, TestApp } from '../../test/test-app';
import { Upload } from '../../upload/upload.entity';
import { FILE_LINK_TTL_SECONDS } from '../../upload/upload.service';
import { AuditLog } from '../audit-log.entity';

const MAX_UPLOAD = 64 * 1024;
const HR_PASSWORD = 'Hr-contract-pass1';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function pdf(text: string, options: { useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save(options));
}

/** A PDF whose trailer names an encryption dictionary: pdf-lib refuses to load it, as it would a really encrypted one. */
async function encryptedPdf(): Promise<Buffer> {
  const plain = (await pdf('secret', { useObjectStreams: false })).toString('latin1');
  const marked = plain.replace(/trailer\s*<<\s*/, (m) => `${m}/Encrypt 1 0 R\n`);
  if (marked === plain) throw new Error('no trailer found');
  return Buffer.from(marked, 'latin1');
}

interface ContractFields {
  contract_name?: string;
  contract_body?: string;
  company_id?: number | string;
  sign_year?: number | string;
}

describe('back office: /admin/contracts', () => {
  let t: TestApp;
  let superAdmin: AdminClient;
  let hr: AdminClient;
  let companyId: number;
  let disabledCompanyId: number;
  let template: Buffer;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: String(MAX_UPLOAD) });
    superAdmin = await AdminClient.superAdmin(t);
    companyId = (await superAdmin.post('/admin/companies', { company_name: '合同测试公司' }).expect(200)).body.data.id;
    disabledCompanyId = (await superAdmin.post('/admin/companies', { company_name: '已停用公司' }).expect(200)).body.data.id;
    await superAdmin.post(`/admin/companies/${disabledCompanyId}/disable`).expect(200);
    await superAdmin.post('/admin/users', { username: 'hr_contract', name: '人事', role: 'hr', password: HR_PASSWORD }).expect(200);
    hr = new AdminClient(t);
    await hr.login('hr_contract', HR_PASSWORD);
    template = await pdf('Labor contract');
  });
  afterAll(() => t.close());

  const fields = (overrides: ContractFields = {}): ContractFields => ({ contract_name: '劳动合同', contract_body: '闪签云人力', company_id: companyId, sign_year: 3, ...overrides });

  function multipart(req: Test, body: ContractFields, file: Buffer | null, filename = 'contract.pdf'): Test {
    for (const [name, value] of Object.entries(body)) req.field(name, String(value));
    return file ? req.attach('file', file, { filename, contentType: 'application/pdf' }) : req;
  }

  const create = (body: ContractFields, file: Buffer | null = template, client = superAdmin, filename?: string) =>
    multipart(client.request('post', '/admin/contracts'), body, file, filename);

  /** What a refused request must leave as it was: rows, stored files, audit entries. */
  async function state(): Promise<number[]> {
    return [
      await t.db.getRepository(Contract).count(),
      await t.db.getRepository(Upload).count(),
      readdirSync(join(t.config.dataDir, 'uploads')).length,
      await t.db.getRepository(AuditLog).count(),
    ];
  }

  it('creates a contract from a PDF: stored privately, answered with its company and hash, audited', async () => {
    const res = await create(fields({ contract_name: '普工劳动合同' })).expect(200);
    expect(res.body.data).toEqual({
      id: expect.any(Number), contract_name: '普工劳动合同', contract_body: '闪签云人力', company_id: companyId, company_name: '合同测试公司',
      sign_year: 3, status: EnabledFlag.Enabled, file_sha256: sha256(template), created_at: expect.any(String), updated_at: expect.any(String),
    });
    const row = await t.db.getRepository(Contract).findOneByOrFail({ id: res.body.data.id });
    const upload = await t.db.getRepository(Upload).findOneByOrFail({ storageKey: row.fileUrl });
    expect(upload).toMatchObject({ mime: 'application/pdf', ownerUserId: null, size: template.length, sha256: sha256(template) });

    const entry = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'contract.create', targetId: row.id });
    expect(JSON.parse(entry.detail!)).toEqual({ contract_name: '普工劳动合同', contract_body: '闪签云人力', company_id: companyId, sign_year: 3, status: 1, file_sha256: sha256(template) });
    expect(entry.detail).not.toContain(row.fileUrl);
  });

  it('hands out an expiring link to the template, to hr admins too', async () => {
    const { id } = (await create(fields()).expect(200)).body.data;
    const res = await hr.get(`/admin/contracts/${id}/file`).expect(200);
    expect(res.body.data).toEqual({ url: expect.stringMatching(/\/image\/[0-9a-f]{32}\?expires=\d+&sig=[0-9a-f]{64}$/), expires_in: FILE_LINK_TTL_SECONDS });
    const url = new URL(res.body.data.url);
    const file = await request(t.baseUrl).get(url.pathname + url.search).buffer(true).parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha256(file.body as Buffer)).toBe(sha256(template));
    expect((await hr.get('/admin/contracts/999999/file').expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
  });

  it('lists contracts newest first with company, status and keyword filters and pagination', async () => {
    const otherCompany = (await superAdmin.post('/admin/companies', { company_name: '另一家合同公司' }).expect(200)).body.data.id;
    await create(fields({ contract_name: '检索甲合同', contract_body: '主体甲' })).expect(200);
    await create(fields({ contract_name: '检索乙合同', contract_body: '主体乙', company_id: otherCompany })).expect(200);
    const third = (await create(fields({ contract_name: '其他合同', contract_body: '检索主体' })).expect(200)).body.data;
    await superAdmin.post(`/admin/contracts/${third.id}/disable`).expect(200);

    const names = (res: request.Response) => res.body.data.list.map((c: { contract_name: string }) => c.contract_name);
    expect(names(await hr.get('/admin/contracts?keyword=检索').expect(200))).toEqual(['其他合同', '检索乙合同', '检索甲合同']);
    expect(names(await hr.get(`/admin/contracts?keyword=检索&company_id=${otherCompany}`).expect(200))).toEqual(['检索乙合同']);
    expect(names(await hr.get('/admin/contracts?keyword=检索&status=0').expect(200))).toEqual(['其他合同']);
    const page = await hr.get('/admin/contracts?keyword=检索&page=2&page_size=2').expect(200);
    expect(page.body.data).toMatchObject({ page: 2, pageSize: 2, total: 2, count: 3 });
    expect(names(page)).toEqual(['检索甲合同']);
    expect(page.body.data.list[0]).toMatchObject({ company_name: '合同测试公司', file_sha256: sha256(template) });
  });

  describe('refuses bad input and writes nothing', () => {
    it('a PNG named .pdf, a file that only starts like a PDF, and an encrypted PDF: 415', async () => {
      const before = await state();
      const garbage = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x41)]);
      for (const [file, name] of [[TINY_PNG, 'scan.pdf'], [garbage, 'broken.pdf'], [await encryptedPdf(), 'locked.pdf']] as const) {
        const res = await create(fields(), file, superAdmin, name).expect(415);
        expect(res.body).toMatchObject({ status: ErrorCode.PdfRequired, data: null });
        expect(res.body.msg).toMatch(/^file: /);
      }
      expect(await state()).toEqual(before);
    });

    it('a missing or malformed field: 400 naming it', async () => {
      const before = await state();
      const cases: [ContractFields, string][] = [
        [{ ...fields(), contract_name: undefined }, 'contract_name: 不能为空'],
        [{ ...fields(), contract_body: undefined }, 'contract_body: 不能为空'],
        [{ ...fields(), company_id: undefined }, 'company_id: 不能为空'],
        [{ ...fields(), sign_year: undefined }, 'sign_year: 不能为空'],
        [fields({ contract_name: '合'.repeat(33) }), 'contract_name: 最多 32 个字'],
        [fields({ sign_year: 11 }), 'sign_year: 不能大于 10'],
        [fields({ sign_year: 0 }), 'sign_year: 不能小于 1'],
        [fields({ sign_year: '三年' }), 'sign_year: 应为整数'],
        [fields({ company_id: 999999 }), 'company_id: 用人单位不存在或已停用'],
        [fields({ company_id: disabledCompanyId }), 'company_id: 用人单位不存在或已停用'],
      ];
      for (const [body, msg] of cases) {
        const clean = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
        expect((await create(clean).expect(400)).body).toEqual({ status: ErrorCode.ValidationFailed, msg, data: null });
      }
      expect(await state()).toEqual(before);
    });

    it('no file: 400; a JSON body: 415; a file over UPLOAD_MAX_BYTES: 413', async () => {
      const before = await state();
      expect((await create(fields(), null).expect(400)).body).toMatchObject({ status: ErrorCode.UploadMissing, msg: 'file: 请上传合同模板 PDF' });
      expect((await superAdmin.post('/admin/contracts', fields()).expect(415)).body.status).toBe(ErrorCode.UnsupportedMediaType);
      const big = Buffer.concat([template, Buffer.alloc(MAX_UPLOAD, 0x20)]);
      expect((await create(fields(), big).expect(413)).body).toMatchObject({ status: ErrorCode.UploadTooLarge, msg: '文件过大，不能超过 64 KB' });
      expect(await state()).toEqual(before);
    });
  });

  describe('updates', () => {
    it('changes the fields by JSON, keeping the template, and audits what changed', async () => {
      const created = (await create(fields({ contract_name: '待修改合同' })).expect(200)).body.data;
      const res = await superAdmin.put(`/admin/contracts/${created.id}`, fields({ contract_name: '已修改合同', sign_year: 5 })).expect(200);
      expect(res.body.data).toMatchObject({ id: created.id, contract_name: '已修改合同', sign_year: 5, file_sha256: created.file_sha256 });
      const entry = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'contract.update', targetId: created.id });
      expect(JSON.parse(entry.detail!)).toEqual({ contract_name: { from: '待修改合同', to: '已修改合同' }, sign_year: { from: 3, to: 5 } });
    });

    it('replaces the template by multipart; the old file stays for what was filled in from it', async () => {
      const created = (await create(fields({ contract_name: '换模板合同' })).expect(200)).body.data;
      const oldKey = (await t.db.getRepository(Contract).findOneByOrFail({ id: created.id })).fileUrl;
      const next = await pdf('Labor contract, 2nd edition');
      const res = await multipart(superAdmin.request('put', `/admin/contracts/${created.id}`), fields({ contract_name: '换模板合同' }), next).expect(200);
      expect(res.body.data.file_sha256).toBe(sha256(next));
      const row = await t.db.getRepository(Contract).findOneByOrFail({ id: created.id });
      expect(row.fileUrl).not.toBe(oldKey);
      expect(await t.db.getRepository(Upload).existsBy({ storageKey: oldKey })).toBe(true);
      const entry = await t.db.getRepository(AuditLog).findOneByOrFail({ action: 'contract.update', targetId: created.id });
      expect(JSON.parse(entry.detail!)).toEqual({ file: 'changed', file_sha256: sha256(next) });
    });

    it('refuses a non-PDF, a disabled company and an unknown contract, changing nothing', async () => {
      const created = (await create(fields({ contract_name: '不变合同' })).expect(200)).body.data;
      const before = await state();
      const png = await multipart(superAdmin.request('put', `/admin/contracts/${created.id}`), fields({ contract_name: '不变合同' }), TINY_PNG, 'x.pdf').expect(415);
      expect(png.body.status).toBe(ErrorCode.PdfRequired);
      const moved = await superAdmin.put(`/admin/contracts/${created.id}`, fields({ company_id: disabledCompanyId })).expect(400);
      expect(moved.body.msg).toBe('company_id: 用人单位不存在或已停用');
      expect((await superAdmin.put(`/admin/contracts/${created.id}`, { contract_name: '缺字段' }).expect(400)).body.msg).toBe('contract_body: 不能为空');
      expect((await superAdmin.put('/admin/contracts/999999', fields()).expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
      expect(await state()).toEqual(before);
      expect((await hr.get('/admin/contracts?keyword=不变合同').expect(200)).body.data.list[0]).toEqual(created);
    });

    it('keeps editing a contract whose company was disabled since', async () => {
      const { id: company } = (await superAdmin.post('/admin/companies', { company_name: '后停用公司' }).expect(200)).body.data;
      const created = (await create(fields({ company_id: company })).expect(200)).body.data;
      await superAdmin.post(`/admin/companies/${company}/disable`).expect(200);
      await superAdmin.put(`/admin/contracts/${created.id}`, fields({ company_id: company, sign_year: 2 })).expect(200);
    });
  });

  it('disables and enables a contract, auditing each', async () => {
    const { id } = (await create(fields()).expect(200)).body.data;
    expect((await superAdmin.post(`/admin/contracts/${id}/disable`).expect(200)).body.data).toMatchObject({ id, status: EnabledFlag.Disabled, company_name: '合同测试公司' });
    expect((await superAdmin.post(`/admin/contracts/${id}/enable`).expect(200)).body.data.status).toBe(EnabledFlag.Enabled);
    const actions = (await t.db.getRepository(AuditLog).findBy({ targetType: 'contract', targetId: id })).map((e) => e.action);
    expect(actions).toEqual(['contract.create', 'contract.disable', 'contract.enable']);
  });

  it('refuses every write to an hr admin with 403 before reading any file', async () => {
    const { id } = (await create(fields()).expect(200)).body.data;
    const before = await state();
    expect((await create(fields(), template, hr).expect(403)).body.status).toBe(ErrorCode.AdminForbidden);
    expect((await multipart(hr.request('put', `/admin/contracts/${id}`), fields(), template).expect(403)).body.status).toBe(ErrorCode.AdminForbidden);
    await hr.put(`/admin/contracts/${id}`, fields()).expect(403);
    await hr.post(`/admin/contracts/${id}/disable`).expect(403);
    await hr.post(`/admin/contracts/${id}/enable`).expect(403);
    expect(await state()).toEqual(before);
  });
});
