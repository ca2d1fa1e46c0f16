import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { Company } from '../../catalog/company.entity';
import { SignApplication } from '../../applications/sign-application.entity';
import { MiniProgramClient } from '../../test/api-client';
import { AdminClient } from '../../test/admin-client';
import { validResume } from '../../test/fixtures';
import { startTestApp, TestApp } from '../../test/test-app';
import { AuditLog } from '../audit-log.entity';

const HR_PASSWORD = 'Hr-catalog-pass1';

describe('back office: companies, work positions and dictionaries', () => {
  let t: TestApp;
  let superAdmin: AdminClient;
  let hr: AdminClient;

  beforeAll(async () => {
    t = await startTestApp();
    superAdmin = await AdminClient.superAdmin(t);
    await superAdmin.post('/admin/users', { username: 'hr_catalog', name: '人事甲', role: 'hr', password: HR_PASSWORD }).expect(200);
    hr = new AdminClient(t);
    await hr.login('hr_catalog', HR_PASSWORD);
  });
  afterAll(() => t.close());

  const audits = (action: string) => t.db.getRepository(AuditLog).find({ where: { action }, order: { id: 'ASC' } });

  describe('/admin/companies', () => {
    it('creates a company, answers it, lists it, and audits the creation in the same breath', async () => {
      const res = await superAdmin.post('/admin/companies', { company_name: '  东方测试制造有限公司 ' }).expect(200);
      expect(res.body).toMatchObject({ status: 0, msg: '', data: { company_name: '东方测试制造有限公司', status: EnabledFlag.Enabled } });
      const { id, created_at, updated_at } = res.body.data;
      expect(Number.isNaN(Date.parse(created_at)) || Number.isNaN(Date.parse(updated_at))).toBe(false);

      const list = await superAdmin.get('/admin/companies?keyword=东方测试').expect(200);
      expect(list.body.data).toEqual({ list: [res.body.data], page: 1, pageSize: 10, total: 1, count: 1 });

      const [entry] = await audits('company.create');
      expect(entry).toMatchObject({ adminUsername: 'superadmin', targetType: 'company', targetId: id, ip: superAdmin.ip });
      expect(JSON.parse(entry.detail!)).toEqual({ company_name: '东方测试制造有限公司' });
    });

    it('pages through the list and filters by status', async () => {
      for (const name of ['翻页甲公司', '翻页乙公司', '翻页丙公司']) await superAdmin.post('/admin/companies', { company_name: name }).expect(200);
      const second = await superAdmin.get('/admin/companies?keyword=翻页&page=2&page_size=2').expect(200);
      expect(second.body.data).toMatchObject({ page: 2, pageSize: 2, total: 2, count: 3 });
      expect(second.body.data.list.map((c: { company_name: string }) => c.company_name)).toEqual(['翻页丙公司']);

      const disabled = await superAdmin.get('/admin/companies?keyword=翻页&status=0').expect(200);
      expect(disabled.body.data.count).toBe(0);
      const badPage = await superAdmin.get('/admin/companies?page_size=500').expect(400);
      expect(badPage.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'page_size: 不能大于 100', data: null });
    });

    it('takes % and _ in the keyword literally', async () => {
      await superAdmin.post('/admin/companies', { company_name: '百分之百_有限公司' }).expect(200);
      expect((await superAdmin.get(`/admin/companies?keyword=${encodeURIComponent('%')}`).expect(200)).body.data.count).toBe(0);
      expect((await superAdmin.get('/admin/companies?keyword=_').expect(200)).body.data.count).toBe(1);
    });

    it('refuses a duplicate name with 409 on create and rename, writing nothing', async () => {
      const a = (await superAdmin.post('/admin/companies', { company_name: '重名公司' }).expect(200)).body.data;
      const b = (await superAdmin.post('/admin/companies', { company_name: '另一家公司' }).expect(200)).body.data;
      const before = (await audits('company.create')).length;

      const dup = await superAdmin.post('/admin/companies', { company_name: '重名公司' }).expect(409);
      expect(dup.body).toMatchObject({ status: ErrorCode.RecordDuplicate, msg: '用人单位「重名公司」已存在', data: null });
      const rename = await superAdmin.put(`/admin/companies/${b.id}`, { company_name: '重名公司' }).expect(409);
      expect(rename.body.status).toBe(ErrorCode.RecordDuplicate);

      expect(await t.db.getRepository(Company).countBy({ companyName: '重名公司' })).toBe(1);
      expect((await t.db.getRepository(Company).findOneByOrFail({ id: b.id })).companyName).toBe('另一家公司');
      expect((await audits('company.create')).length).toBe(before);
      expect(await audits('company.update')).not.toContainEqual(expect.objectContaining({ targetId: b.id }));
      // Saving a company under its own name is no clash.
      await superAdmin.put(`/admin/companies/${a.id}`, { company_name: '重名公司' }).expect(200);
    });

    it('lets exactly one of several simultaneous creations of a name through', async () => {
      for (const [path, body] of [['/admin/companies', { company_name: '并发公司' }], ['/admin/work-positions', { name: '并发岗位' }]] as const) {
        const answers = await Promise.all([1, 2, 3].map(() => superAdmin.post(path, body)));
        expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409]);
        expect(answers.filter((r) => r.status === 409).every((r) => r.body.status === ErrorCode.RecordDuplicate)).toBe(true);
      }
      expect(await t.db.getRepository(Company).countBy({ companyName: '并发公司' })).toBe(1);
    });

    it('renames a company and audits the change with the old and new name', async () => {
      const { id } = (await superAdmin.post('/admin/companies', { company_name: '旧名公司' }).expect(200)).body.data;
      const res = await superAdmin.put(`/admin/companies/${id}`, { company_name: '新名公司' }).expect(200);
      expect(res.body.data).toMatchObject({ id, company_name: '新名公司', status: EnabledFlag.Enabled });
      const entry = (await audits('company.update')).find((e) => e.targetId === id)!;
      expect(JSON.parse(entry.detail!)).toEqual({ company_name: { from: '旧名公司', to: '新名公司' } });
    });

    it('answers 400 naming the field, 404 for an unknown id, and 400 for an id that is no number', async () => {
      expect((await superAdmin.post('/admin/companies', {}).expect(400)).body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'company_name: 不能为空' });
      expect((await superAdmin.post('/admin/companies', { company_name: 'x'.repeat(65) }).expect(400)).body.msg).toBe('company_name: 最多 64 个字');
      for (const [method, path] of [['put', '/admin/companies/999999'], ['post', '/admin/companies/999999/enable'], ['post', '/admin/companies/999999/disable']] as const) {
        const res = await superAdmin.request(method, path).send({ company_name: '不存在' }).expect(404);
        expect(res.body).toMatchObject({ status: ErrorCode.RecordNotFound, msg: '用人单位 999999 不存在', data: null });
      }
      expect((await superAdmin.post('/admin/companies/abc/disable').expect(400)).body).toMatchObject({ status: ErrorCode.InvalidPathParameter, msg: 'id: 应为 1 到 2147483647 之间的十进制整数' });
    });

    it('disables a company without touching what refers to it: the application keeps it, the picker drops it', async () => {
      const { id } = (await superAdmin.post('/admin/companies', { company_name: '将停用公司' }).expect(200)).body.data;
      const worker = new MiniProgramClient(t);
      await worker.login();
      const body = await validResume(worker, { company_id: id });
      body.verify_code = await worker.smsCode(body.phone as string);
      await worker.postForm('/employee', body).expect(200);

      const res = await superAdmin.post(`/admin/companies/${id}/disable`).expect(200);
      expect(res.body.data).toMatchObject({ id, status: EnabledFlag.Disabled });
      expect((await worker.get('/companies').expect(200)).body.data.map((c: { id: number }) => c.id)).not.toContain(id);
      expect((await worker.get('/em_status').expect(200)).body.data).toMatchObject({ company_name: '将停用公司', status: 1 });
      expect(await t.db.getRepository(SignApplication).countBy({ companyId: id })).toBe(1);
      const [entry] = (await audits('company.disable')).filter((e) => e.targetId === id);
      expect(JSON.parse(entry.detail!)).toEqual({ status: { from: 1, to: 0 } });

      // Disabling again changes nothing, so nothing more is audited; enabling brings it back.
      await superAdmin.post(`/admin/companies/${id}/disable`).expect(200);
      expect((await audits('company.disable')).filter((e) => e.targetId === id)).toHaveLength(1);
      await superAdmin.post(`/admin/companies/${id}/enable`).expect(200);
      expect((await worker.get('/companies').expect(200)).body.data.map((c: { id: number }) => c.id)).toContain(id);
      expect((await audits('company.enable')).filter((e) => e.targetId === id)).toHaveLength(1);
    });
  });

  describe('/admin/work-positions', () => {
    it('creates positions in picker order, refuses a duplicate name, and hides a disabled one from /work_pos', async () => {
      const created = await superAdmin.post('/admin/work-positions', { name: '焊工', sort: 50 }).expect(200);
      expect(created.body.data).toEqual({ id: expect.any(Number), name: '焊工', sort: 50, status: EnabledFlag.Enabled });
      const noSort = await superAdmin.post('/admin/work-positions', { name: '电工' }).expect(200);
      expect(noSort.body.data.sort).toBe(0);

      const dup = await superAdmin.post('/admin/work-positions', { name: '焊工' }).expect(409);
      expect(dup.body).toMatchObject({ status: ErrorCode.RecordDuplicate, msg: '岗位「焊工」已存在' });
      expect((await superAdmin.post('/admin/work-positions', { name: '岗'.repeat(17) }).expect(400)).body.msg).toBe('name: 最多 16 个字');
      expect((await superAdmin.post('/admin/work-positions', { name: '钳工', sort: -1 }).expect(400)).body.msg).toBe('sort: 不能小于 0');

      const list = await hr.get('/admin/work-positions?page_size=100').expect(200);
      const names = list.body.data.list.map((p: { name: string }) => p.name);
      expect(names.indexOf('电工')).toBeLessThan(names.indexOf('焊工'));

      const worker = new MiniProgramClient(t);
      await worker.login();
      await superAdmin.post(`/admin/work-positions/${created.body.data.id}/disable`).expect(200);
      expect((await worker.get('/work_pos').expect(200)).body.data).not.toContain('焊工');
      expect((await superAdmin.get('/admin/work-positions?keyword=焊&status=0').expect(200)).body.data.list).toEqual([
        expect.objectContaining({ name: '焊工', status: EnabledFlag.Disabled }),
      ]);
    });

    it('renames a position; 404 for an unknown one', async () => {
      const { id } = (await superAdmin.post('/admin/work-positions', { name: '搬运工' }).expect(200)).body.data;
      expect((await superAdmin.put(`/admin/work-positions/${id}`, { name: '装卸工', sort: 3 }).expect(200)).body.data).toEqual({ id, name: '装卸工', sort: 3, status: 1 });
      expect((await superAdmin.put('/admin/work-positions/999999', { name: '无' }).expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
    });
  });

  describe('/admin/dicts', () => {
    it('adds an entry to a dictionary that GET /dict serves, filters by dict_item, and refuses a duplicate key', async () => {
      const res = await superAdmin.post('/admin/dicts', { dict_item: 'Edu_Type', dict_key: 'postdoc', dict_value: '博士后', sort: 9 }).expect(200);
      expect(res.body.data).toEqual({ id: expect.any(Number), dict_item: 'Edu_Type', dict_key: 'postdoc', dict_value: '博士后', sort: 9, status: 1 });
      const worker = new MiniProgramClient(t);
      await worker.login();
      expect((await worker.get('/dict/Edu_Type').expect(200)).body.data).toContainEqual({ dict_key: 'postdoc', dict_value: '博士后' });

      const edu = await hr.get('/admin/dicts?dict_item=Edu_Type&page_size=100').expect(200);
      expect(edu.body.data.count).toBe(9);
      expect(edu.body.data.list.every((d: { dict_item: string }) => d.dict_item === 'Edu_Type')).toBe(true);
      expect((await hr.get('/admin/dicts?keyword=博士').expect(200)).body.data.list.map((d: { dict_key: string }) => d.dict_key).sort()).toEqual(['doctor', 'postdoc']);

      const dup = await superAdmin.post('/admin/dicts', { dict_item: 'Edu_Type', dict_key: 'postdoc', dict_value: '另一个' }).expect(409);
      expect(dup.body).toMatchObject({ status: ErrorCode.RecordDuplicate, msg: '字典 Edu_Type 中已有 dict_key「postdoc」' });
      // The same key in another dictionary is no clash.
      await superAdmin.post('/admin/dicts', { dict_item: 'Shift', dict_key: 'postdoc', dict_value: '博士后班' }).expect(200);
    });

    it('edits the value and order, keeps the item and key fixed, and hides a disabled entry from GET /dict', async () => {
      const { id } = (await superAdmin.post('/admin/dicts', { dict_item: 'Relationship', dict_key: 'neighbour', dict_value: '邻居' }).expect(200)).body.data;
      const edited = await superAdmin.put(`/admin/dicts/${id}`, { dict_item: 'Relationship', dict_key: 'neighbour', dict_value: '邻里', sort: 20 }).expect(200);
      expect(edited.body.data).toMatchObject({ dict_key: 'neighbour', dict_value: '邻里', sort: 20 });
      await superAdmin.put(`/admin/dicts/${id}`, { dict_value: '邻里', sort: 20 }).expect(200);

      const rekey = await superAdmin.put(`/admin/dicts/${id}`, { dict_key: 'neighbor', dict_value: '邻里' }).expect(400);
      expect(rekey.body.msg).toMatch(/^dict_key: 创建后不能修改/);
      expect((await superAdmin.put(`/admin/dicts/${id}`, { dict_item: 'Other', dict_value: '邻里' }).expect(400)).body.msg).toMatch(/^dict_item: /);

      await superAdmin.post(`/admin/dicts/${id}/disable`).expect(200);
      const worker = new MiniProgramClient(t);
      await worker.login();
      expect((await worker.get('/dict/Relationship').expect(200)).body.data.map((d: { dict_key: string }) => d.dict_key)).not.toContain('neighbour');
    });

    it('answers 400 naming a missing or malformed field', async () => {
      expect((await superAdmin.post('/admin/dicts', { dict_item: 'Edu_Type', dict_value: '无' }).expect(400)).body.msg).toBe('dict_key: 不能为空');
      expect((await superAdmin.post('/admin/dicts', { dict_item: 'edu type', dict_key: 'a', dict_value: '无' }).expect(400)).body.msg).toBe('dict_item: 应为字母开头的字母、数字或下划线');
      expect((await superAdmin.put('/admin/dicts/1', { dict_key: 'x' }).expect(400)).body.msg).toBe('dict_value: 不能为空');
    });
  });

  describe('roles', () => {
    it('lets an hr admin read every catalog list', async () => {
      for (const path of ['/admin/companies', '/admin/work-positions', '/admin/dicts']) {
        expect((await hr.get(path).expect(200)).body.data.count).toBeGreaterThan(0);
      }
    });

    it('refuses every write to an hr admin with 403 and changes nothing', async () => {
      const company = (await superAdmin.post('/admin/companies', { company_name: '权限测试公司' }).expect(200)).body.data;
      const auditRows = await t.db.getRepository(AuditLog).count();
      const writes: [('post' | 'put'), string, object][] = [
        ['post', '/admin/companies', { company_name: '人事新建公司' }],
        ['put', `/admin/companies/${company.id}`, { company_name: '人事改名' }],
        ['post', `/admin/companies/${company.id}/disable`, {}],
        ['post', `/admin/companies/${company.id}/enable`, {}],
        ['post', '/admin/work-positions', { name: '人事岗位' }],
        ['put', '/admin/work-positions/1', { name: '人事岗位' }],
        ['post', '/admin/work-positions/1/disable', {}],
        ['post', '/admin/dicts', { dict_item: 'Edu_Type', dict_key: 'hr', dict_value: '人事' }],
        ['put', '/admin/dicts/1', { dict_value: '人事' }],
        ['post', '/admin/dicts/1/disable', {}],
      ];
      for (const [method, path, body] of writes) {
        const res = await hr.request(method, path).send(body).expect(403);
        expect(res.body).toMatchObject({ status: ErrorCode.AdminForbidden, data: null });
      }
      expect(await t.db.getRepository(AuditLog).count()).toBe(auditRows);
      expect((await t.db.getRepository(Company).findOneByOrFail({ id: company.id })).companyName).toBe('权限测试公司');
    });

    it('needs an admin session and the admin platform', async () => {
      expect((await new AdminClient(t).get('/admin/companies').expect(401)).body.status).toBe(ErrorCode.AuthTokenMissing);
      const worker = new MiniProgramClient(t);
      await worker.login();
      expect((await worker.get('/admin/companies').expect(403)).body.status).toBe(ErrorCode.AdminPlatformRequired);
    });
  });
});
