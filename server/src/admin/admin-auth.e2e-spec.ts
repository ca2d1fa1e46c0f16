import { EnabledFlag, ErrorCode } from '@shanqian/shared';
import { MiniProgramClient } from '../test/api-client';
import { AdminClient } from '../test/admin-client';
import { startTestApp, TEST_SUPER_ADMIN, TestApp } from '../test/test-app';
import { ADMIN_LOGIN_LIMITS } from './admin-auth.service';
import { AdminSession } from './admin-session.entity';
import { AdminUser } from './admin-user.entity';
import { AuditLog } from './audit-log.entity';

describe('back-office login and sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('bootstraps the first super admin and logs in with an argon2id hash', async () => {
    const row = await t.db.getRepository(AdminUser).findOneByOrFail({ username: TEST_SUPER_ADMIN.username });
    expect(row.role).toBe('super');
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    const admin = new AdminClient(t);
    const res = await admin.post('/admin/login', TEST_SUPER_ADMIN).expect(200);
    expect(res.body).toMatchObject({ status: 0, data: { admin: { username: TEST_SUPER_ADMIN.username, role: 'super' } } });
    expect(res.body.data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(t.logs.lines)).not.toContain(TEST_SUPER_ADMIN.password);
  });

  it('refuses a wrong password and an unknown user alike, and audits both', async () => {
    const admin = new AdminClient(t);
    const wrong = await admin.post('/admin/login', { username: TEST_SUPER_ADMIN.username, password: 'not-the-password1' }).expect(401);
    const unknown = await admin.post('/admin/login', { username: 'nobody', password: 'not-the-password1' }).expect(401);
    expect(wrong.body).toMatchObject({ status: ErrorCode.AdminCredentialsInvalid, data: null });
    expect(unknown.body.msg).toBe(wrong.body.msg);
    const failures = await t.db.getRepository(AuditLog).findBy({ action: 'admin.login_failed' });
    expect(failures.map((f) => f.adminUsername)).toEqual(expect.arrayContaining([TEST_SUPER_ADMIN.username, 'nobody']));
    expect(failures.every((f) => f.ip === admin.ip)).toBe(true);
  });

  it('rejects a missing field with a 400 naming it', async () => {
    const res = await new AdminClient(t).post('/admin/login', { username: 'x' }).expect(400);
    expect(res.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'password: 不能为空' });
  });

  it('limits login attempts per user name, whatever the address', async () => {
    const username = 'guessed_user';
    for (let i = 0; i < ADMIN_LOGIN_LIMITS.perUsername; i++) await new AdminClient(t).post('/admin/login', { username, password: `guess${i}abcdefg` }).expect(401);
    const res = await new AdminClient(t).post('/admin/login', { username, password: 'guessXabcdefg1' }).expect(429);
    expect(res.body.status).toBe(ErrorCode.RateLimited);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits login attempts per address, whatever the user name', async () => {
    const admin = new AdminClient(t);
    for (let i = 0; i < ADMIN_LOGIN_LIMITS.perIp; i++) await admin.post('/admin/login', { username: `user${i}`, password: 'whatever1234' }).expect(401);
    await admin.post('/admin/login', TEST_SUPER_ADMIN).expect(429);
  });

  it('needs a Bearer token, the admin platform code, and not a worker session', async () => {
    const anonymous = await new AdminClient(t).post('/admin/logout').expect(401);
    expect(anonymous.body.status).toBe(ErrorCode.AuthTokenMissing);
    const bogus = new AdminClient(t);
    bogus.token = 'not-a-token';
    expect((await bogus.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);

    const worker = new MiniProgramClient(t);
    await worker.login();
    const asWorker = await worker.request('post', '/admin/logout').set('Authorization', `Bearer ${worker.token}`).expect(403);
    expect(asWorker.body.status).toBe(ErrorCode.AdminPlatformRequired);
  });

  it('logs out: the token stops working', async () => {
    const admin = await AdminClient.superAdmin(t);
    await admin.post('/admin/logout').expect(200);
    expect((await admin.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);
  });

  it('stops a disabled admin at once, and refuses their login', async () => {
    const superAdmin = await AdminClient.superAdmin(t);
    const password = 'Hr-password-123';
    const created = await superAdmin.post('/admin/users', { username: 'hr_disabled', name: '停用者', role: 'hr', password }).expect(200);
    const hr = new AdminClient(t);
    await hr.login('hr_disabled', password);
    await superAdmin.post(`/admin/users/${created.body.data.id}/disable`).expect(200);
    // Disabling ends the admin's sessions, so the token is simply no longer known.
    expect((await hr.post('/admin/logout').expect(401)).body.status).toBe(ErrorCode.AuthTokenInvalid);
    expect((await new AdminClient(t).post('/admin/login', { username: 'hr_disabled', password }).expect(403)).body.status).toBe(ErrorCode.AdminDisabled);
  });

  it('refuses a live session of an admin disabled behind the server’s back', async () => {
    const admins = t.db.getRepository(AdminUser);
    const row = await admins.save(admins.create({ username: 'hr_db_disabled', role: 'hr', passwordHash: (await admins.findOneByOrFail({ username: TEST_SUPER_ADMIN.username })).passwordHash }));
    const hr = new AdminClient(t);
    await hr.login('hr_db_disabled', TEST_SUPER_ADMIN.password);
    await admins.update(row.id, { status: EnabledFlag.Disabled });
    expect((await hr.post('/admin/logout').expect(403)).body.status).toBe(ErrorCode.AdminDisabled);
  });

  it('changes the password: the old one stops working, other sessions end, this one goes on', async () => {
    const admins = t.db.getRepository(AdminUser);
    const before = await admins.findOneByOrFail({ username: TEST_SUPER_ADMIN.username });
    await admins.save(admins.create({ username: 'pw_changer', role: 'super', passwordHash: before.passwordHash }));
    const a = new AdminClient(t);
    const b = new AdminClient(t);
    await a.login('pw_changer', TEST_SUPER_ADMIN.password);
    await b.login('pw_changer', TEST_SUPER_ADMIN.password);

    const wrongCurrent = await a.post('/admin/password', { current_password: 'wrong-one-123', new_password: 'Brand-new-pass-9' }).expect(400);
    expect(wrongCurrent.body.status).toBe(ErrorCode.AdminPasswordInvalid);
    const weak = await a.post('/admin/password', { current_password: TEST_SUPER_ADMIN.password, new_password: 'short' }).expect(400);
    expect(weak.body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'new_password: 密码应为 10 到 72 个字符' });

    await a.post('/admin/password', { current_password: TEST_SUPER_ADMIN.password, new_password: 'Brand-new-pass-9' }).expect(200);
    await b.post('/admin/logout').expect(401);
    await new AdminClient(t).post('/admin/login', { username: 'pw_changer', password: TEST_SUPER_ADMIN.password }).expect(401);
    await new AdminClient(t).login('pw_changer', 'Brand-new-pass-9');
    expect(await t.db.getRepository(AdminSession).countBy({ adminId: (await admins.findOneByOrFail({ username: 'pw_changer' })).id })).toBe(2);
  });
});
