import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { In, Not } from 'typeorm';
import { AdminClient } from '../../test/admin-client';
import { startTestApp, TEST_SUPER_ADMIN, TestApp } from '../../test/test-app';
import { AdminPrincipal } from '../admin-route.decorator';
import { AdminSession } from '../admin-session.entity';
import { AdminUser } from '../admin-user.entity';
import { AuditLog } from '../audit-log.entity';
import { AdminUsersService } from './admin-users.service';

const PASSWORD = 'Hr-password-123';

describe('back office: /admin/users', () => {
  let t: TestApp;
  let superAdmin: AdminClient;
  let superId: number;

  beforeAll(async () => {
    t = await startTestApp();
    superAdmin = await AdminClient.superAdmin(t);
    superId = (await t.db.getRepository(AdminUser).findOneByOrFail({ username: TEST_SUPER_ADMIN.username })).id;
  });
  afterAll(() => t.close());

  const audits = (action: string, targetId: number) => t.db.getRepository(AuditLog).find({ where: { action, targetId }, order: { id: 'ASC' } });

  async function createUser(fields: Record<string, unknown>): Promise<{ id: number; client: AdminClient }> {
    const res = await superAdmin.post('/admin/users', { name: '测试', role: 'hr', password: PASSWORD, ...fields }).expect(200);
    const client = new AdminClient(t);
    await client.login(fields.username as string, (fields.password as string | undefined) ?? PASSWORD);
    return { id: res.body.data.id, client };
  }

  it('creates an hr admin who can log in, answers it without the hash, and audits it without the password', async () => {
    const body = { username: 'hr_wang', name: '王芳', phone: '13900001111', email: 'wang@example.com', role: 'hr', password: PASSWORD, view_all_applications: true };
    const res = await superAdmin.post('/admin/users', body).expect(200);
    expect(res.body.data).toEqual({
      id: expect.any(Number), username: 'hr_wang', name: '王芳', phone: '13900001111', email: 'wang@example.com',
      role: 'hr', status: EnabledFlag.Enabled, view_all_applications: true, created_at: expect.any(String),
    });
    const row = await t.db.getRepository(AdminUser).findOneByOrFail({ id: res.body.data.id });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await new AdminClient(t).login('hr_wang', PASSWORD)).role).toBe('hr');

    const [entry] = await audits('admin_user.create', row.id);
    expect(JSON.parse(entry.detail!)).toEqual({ username: 'hr_wang', name: '王芳', phone: '13900001111', email: 'wang@example.com', role: 'hr', view_all_applications: true, status: 1 });
    expect(entry.detail).not.toContain(PASSWORD);
    expect(entry.detail).not.toContain('argon2');
    // A new enabled hr admin is at once a handler workers can choose.
    expect(row.status).toBe(EnabledFlag.Enabled);
  });

  it('lists admins with keyword on user name, name and phone, filters, pagination, and never a password hash', async () => {
    await createUser({ username: 'list_a', name: '列表甲', phone: '13911112222' });
    await createUser({ username: 'list_b', name: '列表乙', role: 'super' });
    const byName = await superAdmin.get('/admin/users?keyword=列表').expect(200);
    expect(byName.body.data.list.map((u: { username: string }) => u.username)).toEqual(['list_a', 'list_b']);
    expect((await superAdmin.get('/admin/users?keyword=list_&role=super').expect(200)).body.data.list.map((u: { username: string }) => u.username)).toEqual(['list_b']);
    expect((await superAdmin.get('/admin/users?keyword=13911112').expect(200)).body.data.list.map((u: { username: string }) => u.username)).toEqual(['list_a']);
    const paged = await superAdmin.get('/admin/users?page=2&page_size=1&keyword=list_').expect(200);
    expect(paged.body.data).toMatchObject({ page: 2, pageSize: 1, total: 2, count: 2, list: [{ username: 'list_b' }] });
    const all = await superAdmin.get('/admin/users?page_size=100').expect(200);
    expect(JSON.stringify(all.body)).not.toMatch(/password|argon2/);
    expect((await superAdmin.get('/admin/users?role=boss').expect(400)).body.msg).toBe('role: 应为 super 或 hr');
  });

  it('answers 400 naming the field for every bad input, and 409 for a taken user name, writing nothing', async () => {
    const before = await t.db.getRepository(AdminUser).count();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '无名', role: 'hr', password: PASSWORD }, 'username: 不能为空'],
      [{ username: 'x', name: '短', role: 'hr', password: PASSWORD }, 'username: 应为 3 到 32 位字母、数字或 _ . @ -'],
      [{ username: 'no_name', role: 'hr', password: PASSWORD }, 'name: 不能为空'],
      [{ username: 'no_role', name: '无角色', password: PASSWORD }, 'role: 不能为空'],
      [{ username: 'bad_role', name: '角色', role: 'admin', password: PASSWORD }, 'role: 应为 super 或 hr'],
      [{ username: 'no_pass', name: '无密码', role: 'hr' }, 'password: 不能为空'],
      [{ username: 'weak_pass', name: '弱密码', role: 'hr', password: 'short1' }, 'password: 密码应为 10 到 72 个字符'],
      [{ username: 'weak_pass', name: '弱密码', role: 'hr', password: 'onlyletterspassword' }, 'password: 密码应同时包含字母和数字'],
      [{ username: 'bad_phone', name: '电话', role: 'hr', password: PASSWORD, phone: '12345' }, 'phone: 应为 11 位中国大陆手机号'],
      [{ username: 'bad_mail', name: '邮箱', role: 'hr', password: PASSWORD, email: 'nope' }, 'email: 应为邮箱地址'],
      [{ username: 'bad_flag', name: '开关', role: 'hr', password: PASSWORD, view_all_applications: 'yes' }, 'view_all_applications: 应为 true 或 false'],
    ];
    for (const [body, msg] of cases) {
      expect((await superAdmin.post('/admin/users', body).expect(400)).body).toEqual({ status: ErrorCode.ValidationFailed, msg, data: null });
    }
    const dup = await superAdmin.post('/admin/users', { username: TEST_SUPER_ADMIN.username, name: '重名', role: 'hr', password: PASSWORD }).expect(409);
    expect(dup.body).toMatchObject({ status: ErrorCode.RecordDuplicate, msg: `用户名 ${TEST_SUPER_ADMIN.username} 已存在` });
    expect(await t.db.getRepository(AdminUser).count()).toBe(before);
  });

  it('takes user names case-insensitively on both databases: stored in lower case, ADMIN beside admin is a duplicate, Admin signs in', async () => {
    const created = await superAdmin.post('/admin/users', { username: 'Admin', name: '大小写', role: 'hr', password: PASSWORD }).expect(200);
    expect(created.body.data.username).toBe('admin');
    const before = await t.db.getRepository(AdminUser).count();
    for (const username of ['ADMIN', 'admin', TEST_SUPER_ADMIN.username.toUpperCase()]) {
      const dup = await superAdmin.post('/admin/users', { username, name: '重名', role: 'hr', password: PASSWORD }).expect(409);
      expect(dup.body).toEqual({ status: ErrorCode.RecordDuplicate, msg: `用户名 ${username.toLowerCase()} 已存在`, data: null });
    }
    expect(await t.db.getRepository(AdminUser).count()).toBe(before);
    expect((await new AdminClient(t).login('aDMIN', PASSWORD)).id).toBe(created.body.data.id);
    expect((await new AdminClient(t).login(TEST_SUPER_ADMIN.username.toUpperCase(), TEST_SUPER_ADMIN.password)).id).toBe(superId);
  });

  it('creates one account of two concurrent requests for one name in different case; the other gets 409', async () => {
    const bodies = ['Race_Name', 'RACE_NAME', 'race_name'].map((username) => ({ username, name: '并发', role: 'hr', password: PASSWORD }));
    const statuses = await Promise.all(bodies.map(async (body) => (await superAdmin.post('/admin/users', body)).status));
    expect(statuses.sort()).toEqual([200, 409, 409]);
    expect(await t.db.getRepository(AdminUser).countBy({ username: 'race_name' })).toBe(1);
  });

  it('updates the profile and role; absent optional fields are cleared; the user name stays', async () => {
    const { id } = await createUser({ username: 'hr_edit', name: '编辑前', phone: '13922223333', email: 'e@example.com' });
    const res = await superAdmin.put(`/admin/users/${id}`, { username: 'renamed', name: '编辑后', role: 'hr', view_all_applications: true }).expect(200);
    expect(res.body.data).toMatchObject({ id, username: 'hr_edit', name: '编辑后', phone: null, email: null, view_all_applications: true });
    const [entry] = await audits('admin_user.update', id);
    expect(JSON.parse(entry.detail!)).toEqual({
      name: { from: '编辑前', to: '编辑后' }, phone: { from: '13922223333', to: null }, email: { from: 'e@example.com', to: null },
      view_all_applications: { from: false, to: true },
    });
    expect((await superAdmin.put('/admin/users/999999', { name: '无', role: 'hr' }).expect(404)).body.status).toBe(ErrorCode.RecordNotFound);
  });

  it('a new password ends every session of that admin, and is audited only as changed', async () => {
    const { id, client } = await createUser({ username: 'hr_reset', name: '重置' });
    const weak = await superAdmin.put(`/admin/users/${id}`, { name: '重置', role: 'hr', password: 'weak' }).expect(400);
    expect(weak.body.msg).toBe('password: 密码应为 10 到 72 个字符');
    await client.post('/admin/logout').expect(200);
    await client.login('hr_reset', PASSWORD);

    await superAdmin.put(`/admin/users/${id}`, { name: '重置', role: 'hr', password: 'Brand-new-pass-7' }).expect(200);
    expect((await client.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);
    await new AdminClient(t).post('/admin/login', { username: 'hr_reset', password: PASSWORD }).expect(401);
    await new AdminClient(t).login('hr_reset', 'Brand-new-pass-7');
    const [entry] = await audits('admin_user.update', id);
    expect(JSON.parse(entry.detail!)).toEqual({ password: 'changed' });
  });

  it('resets only the password through POST /:id/password: sessions end, a change made meanwhile to the profile stays, audited as a reset', async () => {
    const { id, client } = await createUser({ username: 'hr_forgot', name: '忘记', phone: '13900002222' });
    // Another super admin renames the account after the console showed it.
    await superAdmin.put(`/admin/users/${id}`, { name: '已改名', role: 'hr', phone: '13900002222', view_all_applications: true }).expect(200);
    for (const [body, problem] of [
      [{}, 'password: 不能为空'],
      [{ password: 'short1' }, 'password: 密码应为 10 到 72 个字符'],
      [{ password: 12345678901 }, 'password: 应为文本'],
    ] as const) {
      const res = await superAdmin.post(`/admin/users/${id}/password`, body).expect(400);
      expect(res.body.msg).toBe(problem);
    }
    await superAdmin.post('/admin/users/999999/password', { password: 'Forgot-pass-2026' }).expect(404);
    await client.post('/admin/logout').expect(200);
    await client.login('hr_forgot', PASSWORD);

    const reset = await superAdmin.post(`/admin/users/${id}/password`, { password: 'Forgot-pass-2026' }).expect(200);
    expect(reset.body.data).toMatchObject({ id, name: '已改名', view_all_applications: true });
    expect(JSON.stringify(reset.body)).not.toMatch(/password|argon2/);
    expect((await client.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);
    await new AdminClient(t).login('hr_forgot', 'Forgot-pass-2026');
    const [entry] = await audits('admin_user.reset_password', id);
    expect(JSON.parse(entry.detail!)).toEqual({ password: 'changed' });
  });

  it('disabling ends the admin’s sessions at once and refuses their login; enabling lets them back', async () => {
    const { id, client } = await createUser({ username: 'hr_off', name: '停用' });
    const res = await superAdmin.post(`/admin/users/${id}/disable`).expect(200);
    expect(res.body.data).toMatchObject({ id, status: EnabledFlag.Disabled });
    expect(await t.db.getRepository(AdminSession).countBy({ adminId: id })).toBe(0);
    expect((await client.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);
    expect((await new AdminClient(t).post('/admin/login', { username: 'hr_off', password: PASSWORD }).expect(403)).body.status).toBe(ErrorCode.AdminDisabled);
    expect(JSON.parse((await audits('admin_user.disable', id))[0].detail!)).toEqual({ status: { from: 1, to: 0 } });

    await superAdmin.post(`/admin/users/${id}/enable`).expect(200);
    await new AdminClient(t).login('hr_off', PASSWORD);
  });

  it('refuses a super admin disabling or demoting themselves with 409', async () => {
    const disable = await superAdmin.post(`/admin/users/${superId}/disable`).expect(409);
    expect(disable.body).toMatchObject({ status: ErrorCode.AdminLockout, msg: '不能停用自己的账号', data: null });
    const demote = await superAdmin.put(`/admin/users/${superId}`, { name: 'superadmin', role: 'hr' }).expect(409);
    expect(demote.body.msg).toBe('不能取消自己的超级管理员角色');
    const row = await t.db.getRepository(AdminUser).findOneByOrFail({ id: superId });
    expect(row).toMatchObject({ role: 'super', status: EnabledFlag.Enabled });
    expect(await audits('admin_user.disable', superId)).toHaveLength(0);
  });

  it('lets a super admin disable and demote another super admin', async () => {
    const { id } = await createUser({ username: 'second_super', name: '二号', role: 'super' });
    await superAdmin.put(`/admin/users/${id}`, { name: '二号', role: 'hr' }).expect(200);
    await superAdmin.put(`/admin/users/${id}`, { name: '二号', role: 'super' }).expect(200);
    await superAdmin.post(`/admin/users/${id}/disable`).expect(200);
  });

  it('serves two super admins disabling each other at once one after the other: one wins, one is refused', async () => {
    const a = await createUser({ username: 'race_a', name: '甲', role: 'super' });
    const b = await createUser({ username: 'race_b', name: '乙', role: 'super' });
    // Leave these two as the only enabled super admins.
    const admins = t.db.getRepository(AdminUser);
    const others = (await admins.findBy({ role: 'super', status: EnabledFlag.Enabled, id: Not(In([a.id, b.id])) })).map((row) => row.id);
    await admins.update({ id: In(others) }, { status: EnabledFlag.Disabled });
    try {
      const answers = await Promise.all([a.client.post(`/admin/users/${b.id}/disable`), b.client.post(`/admin/users/${a.id}/disable`)]);
      const [won, lost] = answers.map((r) => r.status).sort();
      expect(won).toBe(200);
      // 409 when both got past the guard; 401 when the loser arrived after the winner had ended its sessions.
      expect([401, 409]).toContain(lost);
      expect(await admins.countBy({ role: 'super', status: EnabledFlag.Enabled })).toBe(1);
    } finally {
      await admins.update({ id: In(others) }, { status: EnabledFlag.Enabled });
    }
  });

  it('never leaves the back office without an enabled super admin, even for a request that raced past the guard', async () => {
    const admins = t.db.getRepository(AdminUser);
    await admins.update({ role: 'super' }, { status: EnabledFlag.Disabled });
    await admins.update({ id: superId }, { status: EnabledFlag.Enabled });
    const hrRow = await admins.findOneByOrFail({ username: 'hr_wang' });
    // As if hr_wang had been a super admin when the guard let the request in.
    const stale: AdminPrincipal = { adminId: hrRow.id, sessionId: 0, username: 'hr_wang', role: 'super', viewAll: true };
    const users = t.app.get(AdminUsersService);
    await expect(users.setEnabled(superId, false, stale, '127.0.0.1')).rejects.toMatchObject({ code: ErrorCode.AdminLockout, message: '不能停用：这是最后一个已启用的超级管理员' });
    await expect(users.update(superId, { name: 'superadmin', role: 'hr' }, stale, '127.0.0.1')).rejects.toMatchObject({
      code: ErrorCode.AdminLockout,
      message: '不能取消其超级管理员角色：这是最后一个已启用的超级管理员',
    });
    expect(await admins.findOneByOrFail({ id: superId })).toMatchObject({ role: 'super', status: EnabledFlag.Enabled });
  });

  it('is for super admins only: an hr admin gets 403 on every route, reads included', async () => {
    const { id, client } = await createUser({ username: 'hr_nosy', name: '好奇', view_all_applications: true });
    for (const [method, path] of [['get', '/admin/users'], ['post', '/admin/users'], ['put', `/admin/users/${id}`], ['post', `/admin/users/${superId}/password`], ['post', `/admin/users/${id}/disable`], ['post', `/admin/users/${superId}/disable`]] as const) {
      const res = await client.request(method, path).send({ username: 'made_by_hr', name: '人事', role: 'super', password: PASSWORD }).expect(403);
      expect(res.body.status).toBe(ErrorCode.AdminForbidden);
    }
    expect(await t.db.getRepository(AdminUser).existsBy({ username: 'made_by_hr' })).toBe(false);
  });
});
