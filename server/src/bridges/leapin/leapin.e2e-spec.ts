import { AuditLog } from '../../admin/audit-log.entity';
import { ageOn } from '../../employee/id-number';
import { AdminClient } from '../../test/admin-client';
import { FAKE_LEAPIN_ACCESS_ID, FAKE_LEAPIN_ACCESS_SECRET, FakeLeapinServer } from '../../test/fake-leapin.server';
import { residentId } from '../../test/fixtures';
import { applyingWorker } from '../../test/sign-fixtures';
import { startTestApp, TestApp } from '../../test/test-app';
import { until } from '../../test/until';
import { BridgeQueue } from '../common/bridge-queue';
import { LeapinInvite } from './leapin-invite.entity';

/** One applicant as LeapIn should receive them. */
interface Applicant {
  applicationId: number;
  employeeId: number;
  name: string;
  phone: string;
}

describe('LeapIn bridge', () => {
  const fake = new FakeLeapinServer();
  let t: TestApp;
  let admin: AdminClient;
  let queue: BridgeQueue;
  const applicants: Applicant[] = [];

  async function applicant(overrides: Record<string, unknown> = {}): Promise<Applicant> {
    const { resume, applicationId } = await applyingWorker(t, overrides);
    const [{ em_id }] = await t.db.query('SELECT em_id FROM sign_apply WHERE id = ?', [applicationId]);
    return { applicationId, employeeId: Number(em_id), name: resume.real_name as string, phone: resume.phone as string };
  }

  const invitesTo = (jobId: number) => fake.calls(`/jobs/${jobId}/applications/`, 'POST');
  const leapinStatus = async () => (await admin.get('/admin/bridges/status').expect(200)).body.data.find((b: { name: string }) => b.name === 'leapin');

  beforeAll(async () => {
    await fake.start();
    t = await startTestApp({
      LEAPIN_BASE_URL: fake.baseUrl,
      LEAPIN_ACCESS_ID: FAKE_LEAPIN_ACCESS_ID,
      LEAPIN_ACCESS_SECRET: FAKE_LEAPIN_ACCESS_SECRET,
      LEAPIN_PULL_INTERVAL_MS: '0',
      BRIDGE_TIMEOUT_MS: '1000',
      BRIDGE_BACKOFF_MS: '50',
      BRIDGE_QUEUE_POLL_MS: '50',
    });
    admin = await AdminClient.superAdmin(t);
    queue = t.app.get(BridgeQueue);
    applicants.push(await applicant({ real_name: '王小明' }));
    applicants.push(await applicant({ real_name: '李小红', gender: 2, id_number: residentId('1996-03-08', false), age: ageOn('1996-03-08') }));
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('lists LeapIn\'s jobs page by page with one token, its headers, and the next links kept on the configured address', async () => {
    fake.linkBase = 'http://leapin-internal.invalid/open';
    const res = await admin.get('/admin/bridges/leapin/jobs?page_size=3').expect(200);
    fake.linkBase = null;
    expect(res.body.data.count).toBe(7);
    expect(res.body.data.results[0]).toEqual({ id: 17, name: 'python开发工程师', create_time: '2026-01-05 20:00:00', status: 0 });
    expect(res.body.data.results).toHaveLength(7);

    const [login] = fake.calls('/access_token/', 'POST');
    expect(login.headers['content-type']).toBe('application/json');
    expect(JSON.parse(login.body)).toEqual({ access_id: FAKE_LEAPIN_ACCESS_ID, access_secret: FAKE_LEAPIN_ACCESS_SECRET });
    const pages = fake.calls('/jobs/');
    expect(pages.map((r) => r.url.search)).toEqual(['?page_size=3', '?page_size=3&page=2', '?page_size=3&page=3']);
    for (const page of pages) {
      expect(page.headers).toMatchObject({ 'x-leapin-open-api-access-id': FAKE_LEAPIN_ACCESS_ID, authorization: `Bearer ${fake.issuedTokens[0]}`, 'content-type': 'application/json' });
    }

    // hr may read the list too; the token is reused.
    await admin.post('/admin/users', { username: 'hr_leapin', name: '人事', role: 'hr', password: 'Hr-secret-2026' }).expect(200);
    const hr = new AdminClient(t);
    await hr.login('hr_leapin', 'Hr-secret-2026');
    await hr.get('/admin/bridges/leapin/jobs').expect(200);
    expect(fake.calls('/access_token/', 'POST')).toHaveLength(1);
    await hr.post('/admin/bridges/leapin/invite', { job_id: 17, application_ids: [applicants[0].applicationId] }).expect(403);
    await hr.post('/admin/bridges/leapin/pull').expect(403);
  });

  it('logs in again once when LeapIn says the token expired', async () => {
    fake.expireTokens();
    fake.requests.length = 0;
    await admin.get('/admin/bridges/leapin/jobs').expect(200);
    expect(fake.requests.map((r) => `${r.method} ${r.url.pathname} ${r.headers.authorization ?? ''}`)).toEqual([
      `GET /api/open/jobs/ Bearer ${fake.issuedTokens[0]}`,
      'POST /api/open/access_token/ ',
      `GET /api/open/jobs/ Bearer ${fake.issuedTokens[1]}`,
    ]);
  });

  it('waits as long as a 429\'s Retry-After asks, and answers 502 18002 when LeapIn stays down', async () => {
    fake.scripted.push({ status: 429, body: { code: 429, error_msg: '请求过于频繁', data: null }, headers: { 'Retry-After': '1' } });
    const started = Date.now();
    await admin.get('/admin/bridges/leapin/jobs').expect(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

    fake.down = true;
    const res = await admin.get('/admin/bridges/leapin/jobs').expect(502);
    fake.down = false;
    expect(res.body).toMatchObject({ status: 18002, msg: 'LeapIn 暂时不可用：HTTP 503' });
    expect((await leapinStatus()).recent_errors[0]).toEqual({ at: expect.any(String), operation: 'jobs.list', message: 'HTTP 503' });
  });

  it('answers 502 18004 when LeapIn refuses the credentials', async () => {
    fake.accessSecret = 'rotated-secret';
    fake.expireTokens();
    const res = await admin.get('/admin/bridges/leapin/jobs').expect(502);
    fake.accessSecret = FAKE_LEAPIN_ACCESS_SECRET;
    expect(res.body).toMatchObject({ status: 18004, msg: 'LeapIn 认证失败，请检查配置：access_id 或 access_secret 无效，请检查 LEAPIN_ACCESS_ID / LEAPIN_ACCESS_SECRET' });
  });

  it('invites applicants through the queue with the documented candidate fields, once per person and job', async () => {
    const [man, woman] = applicants;
    const body = { job_id: 17, application_ids: [man.applicationId, woman.applicationId], trigger_notice: true, expire_days: 3 };
    const res = await admin.post('/admin/bridges/leapin/invite', body).expect(200);
    expect(res.body.data).toEqual({ job_id: 17, queued: [man.applicationId, woman.applicationId], already_invited: [] });
    await queue.drain(10_000);

    expect(invitesTo(17).map((r) => JSON.parse(r.body))).toEqual([
      { candidate_list: [{ unique_id: man.employeeId, name: '王小明', email: '', mobile: man.phone, mobile_country_code: '86', gender: 0 }], trigger_notice: true, expire_days: 3 },
      { candidate_list: [{ unique_id: woman.employeeId, name: '李小红', email: '', mobile: woman.phone, mobile_country_code: '86', gender: 1 }], trigger_notice: true, expire_days: 3 },
    ]);
    for (const r of invitesTo(17)) expect(r.headers).toMatchObject({ 'x-leapin-open-api-access-id': FAKE_LEAPIN_ACCESS_ID, authorization: expect.stringMatching(/^Bearer /) });
    const rows = await t.db.getRepository(LeapinInvite).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.applicationId, r.employeeId, r.jobId, r.leapinApplicationId, r.interviewUrl, r.status, r.reportStatus])).toEqual(
      fake.applications.map((a) => [[man, woman].find((p) => p.employeeId === a.unique_id)!.applicationId, a.unique_id, 17, a.id, a.interview_url, 0, 0]),
    );

    // Again, even as the same list twice in one request: nothing more reaches LeapIn.
    const again = await admin.post('/admin/bridges/leapin/invite', { ...body, application_ids: [woman.applicationId, man.applicationId, woman.applicationId] }).expect(200);
    expect(again.body.data).toEqual({ job_id: 17, queued: [], already_invited: [woman.applicationId, man.applicationId] });
    await queue.drain(10_000);
    expect(invitesTo(17)).toHaveLength(2);

    const detail = (await admin.get(`/admin/applications/${man.applicationId}`).expect(200)).body.data;
    expect(detail.leapin).toEqual([{
      job_id: 17, leapin_application_id: rows[0].leapinApplicationId, interview_url: rows[0].interviewUrl, status: 0, report_status: 0,
      leapin_total_score: null, leapin_rank: null, leapin_report_url: null, invited_at: expect.any(String), pulled_at: null,
    }]);
    const audit = await t.db.getRepository(AuditLog).find({ where: { action: 'leapin.invite' }, order: { id: 'ASC' } });
    expect(audit.map((a) => JSON.parse(a.detail!))).toEqual([res.body.data, again.body.data]);
  });

  it('keeps an invitation queued through a LeapIn outage and sends it exactly once when LeapIn is back', async () => {
    const late = await applicant({ real_name: '赵晚到' });
    applicants.push(late);
    fake.down = true;
    await admin.post('/admin/bridges/leapin/invite', { job_id: 18, application_ids: [late.applicationId] }).expect(200);
    await admin.post('/admin/bridges/leapin/invite', { job_id: 18, application_ids: [late.applicationId] }).expect(200);
    await until(async () => (await leapinStatus()).recent_errors[0]?.operation === 'invite');
    const during = await leapinStatus();
    expect(during).toMatchObject({ configured: true, pending_jobs: 1 });
    expect(during.recent_errors[0]).toMatchObject({ operation: 'invite', message: expect.stringMatching(/^(HTTP 503|连续失败)/) });

    fake.down = false;
    const refused = invitesTo(18).length;
    expect(refused).toBeGreaterThanOrEqual(1);
    await queue.drain(20_000);
    // The attempts during the outage were answered 503; after it, exactly one invitation went through.
    expect(invitesTo(18)).toHaveLength(refused + 1);
    expect(fake.applications.filter((a) => a.unique_id === late.employeeId)).toHaveLength(1);
    const row = await t.db.getRepository(LeapinInvite).findOneByOrFail({ employeeId: late.employeeId, jobId: 18 });
    expect(row.leapinApplicationId).toBe(fake.applications.find((a) => a.unique_id === late.employeeId)!.id);
    expect((await leapinStatus()).pending_jobs).toBe(0);
  });

  it('fails an invitation LeapIn refuses without retrying it, and shows why', async () => {
    const before = fake.requests.length;
    await admin.post('/admin/bridges/leapin/invite', { job_id: 999, application_ids: [applicants[0].applicationId] }).expect(200);
    await queue.drain(10_000);
    expect(fake.requests.slice(before).filter((r) => r.method === 'POST' && r.url.pathname.endsWith('/applications/'))).toHaveLength(1);
    const status = await leapinStatus();
    expect(status.recent_errors[0]).toMatchObject({ operation: 'invite', message: '错误码 40001：职位不存在' });
    expect(status.pending_jobs).toBe(0);
    const row = await t.db.getRepository(LeapinInvite).findOneByOrFail({ employeeId: applicants[0].employeeId, jobId: 999 });
    expect(row.leapinApplicationId).toBeNull();
  });

  it('pulls the interview outcomes of the invited people, page by page, into the application detail', async () => {
    fake.maxPageSize = 1;
    const [man, woman] = applicants;
    const manId = fake.applications.find((a) => a.unique_id === man.employeeId && a.job_id === 17)!.id;
    fake.assess(manId, { status: 1, report_status: 3, leapin_total_score: 75.5, leapin_rank: 3, leapin_report_url: 'https://app.leapin-ai.com/report/abc' });
    fake.requests.length = 0;

    const res = await admin.post('/admin/bridges/leapin/pull').expect(200);
    fake.maxPageSize = 100;
    expect(res.body.data).toEqual({ jobs: 2, invites: 3, updated: 1 });
    expect(fake.calls('/jobs/applications/').map((r) => r.url.search)).toEqual([
      '?job_id=17&page_size=100', '?job_id=17&page_size=100&page=2', '?job_id=18&page_size=100',
    ]);

    const detail = (await admin.get(`/admin/applications/${man.applicationId}`).expect(200)).body.data;
    expect(detail.leapin).toEqual([expect.objectContaining({
      job_id: 17, leapin_application_id: manId, status: 1, report_status: 3, leapin_total_score: '75.50', leapin_rank: 3,
      leapin_report_url: 'https://app.leapin-ai.com/report/abc', pulled_at: expect.any(String),
    }), expect.objectContaining({ job_id: 999, leapin_application_id: null, pulled_at: null })]);
    const other = (await admin.get(`/admin/applications/${woman.applicationId}`).expect(200)).body.data;
    expect(other.leapin[0]).toMatchObject({ status: 0, report_status: 0, leapin_total_score: null });

    // Nothing new at LeapIn: nothing changes.
    expect((await admin.post('/admin/bridges/leapin/pull').expect(200)).body.data).toEqual({ jobs: 2, invites: 3, updated: 0 });
  });

  it('checks the invitation body', async () => {
    const bad = (body: object) => admin.post('/admin/bridges/leapin/invite', body).expect(400);
    expect((await bad({ job_id: 17, application_ids: [] })).body.msg).toBe('application_ids: 至少 1 个');
    expect((await bad({ application_ids: [1] })).body.msg).toBe('job_id: 不能为空');
    expect((await bad({ job_id: 17, application_ids: [1], expire_days: 0 })).body.msg).toBe('expire_days: 不能小于 1');
    const missing = await admin.post('/admin/bridges/leapin/invite', { job_id: 17, application_ids: [987654] }).expect(404);
    expect(missing.body).toMatchObject({ status: 16005, msg: '签约申请不存在：987654' });
  });

  it('never writes the access secret or a token into the logs or an answer', async () => {
    const status = JSON.stringify((await admin.get('/admin/bridges/status').expect(200)).body);
    const logs = JSON.stringify(t.logs.lines);
    expect(fake.issuedTokens.length).toBeGreaterThan(1);
    for (const secret of [FAKE_LEAPIN_ACCESS_SECRET, ...fake.issuedTokens]) {
      expect(logs).not.toContain(secret);
      expect(status).not.toContain(secret);
    }
  });
});
