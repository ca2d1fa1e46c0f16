import { ErrorCode } from '@shanqian/shared';
import { AdminClient } from '../../test/admin-client';
import { applyingWorker } from '../../test/sign-fixtures';
import { startTestApp, TestApp } from '../../test/test-app';

describe('Feishu Hire bridge without FEISHU_APP_ID and FEISHU_APP_SECRET', () => {
  let t: TestApp;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await AdminClient.superAdmin(t);
  });
  afterAll(() => t.close());

  it('is off: its endpoints check their input, then answer 409 BridgeNotConfigured, and the status page says so', async () => {
    // A bad request is the caller's to fix whether or not the bridge is on.
    expect((await admin.get('/admin/bridges/feishu/external-applications').expect(400)).body).toMatchObject({ status: ErrorCode.ValidationFailed, msg: 'talent_id: 不能为空' });
    expect((await admin.post('/admin/bridges/feishu/link', { application_id: 'x', talent_id: '1' }).expect(400)).body.msg).toMatch(/^application_id: /);
    expect((await admin.get('/admin/bridges/feishu/links/0x1').expect(400)).body.status).toBe(ErrorCode.InvalidPathParameter);

    const off = { status: ErrorCode.BridgeNotConfigured, msg: '飞书招聘 未配置' };
    expect((await admin.get('/admin/bridges/feishu/external-applications?talent_id=6960663240925956660').expect(409)).body).toMatchObject(off);
    const { applicationId } = await applyingWorker(t);
    expect((await admin.post('/admin/bridges/feishu/link', { application_id: applicationId, talent_id: '6960663240925956660' }).expect(409)).body).toMatchObject(off);
    const status = (await admin.get('/admin/bridges/status').expect(200)).body.data;
    expect(status.find((b: { name: string }) => b.name === 'feishu')).toMatchObject({ configured: false, pending_jobs: 0, recent_errors: [] });
    expect(await t.db.query('SELECT id FROM feishu_link')).toEqual([]);
  });
});
