import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@shanqian/shared';
import Redis from 'ioredis';
import { AdminClient } from './test/admin-client';
import { MiniProgramClient } from './test/api-client';
import { FAKE_LEAPIN_ACCESS_ID, FAKE_LEAPIN_ACCESS_SECRET, FakeLeapinServer } from './test/fake-leapin.server';
import { FAKE_WECHAT_APPID, FAKE_WECHAT_SECRET, FakeWechatServer } from './test/fake-wechat.server';
import { TINY_PNG, validResume } from './test/fixtures';
import { LocalS3Server } from './test/local-s3.server';
import { ServerProcess, startServerProcess } from './test/server-process';
import { APPROVAL, authorizeSealing, signaturePng, templatePdf } from './test/sign-fixtures';
import { LogCapture, mariadb, MARIADB_ROOT, TEST_REDIS_URL, TEST_SUPER_ADMIN, TestApp } from './test/test-app';
import { testCaEnv } from './test/test-ca';
import { until } from './test/until';

/**
 * Two server processes on one MariaDB, one Redis and one object store, as behind a load balancer:
 * a worker's requests land on either, alternately, and the whole flow holds; so do the limits, and
 * a queued job runs once. MariaDB only (jest.config.js): the embedded SQLite belongs to one process.
 */
jest.setTimeout(90_000);

describe('several server instances', () => {
  const dbName = `shanqian_test_${randomBytes(5).toString('hex')}`;
  const prefix = `shanqian-test:${dbName}:`;
  const shared = mkdtempSync(join(tmpdir(), 'shanqian-instances-'));
  const wechat = new FakeWechatServer();
  const leapin = new FakeLeapinServer();
  const logs = new LogCapture();
  const store = new LocalS3Server();
  let a: ServerProcess;
  let b: ServerProcess;
  /** Where the next request goes: the test moves it between the two servers, as a load balancer would. */
  let current: ServerProcess;
  const cluster = { http: () => current.http(), logs } as unknown as TestApp;
  const on = (server: ServerProcess) => (current = server);

  const deleteKeys = async (pattern: string) => {
    const redis = new Redis(TEST_REDIS_URL);
    const keys = await redis.keys(pattern);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  };

  beforeAll(async () => {
    await mariadb(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await store.start();
    await leapin.start();
    const env = {
      DATABASE_URL: `${MARIADB_ROOT}/${dbName}`,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      ...store.env(),
      DATA_KEY: randomBytes(32).toString('base64'),
      // One CA for both instances: a contract sealed on one must be issued by the CA the other trusts.
      ...testCaEnv(),
      DEV_EXPOSE_CODES: '1',
      TRUST_PROXY: 'loopback',
      WECHAT_APPID: FAKE_WECHAT_APPID,
      WECHAT_SECRET: FAKE_WECHAT_SECRET,
      WECHAT_API_BASE: await wechat.start(),
      ADMIN_BOOTSTRAP_USERNAME: TEST_SUPER_ADMIN.username,
      ADMIN_BOOTSTRAP_PASSWORD: TEST_SUPER_ADMIN.password,
      LEAPIN_BASE_URL: leapin.baseUrl,
      LEAPIN_ACCESS_ID: FAKE_LEAPIN_ACCESS_ID,
      LEAPIN_ACCESS_SECRET: FAKE_LEAPIN_ACCESS_SECRET,
      LEAPIN_PULL_INTERVAL_MS: '0',
      BRIDGE_BACKOFF_MS: '50',
    };
    // One after the other: the first migrates the empty database and creates the super admin.
    a = await startServerProcess({ ...env, DATA_DIR: join(shared, 'a') }, logs);
    b = await startServerProcess({ ...env, DATA_DIR: join(shared, 'b') }, logs);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await Promise.all([store.close(), leapin.stop(), wechat.stop()]);
    await deleteKeys(`${prefix}*`);
    await mariadb(`DROP DATABASE IF EXISTS \`${dbName}\``);
    rmSync(shared, { recursive: true, force: true });
  });

  /** The per-phone minute between SMS codes lives in Redis, shared: a test that needs a second code soon clears it. */
  const clearSmsCooldowns = () => deleteKeys(`${prefix}sms:cooldown:*`);

  it('walks a worker from login to a signed contract across both servers, alternately', async () => {
    const worker = new MiniProgramClient(cluster);
    on(a);
    await worker.login();

    on(b);
    const resume = await validResume(worker);
    // Photos went to B; A reads them through the same signed links.
    for (const field of ['id_card_front', 'id_card_back']) {
      const link = new URL(resume[field] as string);
      on(a);
      const photo = await worker.get(link.pathname + link.search).buffer(true).expect(200);
      expect(Buffer.compare(photo.body as Buffer, TINY_PNG)).toBe(0);
    }

    // The captcha comes from B, the code is asked for on A, and B accepts it with the resume.
    on(b);
    const { captcha_id, text } = await worker.captcha();
    on(a);
    await worker.postForm('/verifycode', { phone: resume.phone, captcha_code: text, captcha_id }).expect(200);
    const code = logs.events('sms.sent').filter((line) => line.phone === resume.phone).pop()!.code as string;
    // One code a minute per phone, on every server.
    on(b);
    const again = await worker.captcha();
    const tooSoon = await worker.postForm('/verifycode', { phone: resume.phone, captcha_code: again.text, captcha_id: again.captcha_id });
    expect([tooSoon.status, tooSoon.body.status]).toEqual([429, ErrorCode.SmsTooFrequent]);
    await worker.postForm('/employee', { ...resume, verify_code: code }).expect(200);

    // HR: the contract template uploaded to A and the company authorized to seal there, the approval on B.
    const admin = new AdminClient(cluster);
    on(a);
    await admin.login(TEST_SUPER_ADMIN.username, TEST_SUPER_ADMIN.password);
    const [company] = (await worker.get('/companies').expect(200)).body.data;
    const contract = await admin.request('post', '/admin/contracts').field('company_id', String(company.id)).field('contract_name', '劳动合同')
      .field('contract_body', '甲方与乙方订立劳动合同').field('sign_year', '3').attach('file', await templatePdf(), { filename: 'c.pdf', contentType: 'application/pdf' }).expect(200);
    await authorizeSealing(admin, company.id);
    on(b);
    const [row] = (await admin.get(`/admin/applications?keyword=${resume.phone}`).expect(200)).body.data.list;
    await admin.post(`/admin/applications/${row.id}/approve`, { contract_id: contract.body.data.id, ...APPROVAL }).expect(200);

    // Real-name on A, the contract read on B, signed on A with a code sent by B.
    on(a);
    await worker.request('post', '/verify/realname').expect(200);
    on(b);
    await worker.get('/sign/contract').expect(200);
    await clearSmsCooldowns();
    const signCode = await worker.smsCode(resume.phone as string);
    on(a);
    await worker.request('post', '/sign').field('verify_code', signCode).field('agree', '1')
      .attach('signature', signaturePng(), { filename: 'signature.png', contentType: 'image/png' }).expect(200);
    on(b);
    const document = (await worker.get('/sign/document').expect(200)).body.data;
    const link = new URL(document.url);
    on(a);
    const signed = await worker.get(link.pathname + link.search).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect((signed.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((await worker.get('/em_status').expect(200)).body.data.status).toBe(3);

    // A queued job (the LeapIn invitation) is run by exactly one of the two servers.
    await admin.post('/admin/bridges/leapin/invite', { job_id: 17, application_ids: [row.id] }).expect(200);
    await until(async () => leapin.calls('/jobs/17/applications/', 'POST').length > 0, 20_000);
    on(b);
    await until(async () => (await admin.get('/admin/bridges/status').expect(200)).body.data.find((s: { name: string }) => s.name === 'leapin').pending_jobs === 0, 20_000);
    expect(leapin.calls('/jobs/17/applications/', 'POST')).toHaveLength(1);
  });

  it('keeps the admin login limit across both servers', async () => {
    const clients = [a, b].map((server) => ({ server, admin: new AdminClient(cluster) }));
    for (let attempt = 0; attempt < 10; attempt++) {
      const { server, admin } = clients[attempt % 2];
      on(server);
      await admin.post('/admin/login', { username: 'limit-shared', password: 'Wrong-password-1' }).expect(401);
    }
    for (const { server, admin } of clients) {
      on(server);
      const refused = await admin.post('/admin/login', { username: 'limit-shared', password: 'Wrong-password-1' });
      expect([refused.status, refused.body.status]).toEqual([429, ErrorCode.RateLimited]);
    }
  });
});
