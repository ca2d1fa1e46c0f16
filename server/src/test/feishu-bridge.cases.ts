import { ErrorCode } from '@shanqian/shared';
import Redis from 'ioredis';
import { AuditLog } from '../admin/audit-log.entity';
import { BridgeQueue } from '../bridges/common/bridge-queue';
import { FeishuMirrorService } from '../bridges/feishu/feishu-mirror.service';
import { SignApplicationEvent } from '../applications/sign-application-event.entity';
import { SignApplication } from '../applications/sign-application.entity';
import { AdminClient } from './admin-client';
import { FAKE_FEISHU_APP_ID, FAKE_FEISHU_APP_SECRET, FakeFeishuServer, HIRE_ERRORS } from './fake-feishu.server';
import { ReceivedRequest } from './fake-http.server';
import { APPROVAL, applyingWorker, uploadContract } from './sign-fixtures';
import { startTestApp, TestApp } from './test-app';

const LIST_PATH = '/open-apis/hire/v1/external_applications';
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';

/*
 * The Feishu Hire bridge through HTTP against a local fake of Feishu's open platform
 * (fake-feishu.server.ts). Not a spec file itself: each queue's spec file calls this inside its top
 * describe, as it owns the one app of the file; `env` picks the queue (REDIS_URL for BullMQ).
 */
export function describeFeishuBridge(env: Record<string, string> = {}): void {
  const fake = new FakeFeishuServer();
  let t: TestApp;
  let admin: AdminClient;
  let contractId: number;
  /** Every answer the tests received, searched at the end for the secret and the tokens. */
  const answers: string[] = [];
  let talents = 0;

  beforeAll(async () => {
    const domain = await fake.start();
    t = await startTestApp({
      FEISHU_APP_ID: FAKE_FEISHU_APP_ID,
      FEISHU_APP_SECRET: FAKE_FEISHU_APP_SECRET,
      FEISHU_DOMAIN: domain,
      BRIDGE_TIMEOUT_MS: '2000',
      // A quarter second before a job's first retry, doubling: an outage of the test still gets fewer
      // failures than open the circuit, and a call given up after its retries costs under 2 s, not 7.
      BRIDGE_BACKOFF_MS: '250',
      BRIDGE_QUEUE_POLL_MS: '50',
      ...env,
    });
    admin = await AdminClient.superAdmin(t);
    const [{ id: companyId }] = await t.db.query('SELECT id FROM company ORDER BY id');
    contractId = await uploadContract(admin, Number(companyId));
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
    if (t.config.redisUrl) {
      // BullMQ's keys of this run (the app's own prefix).
      const redis = new Redis(t.config.redisUrl);
      const keys = await redis.keys(`${t.config.redisKeyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });

  /** A talent of Feishu Hire, new to each test, with `existing` external applications from elsewhere. */
  const newTalent = (existing = 0): string => {
    const id = `69606632409259${String(++talents).padStart(5, '0')}`;
    fake.addTalent(id, existing);
    return id;
  };
  /** The requests the fake receives while `run` runs. */
  const requestsDuring = async (run: () => Promise<unknown>): Promise<ReceivedRequest[]> => {
    const before = fake.requests.length;
    await run();
    return fake.requests.slice(before);
  };
  const get = async (path: string, status: number) => {
    const res = await admin.get(path).expect(status);
    answers.push(res.text);
    return res.body;
  };
  const post = async (path: string, body: object, status: number) => {
    const res = await admin.post(path, body).expect(status);
    answers.push(res.text);
    return res.body;
  };
  const list = (talentId: string, status = 200) => get(`/admin/bridges/feishu/external-applications?talent_id=${talentId}`, status);
  const link = (applicationId: number, talentId: string, status = 200) => post('/admin/bridges/feishu/link', { application_id: applicationId, talent_id: talentId }, status);
  /** Lets the watcher see every status change, then waits for the queue to run the mirrors. */
  const settle = async () => {
    await t.app.get(FeishuMirrorService).scan();
    await t.app.get(BridgeQueue).drain(15_000);
  };
  const summary = (r: ReceivedRequest) => `${r.method} ${r.url.pathname}`;
  const bearer = (r: ReceivedRequest) => r.headers.authorization;
  const waitFor = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 15_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it('lists every external application of a talent, 20 a page, following page_token, with one token', async () => {
    const talentId = newTalent(45);
    const sent = await requestsDuring(async () => {
      const body = await list(talentId);
      expect(body.data).toMatchObject({ talent_id: talentId, count: 45 });
      expect(body.data.items[0]).toEqual({
        id: fake.externalApplications(talentId)[0].id,
        job_recruitment_type: 1, job_title: '外部职位1', resume_source: 'lagou', stage: '简历初筛', talent_id: talentId,
        delivery_type: 1, create_time: 1_618_500_278_644, modify_time: 1_618_500_278_645,
      });
      expect(body.data.items.map((i: { id: string }) => i.id)).toEqual(fake.externalApplications(talentId).map((a) => a.id));
    });

    expect(sent.map(summary)).toEqual([`POST ${TOKEN_PATH}`, ...Array(3).fill(`GET ${LIST_PATH}`)]);
    expect(JSON.parse(sent[0].body)).toEqual({ app_id: FAKE_FEISHU_APP_ID, app_secret: FAKE_FEISHU_APP_SECRET });
    const pages = sent.slice(1);
    expect(pages.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
      { talent_id: talentId, page_size: '20' },
      { talent_id: talentId, page_size: '20', page_token: Buffer.from(JSON.stringify({ offset: 20, timestamp: 1_627_555_223_672, id: null })).toString('base64') },
      { talent_id: talentId, page_size: '20', page_token: Buffer.from(JSON.stringify({ offset: 40, timestamp: 1_627_555_223_672, id: null })).toString('base64') },
    ]);
    expect(pages.map(bearer)).toEqual(Array(3).fill(`Bearer ${fake.issuedTokens[0]}`));

    // The cached token serves the next call; a talent without external applications is one empty page.
    const again = await requestsDuring(() => list(newTalent()).then((b) => expect(b.data).toMatchObject({ count: 0, items: [] })));
    expect(again.map(summary)).toEqual([`GET ${LIST_PATH}`]);
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it("answers Feishu's error codes clearly: 人才不存在 404, 参数错误 400, 系统异常 retried then 502", async () => {
    const missing = await list('6960663240925999999', 404);
    expect(missing).toMatchObject({ status: ErrorCode.RecordNotFound, msg: '飞书招聘中没有这个人才（talent_id 6960663240925999999）' });

    const talentId = newTalent(3);
    fake.script((r) => r.url.pathname === LIST_PATH, HIRE_ERRORS.param('page_size'));
    const refused = await list(talentId, 400);
    expect(refused).toMatchObject({ status: ErrorCode.ValidationFailed, msg: '飞书招聘认为请求参数有误：参数错误: page_size（code 1002002）' });

    fake.script((r) => r.url.pathname === LIST_PATH, HIRE_ERRORS.system());
    const retried = await requestsDuring(() => list(talentId).then((b) => expect(b.data.count).toBe(3)));
    expect(retried.map(summary)).toEqual(Array(2).fill(`GET ${LIST_PATH}`));

    const down = await requestsDuring(() => list('boom', 502).then((b) => expect(b).toMatchObject({ status: ErrorCode.PartnerUnavailable, msg: '飞书招聘 暂时不可用：系统异常（code 1002001）' })));
    expect(down).toHaveLength(4);
    // Back to a success, so the circuit breaker counts from zero again.
    await list(talentId);

    expect((await get('/admin/bridges/feishu/external-applications', 400)).msg).toBe('talent_id: 不能为空');
    expect((await get('/admin/bridges/feishu/external-applications?talent_id=a%20b', 400)).msg).toBe('talent_id: 应为飞书招聘的 ID（数字、字母、_ 或 -）');
  });

  it('fetches a new token once when Feishu refuses the cached one, and gives up after that one try', async () => {
    const talentId = newTalent(1);
    fake.expireTokens();
    const renewed = await requestsDuring(() => list(talentId));
    expect(renewed.map(summary)).toEqual([`GET ${LIST_PATH}`, `POST ${TOKEN_PATH}`, `GET ${LIST_PATH}`]);
    const [oldToken, newToken] = fake.issuedTokens.slice(-2);
    expect([bearer(renewed[0]), bearer(renewed[2])]).toEqual([`Bearer ${oldToken}`, `Bearer ${newToken}`]);

    fake.refuseAllTokens = true;
    const refused = await requestsDuring(() =>
      list(talentId, 502).then((b) => expect(b).toMatchObject({ status: ErrorCode.PartnerAuthFailed, msg: expect.stringContaining('code 99991663') })),
    );
    expect(refused.map(summary)).toEqual([`GET ${LIST_PATH}`, `POST ${TOKEN_PATH}`, `GET ${LIST_PATH}`]);
    fake.refuseAllTokens = false;

    // A refused app secret is a configuration problem, whether Feishu answers it with an error status or with a code.
    for (const status of [400, 200]) {
      fake.expireTokens();
      fake.script((r) => r.url.pathname === TOKEN_PATH, { status, body: { code: 10014, msg: 'app secret invalid' } });
      const secretRefused = await list(talentId, 502);
      expect(secretRefused).toMatchObject({ status: ErrorCode.PartnerAuthFailed, msg: expect.stringMatching(/^飞书招聘 认证失败，请检查配置：获取 tenant_access_token 失败.*app secret invalid.*10014/) });
    }
    await list(talentId);
  });

  it('waits as long as x-ogw-ratelimit-reset asks after a 429, and keeps under 20 requests a second per API', async () => {
    const talentId = newTalent(2);
    fake.rateLimitNext(1);
    const started = Date.now();
    const limited = await requestsDuring(() => list(talentId));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    // (A token request comes first when this test runs alone.)
    expect(limited.filter((r) => r.url.pathname !== TOKEN_PATH).map(summary)).toEqual(Array(2).fill(`GET ${LIST_PATH}`));

    // 3 × 10 pages at once: 30 requests of one API, spaced by the client's limiter.
    const many = newTalent(200);
    const before = Date.now();
    const bodies = await Promise.all([1, 2, 3].map(() => list(many)));
    expect(bodies.map((b) => b.data.count)).toEqual([200, 200, 200]);
    expect(Date.now() - before).toBeGreaterThanOrEqual(29 * 50);
    expect(fake.overLimit).toBe(0);
  });

  it('links an application to a talent and mirrors each status change as one external application', async () => {
    const { applicationId, resume } = await applyingWorker(t);
    const talentId = newTalent(1);
    const linked = await link(applicationId, talentId);
    expect(linked.data).toEqual({ application_id: applicationId, talent_id: talentId, external_application_id: null, last_stage: '签约申请', synced_at: null });

    const created = await requestsDuring(settle);
    expect(created.map(summary)).toEqual([`GET ${LIST_PATH}`, `POST ${LIST_PATH}`]);
    const [applied] = await t.db.getRepository(SignApplicationEvent).find({ where: { applicationId }, order: { id: 'ASC' } });
    const createBody = JSON.parse(created[1].body);
    expect(createBody).toEqual({
      external_id: String(applicationId),
      job_recruitment_type: 1,
      job_title: resume.work_pos,
      resume_source: '闪签云',
      stage: '签约申请',
      talent_id: talentId,
      delivery_type: 2,
      create_time: applied.createdAt.getTime(),
      modify_time: applied.createdAt.getTime(),
    });
    const [external] = fake.externalApplications(talentId).slice(-1);
    expect(external).toMatchObject({ external_id: String(applicationId), stage: '签约申请' });
    const view = (await get(`/admin/bridges/feishu/links/${applicationId}`, 200)).data;
    expect(view).toMatchObject({ external_application_id: external.id, last_stage: '签约申请', synced_at: expect.any(String) });
    expect(await t.db.getRepository(AuditLog).existsBy({ action: 'feishu.link', targetId: applicationId })).toBe(true);

    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    const approved = await requestsDuring(settle);
    expect(approved.map(summary)).toEqual([`PUT ${LIST_PATH}/${external.id}`]);
    const approval = await t.db.getRepository(SignApplicationEvent).findOneByOrFail({ applicationId, event: 'approved' });
    expect(JSON.parse(approved[0].body)).toEqual({ ...createBody, stage: '待签约', modify_time: approval.createdAt.getTime() });
    expect(fake.externalApplications(talentId).map((a) => a.stage)).toEqual(['简历初筛', '待签约']);

    await admin.post(`/admin/applications/${applicationId}/cancel`, { reason: '岗位已满' }).expect(200);
    const cancelled = await requestsDuring(settle);
    expect(JSON.parse(cancelled[0].body)).toMatchObject({ stage: '已取消', termination_type: 'HR 主动终止', termination_reason: '岗位已满' });
    expect((await get(`/admin/bridges/feishu/links/${applicationId}`, 200)).data.last_stage).toBe('已取消');
    expect(fake.externalApplications(talentId)).toHaveLength(2);
  });

  it('queues the mirror of a status change from its application event, without waiting for the watcher', async () => {
    const { applicationId } = await applyingWorker(t);
    const talentId = newTalent();
    await link(applicationId, talentId);
    await settle();
    // The watcher is the reconciler for events a crash lost; here it does nothing, so the event alone must carry the change.
    const watcher = jest.spyOn(t.app.get(FeishuMirrorService), 'scan').mockResolvedValue(undefined);
    try {
      const before = fake.requests.length;
      await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
      await waitFor(() => fake.requests.slice(before).some((r) => r.method === 'PUT'), 'the mirror of the approval');
      expect(fake.externalApplications(talentId).map((a) => a.stage)).toEqual(['待签约']);
      expect((await get(`/admin/bridges/feishu/links/${applicationId}`, 200)).data.last_stage).toBe('待签约');
    } finally {
      watcher.mockRestore();
    }
  });

  it('mirrors nothing twice: repeated links and quiet watcher passes send no write; a return to an earlier status is sent again', async () => {
    const { worker, resume, applicationId } = await applyingWorker(t);
    const talentId = newTalent();
    await link(applicationId, talentId);
    await settle();
    const quiet = await requestsDuring(async () => {
      await link(applicationId, talentId);
      await settle();
      await settle();
    });
    // Only the second link's check that the talent exists.
    expect(quiet.map(summary)).toEqual([`GET ${LIST_PATH}`]);

    await admin.post(`/admin/applications/${applicationId}/reject`, { reason: '材料不全' }).expect(200);
    await settle();
    await worker.putForm('/employee', resume).expect(200);
    const resubmitted = await requestsDuring(settle);
    expect(resubmitted.map(summary)).toEqual([`PUT ${LIST_PATH}/${fake.externalApplications(talentId)[0].id}`]);
    // A full overwrite: the termination of the rejection is gone with the resubmission.
    expect(JSON.parse(resubmitted[0].body)).not.toHaveProperty('termination_type');
    expect(fake.externalApplications(talentId)).toEqual([expect.objectContaining({ stage: '签约申请', external_id: String(applicationId) })]);
    expect(fake.externalApplications(talentId)[0]).not.toHaveProperty('termination_reason');

    // Linked to another talent: a new external application there; the old one stays as it was.
    const other = newTalent();
    await link(applicationId, other);
    await settle();
    expect(fake.externalApplications(other)).toEqual([expect.objectContaining({ stage: '签约申请', external_id: String(applicationId) })]);
    expect(fake.externalApplications(talentId)).toHaveLength(1);
  });

  it('finds the external application whose create answer was lost instead of creating it twice', async () => {
    const { applicationId } = await applyingWorker(t);
    const talentId = newTalent();
    fake.loseNextCreateAnswer = true;
    const sent = await requestsDuring(async () => {
      await link(applicationId, talentId);
      await settle();
    });
    // The link's check, the job's look and create (no answer), the retry's look, which finds it.
    expect(sent.map(summary)).toEqual([`GET ${LIST_PATH}`, `GET ${LIST_PATH}`, `POST ${LIST_PATH}`, `GET ${LIST_PATH}`]);
    const [external] = fake.externalApplications(talentId);
    expect(fake.externalApplications(talentId)).toHaveLength(1);
    expect((await get(`/admin/bridges/feishu/links/${applicationId}`, 200)).data).toMatchObject({ external_application_id: external.id, last_stage: '签约申请' });
  });

  it('fails a mirror Feishu refuses, shows why on the status page, and tries it again when the application is linked again', async () => {
    const { applicationId } = await applyingWorker(t);
    const talentId = newTalent();
    await link(applicationId, talentId);
    await settle();
    fake.script((r) => r.method === 'PUT', HIRE_ERRORS.noTalent());
    await admin.post(`/admin/applications/${applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    const refused = await requestsDuring(settle);
    expect(refused.map(summary)).toEqual([`PUT ${LIST_PATH}/${fake.externalApplications(talentId)[0].id}`]);
    const status = (await get('/admin/bridges/status', 200)).data.find((b: { name: string }) => b.name === 'feishu');
    expect(status).toMatchObject({ pending_jobs: 0 });
    expect(status.recent_errors[0]).toMatchObject({ operation: 'mirror', message: '人才不存在（code 1002102）' });
    expect(fake.externalApplications(talentId)[0].stage).toBe('签约申请');

    const retried = await requestsDuring(async () => {
      await link(applicationId, talentId);
      await settle();
    });
    expect(retried.map(summary)).toEqual([`GET ${LIST_PATH}`, `PUT ${LIST_PATH}/${fake.externalApplications(talentId)[0].id}`]);
    expect(fake.externalApplications(talentId)[0].stage).toBe('待签约');
  });

  it('queues the mirrors during an outage and completes them once Feishu is back, nothing lost or duplicated', async () => {
    const first = await applyingWorker(t);
    const second = await applyingWorker(t);
    const [talentA, talentB] = [newTalent(), newTalent()];
    await link(first.applicationId, talentA);
    await link(second.applicationId, talentB);
    await settle();
    const [externalA] = fake.externalApplications(talentA);
    const [externalB] = fake.externalApplications(talentB);

    fake.outage = 'down';
    const during = fake.requests.length;
    await admin.post(`/admin/applications/${first.applicationId}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    await admin.post(`/admin/applications/${second.applicationId}/reject`, { reason: '不合适' }).expect(200);
    await t.app.get(FeishuMirrorService).scan();
    // Both mirrors were tried and failed: they wait in the queue.
    await waitFor(() => new Set(fake.requests.slice(during).map((r) => r.url.pathname)).size === 2, 'both mirrors to be tried');
    const status = (await get('/admin/bridges/status', 200)).data.find((b: { name: string }) => b.name === 'feishu');
    expect(status).toMatchObject({ configured: true, pending_jobs: 2 });
    expect(status.recent_errors[0]).toMatchObject({ operation: 'mirror', message: 'HTTP 503' });

    fake.outage = null;
    const recovered = fake.requests.length;
    await t.app.get(BridgeQueue).drain(15_000);
    expect(fake.requests.slice(during, recovered).every((r) => r.method === 'PUT')).toBe(true);
    // Once back, each mirror is sent once.
    expect(fake.requests.slice(recovered).map(summary).sort()).toEqual([`PUT ${LIST_PATH}/${externalA.id}`, `PUT ${LIST_PATH}/${externalB.id}`].sort());
    expect(fake.externalApplications(talentA)).toEqual([expect.objectContaining({ id: externalA.id, stage: '待签约' })]);
    expect(fake.externalApplications(talentB)).toEqual([expect.objectContaining({ id: externalB.id, stage: '已驳回', termination_reason: '不合适' })]);
    const after = (await get('/admin/bridges/status', 200)).data.find((b: { name: string }) => b.name === 'feishu');
    expect(after.pending_jobs).toBe(0);
    const quiet = await requestsDuring(settle);
    expect(quiet).toEqual([]);
  });

  it('lets hr admins read and only super admins link', async () => {
    await t.http().get('/admin/bridges/feishu/external-applications?talent_id=1').set('X-platform-code', 'admin').expect(401);
    await admin.post('/admin/users', { username: 'hr_feishu', name: '人事飞书', role: 'hr', password: 'Hr-feishu-pass-1' }).expect(200);
    const hr = new AdminClient(t);
    const { id: hrId } = await hr.login('hr_feishu', 'Hr-feishu-pass-1');
    const { applicationId } = await applyingWorker(t);
    const talentId = newTalent(2);
    expect((await hr.get(`/admin/bridges/feishu/external-applications?talent_id=${talentId}`).expect(200)).body.data.count).toBe(2);
    expect((await hr.post('/admin/bridges/feishu/link', { application_id: applicationId, talent_id: talentId }).expect(403)).body.status).toBe(ErrorCode.AdminForbidden);
    // Not the handler of that application: its link is not theirs to see.
    expect((await t.db.getRepository(SignApplication).findOneByOrFail({ id: applicationId })).handlerId).not.toBe(hrId);
    await link(applicationId, talentId);
    await hr.get(`/admin/bridges/feishu/links/${applicationId}`).expect(404);

    expect(await link(999999, talentId, 404)).toMatchObject({ status: ErrorCode.RecordNotFound, msg: '签约申请不存在' });
    expect((await link(0, '1', 400)).msg).toBe('application_id: 不能小于 1');
    await settle();
  });

  it('never shows the app secret or a token, in answers or in the logs', async () => {
    expect(fake.issuedTokens.length).toBeGreaterThan(2);
    const logs = JSON.stringify(t.logs.lines);
    const events = JSON.stringify(await t.db.query('SELECT message FROM bridge_event'));
    const jobs = JSON.stringify(await t.db.query('SELECT payload, last_error FROM bridge_job'));
    for (const text of [logs, events, jobs, ...answers]) {
      expect(text).not.toContain(FAKE_FEISHU_APP_SECRET);
      for (const token of fake.issuedTokens) expect(text).not.toContain(token);
    }
    // The logs did see the failures above, in Feishu's words.
    expect(logs).toContain('code 1002001');
  });
}
