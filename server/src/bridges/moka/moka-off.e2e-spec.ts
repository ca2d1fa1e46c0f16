import { ErrorCode } from '@shanqian/shared';
import { AdminClient } from '../../test/admin-client';
import { MiniProgramClient } from '../../test/api-client';
import { uniquePhone } from '../../test/fixtures';
import { startTestApp, TestApp } from '../../test/test-app';

describe('Moka bridge without MOKA_API_KEY', () => {
  let t: TestApp;
  let admin: AdminClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
  });
  afterAll(() => t.close());

  it('is off: its admin endpoints check their input, then answer 409 BridgeNotConfigured, and the status page says so', async () => {
    // A bad request is the caller's to fix whether or not the bridge is on.
    expect((await admin.post('/admin/bridges/moka/import', { stage: 'hired' }).expect(400)).body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: expect.stringMatching(/^stage: /) });
    expect((await admin.post('/admin/bridges/moka/sync-departments', { mode: 'all' }).expect(400)).body.msg).toMatch(/^mode: /);
    const calls = [
      admin.post('/admin/bridges/moka/import', { stage: 'offer' }),
      admin.post('/admin/bridges/moka/sync-users', {}),
      admin.post('/admin/bridges/moka/sync-departments', { mode: 'full', confirm: true }),
      admin.get('/admin/bridges/moka/offer-fields'),
    ];
    for (const call of calls) {
      const res = await call.expect(409);
      expect(res.body).toMatchObject({ status: ErrorCode.BridgeNotConfigured, msg: 'Moka 未配置' });
    }
    const status = await admin.get('/admin/bridges/status').expect(200);
    expect(status.body.data.find((bridge: { name: string }) => bridge.name === 'moka')).toMatchObject({ configured: false, pending_jobs: 0 });
  });

  it('still answers the prefill from what was imported before (here: nothing)', async () => {
    const client = new MiniProgramClient(t);
    await client.login();
    const phone = uniquePhone();
    const res = await client.postForm('/employee/prefill', { phone, verify_code: await client.smsCode(phone) }).expect(404);
    expect(res.body.status).toBe(ErrorCode.PrefillNotFound);
  });
});
