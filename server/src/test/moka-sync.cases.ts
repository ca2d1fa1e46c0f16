import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { AdminUser } from '../admin/admin-user.entity';
import { Company } from '../catalog/company.entity';
import { MOKA_BASIC_AUTH, MokaTestApp, startMokaTestApp } from './moka-test-app';

const SYNC_INFO = '/v1/users/syncInfo';
const INCREMENTAL = '/v1/departments/sync/incremental';
const DEPARTMENTS = '/v1/departments';

type Body = Record<string, unknown>;
const json = (body: string) => JSON.parse(body) as unknown;

/**
 * The Moka bridge's syncs through HTTP against a fake Moka, the same for the database outbox and for
 * BullMQ: `env` picks the queue (REDIS_URL or not). Moka allows about one request a second: the
 * app keeps that pace on the fake's clock, which checks it after each test without really waiting.
 */
export function mokaSyncCases(env: Record<string, string>): void {
  let m: MokaTestApp;
  beforeAll(async () => (m = await startMokaTestApp(env)));
  afterAll(() => m.close());
  beforeEach(() => {
    m.moka.requests.length = 0;
  });
  afterEach(() => m.expectPaced());

  describe('sync-users', () => {
    let withEmail: AdminUser[];
    let withoutEmail: AdminUser[];

    beforeAll(async () => {
      const admins = m.t.db.getRepository(AdminUser);
      // 130 HR staff with an email, one of them disabled, next to the three without (the bootstrap super admin and the demo handlers).
      await admins.insert(
        Array.from({ length: 130 }, (_, i) => ({
          username: `hr_${String(i).padStart(3, '0')}`,
          name: `人事${i}`,
          phone: i % 2 ? `1370000${String(i).padStart(4, '0')}` : null,
          email: `hr${i}@example.com`,
          role: 'hr' as const,
          status: i === 7 ? EnabledFlag.Disabled : EnabledFlag.Enabled,
        })),
      );
      const all = await admins.find({ order: { id: 'ASC' } });
      withEmail = all.filter((user) => user.email);
      withoutEmail = all.filter((user) => !user.email);
      expect(withoutEmail.length).toBeGreaterThan(0);
    });
    afterEach(() => {
      m.moka.users.clear();
      m.moka.refusedEmails.clear();
    });

    it('sends every admin user in batches of at most 100, and reports the ones it could not send', async () => {
      const res = await m.admin.post('/admin/bridges/moka/sync-users', {}).expect(200);
      expect(res.body.data).toEqual({
        run_id: expect.any(String),
        kind: 'sync-users',
        state: 'done',
        users: withEmail.length + withoutEmail.length,
        synced: withEmail.length,
        failed: withoutEmail.map((user) => ({ user_id: user.id, username: user.username, email: null, reason: '没有邮箱：Moka 以邮箱或工号识别用户' })),
      });

      const requests = m.moka.received('POST', SYNC_INFO);
      expect(requests).toHaveLength(2);
      const batches = requests.map((r) => (json(r.body) as { usersInfo: Body[] }).usersInfo);
      for (const r of requests) {
        expect(r.headers.authorization).toBe(MOKA_BASIC_AUTH);
        expect(r.headers['content-type']).toBe('application/json');
      }
      for (const batch of batches) expect(batch.length).toBeLessThanOrEqual(100);
      const sent = batches.flat().map((user) => user.email);
      expect(sent).toEqual(withEmail.map((user) => user.email));
      const disabled = withEmail.find((user) => user.username === 'hr_007')!;
      expect(batches.flat().find((user) => user.email === disabled.email)).toEqual({
        email: 'hr7@example.com', name: '人事7', phone: '13700000007', role: 30, departmentCode: [], superiorEmail: '',
        deactivated: 1, thirdPartyId: '', updateDepartment: false, updateSuperiorEmail: false,
      });
      expect(batches.flat().find((user) => user.email === 'hr8@example.com')).toMatchObject({ phone: '', deactivated: 0 });
      expect(m.moka.users.size).toBe(withEmail.length);

      // The report stays readable.
      const again = await m.admin.get(`/admin/bridges/moka/runs/${res.body.data.run_id}`).expect(200);
      expect(again.body.data).toEqual(res.body.data);
      m.expectKeyNeverLogged();
    });

    it('reports a user Moka refuses and sends the rest of the batch again (Moka stops at that user)', async () => {
      const refused = withEmail[40];
      m.moka.refusedEmails.set(refused.email!, '此邮箱已为其他用户使用');
      const res = await m.admin.post('/admin/bridges/moka/sync-users', {}).expect(200);
      expect(res.body.data.synced).toBe(withEmail.length - 1);
      expect(res.body.data.failed).toContainEqual({ user_id: refused.id, username: refused.username, email: refused.email, reason: '此邮箱已为其他用户使用' });
      const sizes = m.moka.received('POST', SYNC_INFO).map((r) => (json(r.body) as { usersInfo: Body[] }).usersInfo);
      const firstBatch = sizes[0];
      const refusedAt = firstBatch.findIndex((user) => user.email === refused.email);
      expect(sizes[1]).toEqual(firstBatch.slice(refusedAt + 1));
      expect(sizes).toHaveLength(3);
      expect(m.moka.users.has(refused.email!)).toBe(false);
      expect(m.moka.users.size).toBe(withEmail.length - 1);

      expect((await m.status()).recent_errors.map((e) => e.message)).toContain(`${refused.username} <${refused.email}>: 此邮箱已为其他用户使用`);
    });

    it('runs a sync queued during an outage once Moka is back, each batch accepted once', async () => {
      m.moka.down = true;
      let report;
      try {
        const res = await m.admin.post('/admin/bridges/moka/sync-users', { wait_seconds: 0 }).expect(200);
        report = res.body.data;
        expect(report).toMatchObject({ state: 'queued', synced: 0 });
        // The job's first attempt (a call and its three retries) fails; the queue will try again.
        await m.moka.waitForRequests(4);
      } finally {
        m.moka.down = false;
      }
      await m.drain();
      const done = await m.admin.get(`/admin/bridges/moka/runs/${report.run_id}`).expect(200);
      expect(done.body.data).toMatchObject({ state: 'done', synced: withEmail.length, failed: expect.any(Array) });
      expect(done.body.data.failed).toHaveLength(withoutEmail.length);

      const accepted = m.moka.requests.filter((r) => r.url.pathname === SYNC_INFO).slice(4);
      expect(accepted).toHaveLength(2);
      // The batch that failed first is retried after the other one, which was due earlier.
      const emails = accepted.flatMap((r) => (json(r.body) as { usersInfo: Body[] }).usersInfo.map((user) => user.email as string));
      expect(emails.sort()).toEqual(withEmail.map((user) => user.email!).sort());
      expect(m.moka.users.size).toBe(withEmail.length);
      // The queue recorded the failed attempt before it tried again.
      const moka = await m.status();
      expect(moka).toMatchObject({ pending_jobs: 0 });
      expect(moka.recent_errors).toContainEqual(expect.objectContaining({ operation: 'users.sync', message: expect.stringContaining('503') }));
    });

    it('fails the batch at once, every user reported, when Moka refuses the key', async () => {
      m.moka.apiKey = 'revoked';
      try {
        const res = await m.admin.post('/admin/bridges/moka/sync-users', {}).expect(200);
        expect(res.body.data).toMatchObject({ state: 'done', synced: 0 });
        expect(res.body.data.failed).toHaveLength(withEmail.length + withoutEmail.length);
        expect(res.body.data.failed).toContainEqual(expect.objectContaining({ email: withEmail[0].email, reason: expect.stringContaining('认证失败') }));
        // Permanent: one request per batch, no retries.
        expect(m.moka.received('POST', SYNC_INFO)).toHaveLength(2);
      } finally {
        m.moka.apiKey = m.t.config.bridges.moka!.apiKey;
      }
      m.expectKeyNeverLogged();
    });
  });

  describe('sync-departments', () => {
    const companies = () => m.t.db.getRepository(Company).find({ order: { id: 'ASC' } });
    const sync = (body: object) => m.admin.post('/admin/bridges/moka/sync-departments', body);
    const departmentOf = (c: Company) => ({ department_code: String(c.id), name: c.companyName, parent_code: null });

    it('adds each company once with incremental sync, later only the new ones', async () => {
      const all = await companies();
      const first = await sync({ mode: 'incremental' }).expect(200);
      expect(first.body.data).toEqual({
        run_id: expect.any(String), kind: 'sync-departments', mode: 'incremental', state: 'done',
        companies: all.length, synced: all.length, failed: [], counts: null, error: null,
      });
      const requests = m.moka.received('POST', INCREMENTAL);
      expect(requests.map((r) => json(r.body))).toEqual(all.map((c) => [departmentOf(c)]));
      for (const r of requests) expect(r.headers.authorization).toBe(MOKA_BASIC_AUTH);

      m.moka.requests.length = 0;
      expect((await sync({ mode: 'incremental' }).expect(200)).body.data).toMatchObject({ state: 'done', companies: all.length, synced: 0 });
      expect(m.moka.requests).toHaveLength(0);

      const created = await m.admin.post('/admin/companies', { company_name: '新增示范建筑有限公司' }).expect(200);
      expect((await sync({ mode: 'incremental' }).expect(200)).body.data).toMatchObject({ synced: 1, failed: [] });
      expect(m.moka.received('POST', INCREMENTAL).map((r) => json(r.body))).toEqual([[{ department_code: String(created.body.data.id), name: '新增示范建筑有限公司', parent_code: null }]]);
      expect(m.moka.departments.get(String(created.body.data.id))).toEqual({ name: '新增示范建筑有限公司', parent_code: null, deleted: false });

      // Moka has it already (a full sync sent it, or a lost answer): its "编号重复" means done.
      const known = await m.admin.post('/admin/companies', { company_name: '已在 Moka 的公司' }).expect(200);
      m.moka.departments.set(String(known.body.data.id), { name: '已在 Moka 的公司', parent_code: null, deleted: false });
      expect((await sync({ mode: 'incremental' }).expect(200)).body.data).toMatchObject({ synced: 1, failed: [] });
      expect(m.moka.received('POST', INCREMENTAL)).toHaveLength(2);
    });

    it('sends a company to the update endpoint each time it changed, and reports what Moka refuses', async () => {
      const all = await companies();
      await sync({ mode: 'update' }).expect(200);
      expect(m.moka.received('POST', DEPARTMENTS)).toHaveLength(all.length);

      m.moka.requests.length = 0;
      await sync({ mode: 'update' }).expect(200);
      expect(m.moka.requests).toHaveLength(0);

      await m.admin.put(`/admin/companies/${all[0].id}`, { company_name: '闪签云示范科技（集团）有限公司' }).expect(200);
      const renamed = await sync({ mode: 'update' }).expect(200);
      expect(renamed.body.data).toMatchObject({ synced: 1, failed: [] });
      expect(m.moka.received('POST', DEPARTMENTS).map((r) => json(r.body))).toEqual([[{ department_code: String(all[0].id), name: '闪签云示范科技（集团）有限公司', parent_code: null }]]);
      expect(m.moka.departments.get(String(all[0].id))?.name).toBe('闪签云示范科技（集团）有限公司');

      // A company Moka never got: Moka refuses the update, the report says so.
      const orphan = await m.t.db.getRepository(Company).save({ companyName: '未同步的公司' });
      const refused = await sync({ mode: 'update' }).expect(200);
      expect(refused.body.data.failed).toEqual([{ company_id: orphan.id, company_name: '未同步的公司', reason: `department_code(${orphan.id})在系统中不存在` }]);
    });

    it('runs the full sync only when confirmed, with the complete list, and reports Moka\'s counts', async () => {
      const refused = await sync({ mode: 'full' }).expect(400);
      expect(refused.body.status).toBe(ErrorCode.ValidationFailed);
      expect(refused.body.msg).toContain('confirm');
      expect((await sync({ mode: 'full', confirm: false }).expect(400)).body.msg).toContain('confirm');
      expect(m.moka.requests).toHaveLength(0);

      m.moka.departments.set('legacy-1', { name: '旧部门', parent_code: null, deleted: false });
      const all = await companies();
      const res = await sync({ mode: 'full', confirm: true }).expect(200);
      expect(res.body.data).toEqual({
        run_id: expect.any(String), kind: 'sync-departments', mode: 'full', state: 'done', companies: all.length, synced: all.length, failed: [],
        counts: { new: 1, update: 0, delete: 1 }, error: null,
      });
      const [put] = m.moka.received('PUT', DEPARTMENTS);
      expect(json(put.body)).toEqual(all.map(departmentOf));
      expect(put.headers.authorization).toBe(MOKA_BASIC_AUTH);
      expect(m.moka.departments.get('legacy-1')?.deleted).toBe(true);
    });

    it('checks the mode', async () => {
      expect((await sync({ mode: 'merge' }).expect(400)).body.msg).toContain('mode');
      expect((await m.admin.get('/admin/bridges/moka/runs/not-a-run').expect(400)).body.msg).toContain('run_id');
      expect((await m.admin.get('/admin/bridges/moka/runs/3b241101-e2bb-4255-8caf-4136c566a962').expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
    });
  });
}
