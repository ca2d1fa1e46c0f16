import { ErrorCode } from '@shanqian/shared';
import { AdminClient } from '../../test/admin-client';
import { startTestApp, TEST_SUPER_ADMIN, TestApp } from '../../test/test-app';
import { AdminUser } from '../admin-user.entity';
import { AuditLog } from '../audit-log.entity';

const PASSWORD = 'Hr-audit-pass123';

describe('back office: GET /admin/audit-logs', () => {
  let t: TestApp;
  let superAdmin: AdminClient;
  let hr: AdminClient;
  let superId: number;
  let hrId: number;
  let companyId: number;

  beforeAll(async () => {
    t = await startTestApp();
    superAdmin = await AdminClient.superAdmin(t);
    superId = (await t.db.getRepository(AdminUser).findOneByOrFail({ username: TEST_SUPER_ADMIN.username })).id;
    hrId = (await superAdmin.post('/admin/users', { username: 'hr_audit', name: '审计', role: 'hr', password: PASSWORD }).expect(200)).body.data.id;
    hr = new AdminClient(t);
    await hr.login('hr_audit', PASSWORD);
    companyId = (await superAdmin.post('/admin/companies', { company_name: '审计公司' }).expect(200)).body.data.id;
    await superAdmin.put(`/admin/companies/${companyId}`, { company_name: '审计公司（改）' }).expect(200);
    await superAdmin.post(`/admin/companies/${companyId}/disable`).expect(200);
  });
  afterAll(() => t.close());

  it('lists entries newest first, with their parsed detail', async () => {
    const res = await superAdmin.get('/admin/audit-logs?target_type=company').expect(200);
    expect(res.body.data.list.map((e: { action: string }) => e.action)).toEqual(['company.disable', 'company.update', 'company.create']);
    expect(res.body.data.list[1]).toEqual({
      id: expect.any(Number),
      admin_id: superId,
      admin_username: TEST_SUPER_ADMIN.username,
      action: 'company.update',
      target_type: 'company',
      target_id: companyId,
      detail: { company_name: { from: '审计公司', to: '审计公司（改）' } },
      ip: superAdmin.ip,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
  });

  it('filters by admin, action, target and time, and pages', async () => {
    const actions = async (query: string) => (await superAdmin.get(`/admin/audit-logs?${query}`).expect(200)).body.data.list.map((e: { action: string }) => e.action);
    expect(await actions(`admin_id=${hrId}`)).toEqual(['admin.login']);
    expect(await actions(`action=admin_user.create&target_id=${hrId}`)).toEqual(['admin_user.create']);
    expect(await actions(`target_type=company&target_id=${companyId}&action=company.create`)).toEqual(['company.create']);

    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(await actions(`target_type=company&from=${iso(now - 3600_000)}&to=${iso(now + 3600_000)}`)).toHaveLength(3);
    expect(await actions(`target_type=company&from=${iso(now + 3600_000)}`)).toEqual([]);
    expect(await actions(`target_type=company&to=${iso(now - 3600_000)}`)).toEqual([]);
    // A day is a China calendar day, `to` included.
    const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
    expect(await actions(`target_type=company&from=${today}&to=${today}`)).toHaveLength(3);
    expect(await actions(`target_type=company&to=2000-01-01`)).toEqual([]);
    expect(await actions(`target_type=company&from=${encodeURIComponent(iso(now - 3600_000).replace('Z', '+00:00'))}`)).toHaveLength(3);

    const page = await superAdmin.get('/admin/audit-logs?target_type=company&page=3&page_size=1').expect(200);
    expect(page.body.data).toMatchObject({ page: 3, pageSize: 1, total: 3, count: 3, list: [{ action: 'company.create' }] });
  });

  it('answers 400 naming a bad filter', async () => {
    const msg = async (query: string) => (await superAdmin.get(`/admin/audit-logs?${query}`).expect(400)).body.msg;
    expect(await msg('from=yesterday')).toMatch(/^from: 应为 YYYY-MM-DD/);
    expect(await msg('to=2025-02-30')).toBe('to: 不是有效的日期');
    expect(await msg('to=2025-01-01T08:00:00')).toMatch(/^to: 应为/);
    expect(await msg('admin_id=abc')).toBe('admin_id: 应为整数');
  });

  it('answers a detail that is not JSON (cut at 2000 characters) as its raw text', async () => {
    await t.db.getRepository(AuditLog).insert({ adminId: superId, adminUsername: 'superadmin', action: 'test.truncated', detail: '{"cut": "off', ip: '127.0.0.1' });
    const [row] = (await superAdmin.get('/admin/audit-logs?action=test.truncated').expect(200)).body.data.list;
    expect(row.detail).toBe('{"cut": "off');
  });

  it('is for super admins only', async () => {
    expect((await hr.get('/admin/audit-logs').expect(403)).body.status).toBe(ErrorCode.AdminForbidden);
  });

  it('is append-only: there is no route to change or delete an entry', async () => {
    const [entry] = (await superAdmin.get('/admin/audit-logs?page_size=1').expect(200)).body.data.list;
    const attempts = [['put', `/admin/audit-logs/${entry.id}`], ['delete', `/admin/audit-logs/${entry.id}`], ['delete', '/admin/audit-logs'], ['post', '/admin/audit-logs']] as const;
    for (const [method, path] of attempts) {
      const res = await superAdmin.request(method, path).send({ action: 'forged' }).expect(404);
      expect(res.body).toMatchObject({ status: ErrorCode.RouteNotFound, data: null });
    }
    expect(await t.db.getRepository(AuditLog).existsBy({ action: 'forged' })).toBe(false);
    expect(await t.db.getRepository(AuditLog).findOneByOrFail({ id: entry.id })).toMatchObject({ action: entry.action });
  });
});
