import { ErrorCode } from '@shanqian/shared';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { validResume } from '../test/fixtures';
import { applyingWorker, templatePdf } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';

/*
 * Requests no real client sends, from a black-box corpus that once got 500s or wrong acceptances:
 * each gets a 4xx envelope naming the problem, writes nothing and spends no SMS code. The signing
 * and approval ones are in hostile-signing.e2e-spec.ts.
 */
describe('hostile input', () => {
  let t: TestApp;
  let admin: AdminClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
  });
  afterAll(() => t.close());

  const count = async (table: string): Promise<number> => Number((await t.db.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const TOO_DEEP = { status: ErrorCode.BodyMalformed, msg: '请求体嵌套过深：最多 8 层', data: null };
  const TOO_MANY = { status: ErrorCode.BodyMalformed, msg: '请求体字段过多：最多 2000 个', data: null };

  /** A worker with a valid resume body and a fresh SMS code for its phone, not yet submitted. */
  async function workerWithCode(): Promise<{ worker: MiniProgramClient; resume: Record<string, unknown> }> {
    const worker = new MiniProgramClient(t);
    await worker.login();
    const resume = await validResume(worker);
    resume.verify_code = await worker.smsCode(resume.phone as string);
    return { worker, resume };
  }
  const employeesWithPhone = async (phone: unknown) => Number((await t.db.query('SELECT COUNT(*) AS n FROM employee WHERE phone = ?', [phone]))[0].n);

  describe('bodies nested deeper or wider than any real one', () => {
    it('refuses {"username":[[[…10,000 levels…]]]} on POST /admin/login', async () => {
      const sessions = await count('admin_session');
      const body = `{"username":${'['.repeat(10_000)}${']'.repeat(10_000)},"password":"x"}`;
      const res = await admin.request('post', '/admin/login').type('json').send(body).expect(400);
      expect(res.body).toEqual(TOO_DEEP);
      expect(await count('admin_session')).toBe(sessions);
    });

    it('refuses work_exp= followed by 5,000 [ and ] in a form POST /employee, and the SMS code still works afterwards', async () => {
      const { worker, resume } = await workerWithCode();
      const res = await worker.postForm('/employee', { ...resume, work_exp: `${'['.repeat(5000)}${']'.repeat(5000)}` }).expect(400);
      expect(res.body).toEqual({ status: ErrorCode.ValidationFailed, msg: 'work_exp: 嵌套过深：最多 8 层', data: null });
      expect(await employeesWithPhone(resume.phone)).toBe(0);
      await worker.postForm('/employee', resume).expect(200);
    });

    it('refuses a JSON body with 60,000 keys (within the 1 MB limit)', async () => {
      const body = JSON.stringify(Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 0])));
      expect((await admin.request('post', '/admin/login').type('json').send(body).expect(400)).body).toEqual(TOO_MANY);
    });

    it('refuses a JSON body nested deeply inside an array field (resume as JSON)', async () => {
      const { worker, resume } = await workerWithCode();
      const work_exp = JSON.parse(`${'['.repeat(50)}${']'.repeat(50)}`);
      expect((await worker.request('post', '/employee').send({ ...resume, work_exp }).expect(400)).body).toEqual(TOO_DEEP);
      expect(await employeesWithPhone(resume.phone)).toBe(0);
    });

    it('refuses form keys nested deeper than the limit, and more form fields than it', async () => {
      const client = new MiniProgramClient(t);
      await client.login();
      const deepKey = `phone${'[a]'.repeat(20)}`;
      expect((await client.request('post', '/verifycode').type('form').send(`${deepKey}=1`).expect(400)).body).toMatchObject({ status: ErrorCode.BodyMalformed, msg: TOO_DEEP.msg });
      const wide = Array.from({ length: 3000 }, (_, i) => `f${i}=1`).join('&');
      expect((await client.request('post', '/verifycode').type('form').send(wide).expect(400)).body).toMatchObject({ status: ErrorCode.BodyMalformed, msg: TOO_MANY.msg });
      // Within the limits the same route answers as usual (the captcha is what is wrong here).
      const fine = await client.request('post', '/verifycode').type('form').send(`phone=13912345678&captcha_id=x&captcha_code=y&extra${'[a]'.repeat(6)}=1`);
      expect(fine.body.status).toBe(ErrorCode.CaptchaInvalid);
    });

    it('refuses multipart field names nested deeper than the limit', async () => {
      const contracts = await count('contract');
      const res = await admin
        .request('post', '/admin/contracts')
        .field('contract_name', '劳动合同')
        .field('contract_body', '闪签云')
        .field('company_id', '1')
        .field('sign_year', '3')
        .field(`x${'[a]'.repeat(12)}`, '1')
        .attach('file', await templatePdf(), { filename: 'contract.pdf', contentType: 'application/pdf' })
        .expect(400);
      expect(res.body).toEqual(TOO_DEEP);
      expect(await count('contract')).toBe(contracts);
    });
  });

  describe('integers beyond their column', () => {
    it.each([
      ['acct_prc_id', '9999999999'],
      ['county_id', '4294967296'],
      ['city_id', '2147483648'],
      ['province_id', '-2147483649'],
      ['company_id', '1e3'],
    ])('POST /employee with %s=%s is a 400 naming it; nothing is stored and the SMS code still works', async (field, value) => {
      const { worker, resume } = await workerWithCode();
      const res = await worker.postForm('/employee', { ...resume, [field]: value }).expect(400);
      expect(res.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: expect.stringMatching(new RegExp(`^${field}: (不能大于 2147483647|不能小于 0|应为整数)$`)) });
      expect(await employeesWithPhone(resume.phone)).toBe(0);
      await worker.postForm('/employee', resume).expect(200);
    });

    it('checks the page of every list, and ids inside JSON bodies', async () => {
      const page = await admin.get('/admin/applications?page=99999999999').expect(400);
      expect(page.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'page: 不能大于 100000' });
      const company = await admin.get('/admin/companies?page_size=2147483648').expect(400);
      expect(company.body.msg).toMatch(/^page_size: 不能大于/);
      const link = await admin.post('/admin/bridges/feishu/link', { application_id: 2147483648, talent_id: '1' }).expect(400);
      expect(link.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'application_id: 不能大于 2147483647' });
      const invite = await admin.post('/admin/bridges/leapin/invite', { job_id: 1, application_ids: [1, 9999999999] }).expect(400);
      expect(invite.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: expect.stringMatching(/^application_ids: /) });
    });
  });

  describe('path ids', () => {
    const PATH_ERROR = { status: ErrorCode.InvalidPathParameter, msg: 'id: 应为 1 到 2147483647 之间的十进制整数', data: null };

    it('opens an application only by its plain decimal id', async () => {
      const { applicationId: id } = await applyingWorker(t);
      const status = async () => Number((await t.db.query('SELECT status FROM sign_apply WHERE id = ?', [id]))[0].status);
      const events = async () => count('sign_apply_event');
      const before = [await status(), await events()];
      for (const raw of [`0x${id.toString(16)}`, `${id}e0`, `+${id}`, `%20${id}`, `0b${id.toString(2)}`, `0${id}`, 'abc', '0', '-1', '2147483648', `${id}.0`]) {
        expect((await admin.get(`/admin/applications/${raw}`).expect(400)).body).toEqual(PATH_ERROR);
        expect((await admin.post(`/admin/applications/${raw}/cancel`, { reason: 'x' }).expect(400)).body).toEqual(PATH_ERROR);
      }
      expect([await status(), await events()]).toEqual(before);
      await admin.get(`/admin/applications/${id}`).expect(200);
    });

    it('edits a dictionary entry only by its plain decimal id: PUT /admin/dicts/0x10 changes nothing', async () => {
      const [entry] = await t.db.query('SELECT id, dict_value FROM dictionary WHERE id = (SELECT MAX(id) FROM dictionary)');
      const id = Number(entry.id);
      const res = await admin.put(`/admin/dicts/0x${id.toString(16)}`, { dict_value: '被改了' }).expect(400);
      expect(res.body).toEqual(PATH_ERROR);
      expect((await t.db.query('SELECT dict_value FROM dictionary WHERE id = ?', [id]))[0].dict_value).toBe(entry.dict_value);
    });

    it('names other path ids the same way, before anything else is checked', async () => {
      const res = await admin.get('/admin/bridges/feishu/links/0x1').expect(400);
      expect(res.body).toEqual({ ...PATH_ERROR, msg: 'applicationId: 应为 1 到 2147483647 之间的十进制整数' });
    });
  });

  describe('codes as documented', () => {
    it('answers a 6 MB selfie on POST /verify/realname with 413 UploadTooLarge', async () => {
      const worker = new MiniProgramClient(t);
      await worker.login();
      const res = await worker.request('post', '/verify/realname').attach('selfie', Buffer.alloc(6 * 1024 * 1024, 0xff), 'selfie.jpg').expect(413);
      expect(res.body).toMatchObject({ status: ErrorCode.UploadTooLarge, msg: '文件过大，不能超过 5 MB' });
    });
  });
});
