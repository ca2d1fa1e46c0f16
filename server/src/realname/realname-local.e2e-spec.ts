import { ErrorCode, VerifyStatus } from '@shanqian/shared';
import { WechatUser } from '../auth/wechat-user.entity';
import { MiniProgramClient } from '../test/api-client';
import { applyingWorker } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { RealnameCheck } from './realname-check.entity';
import { REALNAME_DAILY_ATTEMPTS } from './realname.service';

describe('real-name check with the local provider', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('needs a resume first', async () => {
    const worker = new MiniProgramClient(t);
    await worker.login();
    const res = await worker.request('post', '/verify/realname').expect(409);
    expect(res.body.status).toBe(ErrorCode.RealnameNotReady);
  });

  it('passes a valid resume, and a passed worker is not checked again', async () => {
    const { worker } = await applyingWorker(t);
    expect((await worker.request('post', '/verify/realname').expect(200)).body.data).toEqual({ verify_status: 2, reason: '' });
    expect((await worker.request('post', '/verify/realname').expect(200)).body.data).toEqual({ verify_status: 2, reason: '' });
    expect(await t.db.getRepository(RealnameCheck).countBy({ outcome: 'passed' })).toBe(1);
  });

  it('refuses a selfie that is not an image, counting no attempt', async () => {
    const { worker } = await applyingWorker(t);
    const res = await worker.request('post', '/verify/realname').attach('selfie', Buffer.from('%PDF-1.7 not a face'), 'selfie.jpg').expect(415);
    expect(res.body.status).toBe(ErrorCode.UploadTypeUnsupported);
    expect((await worker.get('/em_status')).body.data.verify_status).toBe(VerifyStatus.Pending);
  });

  it(`allows ${REALNAME_DAILY_ATTEMPTS} attempts a day`, async () => {
    const { worker, resume } = await applyingWorker(t);
    const user = await t.db.query('SELECT user_id FROM employee WHERE phone = ?', [resume.phone]);
    const users = t.db.getRepository(WechatUser);
    // The local provider passes any valid resume; a failed status keeps the worker trying, as after a real mismatch.
    for (let i = 0; i < REALNAME_DAILY_ATTEMPTS; i++) {
      await users.update(Number(user[0].user_id), { verifyStatus: VerifyStatus.Failed });
      await worker.request('post', '/verify/realname').expect(200);
    }
    await users.update(Number(user[0].user_id), { verifyStatus: VerifyStatus.Failed });
    const res = await worker.request('post', '/verify/realname').expect(429);
    expect(res.body.status).toBe(ErrorCode.RealnameAttemptsExceeded);
  });

  it('starts over when the resume changes the name', async () => {
    const { worker, resume } = await applyingWorker(t);
    await worker.request('post', '/verify/realname').expect(200);
    const { verify_code: _, ...rest } = resume;
    const edited = await worker.putForm('/employee', { ...rest, real_name: '王改名', id_card_front: (await worker.get('/employee')).body.data.id_card_front, id_card_back: (await worker.get('/employee')).body.data.id_card_back }).expect(200);
    expect(edited.body.status).toBe(0);
    expect((await worker.get('/em_status')).body.data.verify_status).toBe(VerifyStatus.Pending);
  });
});
