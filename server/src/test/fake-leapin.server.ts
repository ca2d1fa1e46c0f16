import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

export const FAKE_LEAPIN_ACCESS_ID = 'leapin-access-id-7f3a';
export const FAKE_LEAPIN_ACCESS_SECRET = 'leapin-access-secret-c9d2e1';
/** The API lives under this path, as LeapIn's does (https://app.leapin-ai.com/api/open). */
export const FAKE_LEAPIN_PREFIX = '/api/open';

export interface FakeLeapinApplication {
  id: number;
  job_id: number;
  unique_id?: number;
  name: string;
  email: string;
  mobile: string;
  mobile_country_code: string;
  gender?: number;
  status: number;
  report_status: number;
  create_time: string;
  invite_time: string;
  submit_time: string;
  leapin_total_score: number | null;
  leapin_rank: number | null;
  leapin_report_url: string | null;
  interview_url: string;
}

/**
 * LeapIn's open API as its documentation describes it: POST /access_token/ answering codes
 * 10001-10003, bearer tokens with the x-leapin-open-api-access-id header (HTTP 401 for an unknown or
 * expired token), `{code, error_msg, data}` answers, pages with absolute `next`/`previous` links
 * (written on `linkBase`, which may be another host than the one asked), GET /jobs/, POST
 * /jobs/<id>/applications/ and GET /jobs/applications/ with its filters. Tests script outages,
 * 429s with Retry-After and silences, and read every request.
 */
export class FakeLeapinServer extends FakeHttpServer {
  accessId = FAKE_LEAPIN_ACCESS_ID;
  accessSecret = FAKE_LEAPIN_ACCESS_SECRET;
  /** Every token issued; only those in `valid` are accepted. */
  readonly issuedTokens: string[] = [];
  private readonly valid = new Set<string>();
  /** Where `next`/`previous` links point: by default this server; a test may name another host. */
  linkBase: string | null = null;
  /** The largest page LeapIn serves, whatever page_size asks. */
  maxPageSize = 100;
  /** While true every request, the token call included, answers 503. */
  down = false;
  /** Answers for the next requests after the token call (null: never answer). */
  readonly scripted: FakeAnswer[] = [];

  readonly jobs = Array.from({ length: 7 }, (_, i) => ({ id: 17 + i, name: ['python开发工程师', '普工', '仓储物流', '质检员', '叉车司机', '客服专员', '电工'][i], create_time: '2026-01-05 20:00:00', status: i === 6 ? 1 : 0 }));
  readonly applications: FakeLeapinApplication[] = [];
  private url = '';

  override async start(): Promise<string> {
    this.url = await super.start();
    return this.url;
  }

  /** The value for LEAPIN_BASE_URL. */
  get baseUrl(): string {
    return `${this.url}${FAKE_LEAPIN_PREFIX}`;
  }

  /** Every token issued so far stops working, as they do when they expire. */
  expireTokens(): void {
    this.valid.clear();
  }

  /** The requests to one path under the prefix, e.g. '/jobs/'. */
  calls(path: string, method = 'GET'): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.pathname === `${FAKE_LEAPIN_PREFIX}${path}`);
  }

  /** LeapIn's reviewers at work: the interview is submitted, the report written. */
  assess(id: number, outcome: Partial<Pick<FakeLeapinApplication, 'status' | 'report_status' | 'leapin_total_score' | 'leapin_rank' | 'leapin_report_url'>>): void {
    Object.assign(this.applications.find((a) => a.id === id)!, outcome);
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    if (this.down) return { status: 503, body: Buffer.from('<html><body>503 Service Temporarily Unavailable</body></html>'), contentType: 'text/html' };
    const path = request.url.pathname.startsWith(FAKE_LEAPIN_PREFIX) ? request.url.pathname.slice(FAKE_LEAPIN_PREFIX.length) : null;
    if (path === '/access_token/' && request.method === 'POST') return this.token(request);
    if (this.scripted.length) return this.scripted.shift()!;
    const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (request.headers['x-leapin-open-api-access-id'] !== this.accessId || !token || !this.valid.has(token)) {
      return { status: 401, body: { code: 401, error_msg: '身份认证信息未提供或已过期', data: null } };
    }
    const invite = path && /^\/jobs\/(\d+)\/applications\/$/.exec(path);
    if (request.method === 'GET' && path === '/jobs/') return this.page(request, this.jobs);
    if (request.method === 'GET' && path === '/jobs/applications/') return this.page(request, this.filtered(request.url.searchParams).map(({ job_id: _j, unique_id: _u, gender: _g, interview_url: _i, ...shown }) => shown));
    if (request.method === 'POST' && invite) return this.invite(Number(invite[1]), request.body);
    return { status: 404, body: { code: 404, error_msg: 'Not found.', data: null } };
  }

  private token(request: ReceivedRequest): FakeAnswer {
    const body = JSON.parse(request.body || '{}') as { access_id?: string; access_secret?: string };
    if (!body.access_id) return { body: { code: 10001, error_msg: '缺少access_id', token: '' } };
    if (!body.access_secret) return { body: { code: 10002, error_msg: '缺少access_secret', token: '' } };
    if (body.access_id !== this.accessId || body.access_secret !== this.accessSecret) return { body: { code: 10003, error_msg: '无效的access_id或access_secret', token: '' } };
    const token = `eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.fake${this.issuedTokens.length + 1}.${Math.random().toString(36).slice(2)}`;
    this.issuedTokens.push(token);
    this.valid.add(token);
    return { body: { code: 0, error_msg: '', token } };
  }

  private page(request: ReceivedRequest, all: object[]): FakeAnswer {
    const query = request.url.searchParams;
    const page = Number(query.get('page') ?? 1);
    const size = Math.min(Number(query.get('page_size') ?? 10), this.maxPageSize);
    if (!(page >= 1) || !(size >= 1) || (page - 1) * size > Math.max(all.length - 1, 0)) {
      return { status: 404, body: { code: 404, error_msg: '无效页面。', data: null } };
    }
    const link = (n: number) => {
      const url = new URL(`${this.linkBase ?? this.baseUrl}${request.url.pathname.slice(FAKE_LEAPIN_PREFIX.length)}`);
      query.forEach((value, key) => url.searchParams.set(key, value));
      url.searchParams.set('page', String(n));
      return url.toString();
    };
    return {
      body: {
        code: 0,
        error_msg: '',
        data: { count: all.length, next: page * size < all.length ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results: all.slice((page - 1) * size, page * size) },
      },
    };
  }

  private filtered(query: URLSearchParams): FakeLeapinApplication[] {
    return this.applications.filter((a) =>
      (['job_id', 'status', 'report_status'] as const).every((key) => !query.has(key) || String(a[key]) === query.get(key)),
    );
  }

  private invite(jobId: number, raw: string): FakeAnswer {
    if (!this.jobs.some((j) => j.id === jobId)) return { body: { code: 40001, error_msg: '职位不存在', data: null } };
    const body = JSON.parse(raw || '{}') as { candidate_list?: Partial<FakeLeapinApplication>[] };
    const list = body.candidate_list;
    if (!Array.isArray(list) || !list.length) return { body: { code: 40002, error_msg: 'candidate_list不能为空', data: null } };
    for (const c of list) {
      if (!c.name || typeof c.email !== 'string' || !c.mobile) return { body: { code: 40003, error_msg: '候选人姓名、邮箱、手机为必填项', data: null } };
    }
    const now = '2026-11-23 10:00:00';
    const created = list.map((c) => {
      const id = 900 + this.applications.length + 1;
      const application: FakeLeapinApplication = {
        id, job_id: jobId, unique_id: c.unique_id, name: c.name!, email: c.email!, mobile: c.mobile!, mobile_country_code: c.mobile_country_code ?? '86', gender: c.gender,
        status: 0, report_status: 0, create_time: now, invite_time: now, submit_time: '',
        leapin_total_score: null, leapin_rank: null, leapin_report_url: null, interview_url: `https://app.leapin-ai.com/interview/${id}?code=x${id}`,
      };
      this.applications.push(application);
      return { id, unique_id: c.unique_id, interview_url: application.interview_url, invite_code: `x${id}`, create_date: now, status: 0, report_status: 0 };
    });
    return { body: { code: 0, error_msg: '', data: created.length === 1 ? created[0] : created } };
  }
}
