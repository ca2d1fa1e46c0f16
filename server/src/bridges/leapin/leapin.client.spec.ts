import { FakeLeapinServer } from '../../test/fake-leapin.server';
import { PartnerClient } from '../common/partner-client';
import { LeapinClient } from './leapin.client';

describe('LeapinClient against the fake LeapIn', () => {
  const fake = new FakeLeapinServer();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.linkBase = null;
    fake.expireTokens();
  });

  const client = (settings: { accessId?: string; accessSecret?: string } = {}) =>
    new LeapinClient(
      { baseUrl: fake.baseUrl, accessId: fake.accessId, accessSecret: fake.accessSecret, ...settings },
      new PartnerClient({ partner: 'leapin', timeoutMs: 1000, perSecond: 100, retries: 1, breaker: { threshold: 10, halfOpenAfterMs: 1000 }, backoffMs: 10 }),
    );

  it('maps the token call codes 10001-10003 to auth failures an admin can act on', async () => {
    await expect(client({ accessId: '' }).jobs({})).rejects.toMatchObject({ kind: 'permanent', authFailure: true, code: 10001, message: '缺少 access_id（LEAPIN_ACCESS_ID）' });
    await expect(client({ accessSecret: '' }).jobs({})).rejects.toMatchObject({ authFailure: true, code: 10002, message: '缺少 access_secret（LEAPIN_ACCESS_SECRET）' });
    const wrong = (await client({ accessSecret: 'not-the-secret' }).jobs({}).catch((e: Error) => e)) as Error;
    expect(wrong).toMatchObject({ authFailure: true, code: 10003, message: expect.stringContaining('access_id 或 access_secret 无效') });
    expect(wrong.message).not.toContain('not-the-secret');
    expect(fake.calls('/access_token/', 'POST')).toHaveLength(3);
  });

  it('logs in once for concurrent calls, and again once when the token is refused with HTTP 401', async () => {
    const leapin = client();
    await Promise.all([leapin.jobs({}), leapin.jobs({}), leapin.jobs({})]);
    expect(fake.calls('/access_token/', 'POST')).toHaveLength(1);
    fake.expireTokens();
    await leapin.jobs({});
    expect(fake.requests.slice(-3).map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['GET /api/open/jobs/', 'POST /api/open/access_token/', 'GET /api/open/jobs/']);
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${fake.issuedTokens.at(-1)}`);
  });

  it('gives up with an auth failure when a fresh token is refused too', async () => {
    const leapin = client();
    await leapin.jobs({});
    fake.scripted.push(...[0, 1].map(() => ({ status: 401, body: { code: 401, error_msg: 'token expired', data: null } })));
    await expect(leapin.jobs({})).rejects.toMatchObject({ kind: 'permanent', authFailure: true, httpStatus: 401 });
  });

  it('follows next links with their query only, on the configured address, whatever host they name', async () => {
    fake.linkBase = 'http://leapin-internal.invalid:8080/open';
    const { count, results } = await client().allJobs({ page_size: 3 });
    expect(count).toBe(7);
    expect(results.map((j) => j.id)).toEqual([17, 18, 19, 20, 21, 22, 23]);
    expect(fake.calls('/jobs/').map((r) => r.url.search)).toEqual(['?page_size=3', '?page_size=3&page=2', '?page_size=3&page=3']);
  });

  it('stops on a next link that leads back to a page already read', async () => {
    const leapin = client();
    await leapin.jobs({});
    const page = { count: 9, next: `${fake.baseUrl}/jobs/?page=1`, previous: null, results: [] };
    fake.scripted.push({ body: { code: 0, error_msg: '', data: { ...page, next: `${fake.baseUrl}/jobs/?page=2` } } }, { body: { code: 0, error_msg: '', data: { ...page, next: `${fake.baseUrl}/jobs/?page=2` } } });
    await expect(leapin.allJobs({ page: 1 })).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('分页链接异常') });
  });

  it('reads code != 0 as a refusal with LeapIn\'s message, and an HTML 503 as transient', async () => {
    await expect(client().invite(999, [{ name: '王小明', email: '', mobile: '13900000000' }], {})).rejects.toMatchObject({ kind: 'permanent', code: 40001, message: '错误码 40001：职位不存在' });
    fake.down = true;
    await expect(client().jobs({})).rejects.toMatchObject({ kind: 'transient', httpStatus: 503, message: 'HTTP 503' });
    fake.down = false;
  });
});
