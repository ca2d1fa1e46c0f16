import { ErrorCode, VerifyStatus } from '@shanqian/shared';
import { FakeTencentFaceidServer, STRANGER_MARK } from '../test/fake-tencent-faceid.server';
import { TINY_PNG } from '../test/fixtures';
import { applyingWorker } from '../test/sign-fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { RealnameCheck } from './realname-check.entity';

describe('real-name check through Tencent Cloud FaceID (local fake of its API)', () => {
  let t: TestApp;
  const faceid = new FakeTencentFaceidServer();

  beforeAll(async () => {
    const url = await faceid.start();
    t = await startTestApp(faceid.appEnv(url));
  });
  afterAll(async () => {
    await t.close();
    await faceid.stop();
  });

  it('passes a worker whose name and ID number match the authority, with a signed IdCardVerification call', async () => {
    const { worker, resume, applicationId } = await applyingWorker(t);
    faceid.people.set(resume.id_number as string, resume.real_name as string);
    const before = faceid.requests.length;
    const res = await worker.request('post', '/verify/realname').expect(200);
    expect(res.body.data).toEqual({ verify_status: VerifyStatus.Passed, reason: '' });
    const [call] = faceid.requests.slice(before);
    expect(call.headers['x-tc-action']).toBe('IdCardVerification');
    expect(JSON.parse(call.body)).toEqual({ IdCard: resume.id_number, Name: resume.real_name });
    expect((await worker.get('/em_status').expect(200)).body.data).toMatchObject({ verify_status: 2, verify_reason: '' });
    const events = await t.db.query('SELECT event FROM sign_apply_event WHERE apply_id = ? ORDER BY id', [applicationId]);
    expect(events.map((e: { event: string }) => e.event)).toEqual(['applied', 'realname_passed']);
    expect(JSON.stringify(t.logs.lines)).not.toContain(resume.id_number as string);
  });

  it('fails a mismatch with the reason, shown by /em_status', async () => {
    const { worker, resume } = await applyingWorker(t);
    faceid.people.set(resume.id_number as string, '别人');
    const res = await worker.request('post', '/verify/realname').expect(200);
    expect(res.body.data).toEqual({ verify_status: VerifyStatus.Failed, reason: '姓名和身份证号不一致' });
    expect((await worker.get('/em_status').expect(200)).body.data).toMatchObject({ verify_status: 3, verify_reason: '姓名和身份证号不一致' });
  });

  it('compares a selfie through ImageRecognition: a similar face passes, a stranger fails', async () => {
    const { worker, resume } = await applyingWorker(t);
    faceid.people.set(resume.id_number as string, resume.real_name as string);
    const stranger = await worker.request('post', '/verify/realname').attach('selfie', Buffer.concat([TINY_PNG, STRANGER_MARK]), 'selfie.png').expect(200);
    expect(stranger.body.data).toMatchObject({ verify_status: VerifyStatus.Failed, reason: '人脸与身份证照片相似度不足（35）' });
    const before = faceid.requests.length;
    const same = await worker.request('post', '/verify/realname').attach('selfie', TINY_PNG, 'selfie.png').expect(200);
    expect(same.body.data).toEqual({ verify_status: VerifyStatus.Passed, reason: '' });
    const call = faceid.requests[before];
    expect(call.headers['x-tc-action']).toBe('ImageRecognition');
    expect(JSON.parse(call.body)).toMatchObject({ IdCard: resume.id_number, Name: resume.real_name, ImageBase64: TINY_PNG.toString('base64') });
    const checks = await t.db.getRepository(RealnameCheck).find({ order: { id: 'ASC' } });
    expect(checks.slice(-2).map((c) => [c.provider, c.withSelfie, c.outcome])).toEqual([['tencent', true, 'failed'], ['tencent', true, 'passed']]);
  });

  it('answers 502 when FaceID is down, and leaves the status as it was', async () => {
    const { worker, resume } = await applyingWorker(t);
    faceid.people.set(resume.id_number as string, resume.real_name as string);
    faceid.outage = true;
    try {
      const res = await worker.request('post', '/verify/realname').expect(502);
      expect(res.body.status).toBe(ErrorCode.RealnameUnavailable);
    } finally {
      faceid.outage = false;
    }
    expect((await worker.get('/em_status').expect(200)).body.data.verify_status).toBe(VerifyStatus.Pending);
  });
});
