import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

export const FAKE_FEISHU_APP_ID = 'cli_a5fake0feishu01';
export const FAKE_FEISHU_APP_SECRET = 'fs-secret-9QvT4kLmZ2wX';

const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const APPLICATIONS_PATH = '/open-apis/hire/v1/external_applications';
/** Feishu's documented limit for each Hire API. */
const PER_SECOND = 20;

/** An external application as Feishu Hire keeps it (create/update body plus its id). */
export interface FakeExternalApplication {
  id: string;
  external_id?: string;
  job_recruitment_type?: number;
  job_title?: string;
  resume_source?: string;
  stage?: string;
  talent_id: string;
  termination_reason?: string;
  delivery_type?: number;
  modify_time?: number;
  create_time?: number;
  termination_type?: string;
}

type Reply = (status: number, body: object, headers?: Record<string, string>) => FakeAnswer;
const reply: Reply = (status, body, headers) => ({ status, body, headers });
const feishuError = (status: number, code: number, msg: string): FakeAnswer => reply(status, { code, msg });

/** The seed's error codes of the Hire API, with their HTTP statuses. */
export const HIRE_ERRORS = {
  system: () => feishuError(500, 1002001, '系统异常'),
  param: (detail: string) => feishuError(400, 1002002, `参数错误: ${detail}`),
  noTalent: () => feishuError(400, 1002102, '人才不存在'),
};

/**
 * A local stand-in for Feishu's open platform, as far as the Hire bridge uses it: the self-built
 * app's `tenant_access_token` (issued, cached by the client, refused with 99991663 once expired),
 * and the external applications of Hire (list with `page_token` pagination and at most 20 a page,
 * create, full-overwrite update) with the seed's error codes and HTTP statuses. Each API allows
 * 20 requests a second and answers more with 429, code 99991400 and `x-ogw-ratelimit-reset`.
 * Outages, refused tokens, scripted failures and lost answers are switched on by the tests; every
 * request is recorded.
 */
export class FakeFeishuServer extends FakeHttpServer {
  /** Every token handed out, oldest first. */
  readonly issuedTokens: string[] = [];
  private readonly validTokens = new Set<string>();
  private readonly talents = new Map<string, FakeExternalApplication[]>();
  private readonly scripted: { matches: (request: ReceivedRequest) => boolean; answer: FakeAnswer }[] = [];
  private readonly arrivals = new Map<string, number[]>();
  private lastId = 6_989_202_908_470_446_000n;
  /** 'down': every request gets a 503 page; 'hang': no answer at all (the client's timeout ends it). */
  outage: 'down' | 'hang' | null = null;
  /** Refuses every token, even fresh ones (a revoked app). */
  refuseAllTokens = false;
  /** Applies the next create, then never answers it: the client cannot know it happened. */
  loseNextCreateAnswer = false;
  /** 429s this fake answered because a client went over 20 requests a second on one API. */
  overLimit = 0;

  /** A talent of Feishu Hire with `existing` external applications from other systems. */
  addTalent(talentId: string, existing = 0): void {
    const applications = Array.from({ length: existing }, (_, i) => ({
      id: this.newId(),
      job_recruitment_type: 1,
      job_title: `外部职位${i + 1}`,
      resume_source: 'lagou',
      stage: '简历初筛',
      talent_id: talentId,
      delivery_type: 1,
      create_time: 1_618_500_278_644 + i,
      modify_time: 1_618_500_278_645 + i,
    }));
    this.talents.set(talentId, applications);
  }

  externalApplications(talentId: string): FakeExternalApplication[] {
    return this.talents.get(talentId) ?? [];
  }

  /** Expires every token issued so far: Feishu answers 99991663 until the client fetches a new one. */
  expireTokens(): void {
    this.validTokens.clear();
  }

  /** The next `times` requests for which `matches` holds get `answer` instead of the real thing. */
  script(matches: (request: ReceivedRequest) => boolean, answer: FakeAnswer, times = 1): void {
    for (let i = 0; i < times; i++) this.scripted.push({ matches, answer });
  }

  /** The next `times` Hire API requests are refused as over the rate limit, to retry after `resetSeconds`. */
  rateLimitNext(resetSeconds: number, times = 1): void {
    this.script((r) => r.url.pathname.startsWith(APPLICATIONS_PATH), this.rateLimited(resetSeconds), times);
  }

  /** The requests to the Hire API (the token requests left out). */
  hireRequests(): ReceivedRequest[] {
    return this.requests.filter((r) => r.url.pathname !== TOKEN_PATH);
  }

  tokenRequests(): ReceivedRequest[] {
    return this.requests.filter((r) => r.url.pathname === TOKEN_PATH);
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    if (this.outage === 'hang') return null;
    if (this.outage === 'down') return { status: 503, body: Buffer.from('<html><body>503 Service Temporarily Unavailable</body></html>'), contentType: 'text/html' };
    const scripted = this.scripted.findIndex((s) => s.matches(request));
    if (scripted >= 0) return this.scripted.splice(scripted, 1)[0].answer;
    if (request.url.pathname === TOKEN_PATH && request.method === 'POST') return this.issueToken(request);
    if (!request.url.pathname.startsWith(APPLICATIONS_PATH)) return feishuError(404, 404, 'not found');

    const auth = request.headers.authorization;
    if (!auth) return feishuError(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
    if (this.refuseAllTokens || !this.validTokens.has(auth.replace(/^Bearer /, ''))) {
      return feishuError(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    }
    if (!this.withinLimit(`${request.method} ${request.url.pathname.split('/').length > 5 ? `${APPLICATIONS_PATH}/:id` : APPLICATIONS_PATH}`)) {
      this.overLimit++;
      return this.rateLimited(1);
    }

    const path = request.url.pathname.slice(APPLICATIONS_PATH.length);
    if (request.method === 'GET' && path === '') return this.list(request.url.searchParams);
    const body = parse(request.body);
    if (!body) return HIRE_ERRORS.param('body');
    if (request.method === 'POST' && path === '') return this.create(body);
    if (request.method === 'PUT' && /^\/\d+$/.test(path)) return this.update(path.slice(1), body);
    return feishuError(404, 404, 'not found');
  }

  private issueToken(request: ReceivedRequest): FakeAnswer {
    const body = parse(request.body);
    if (!body?.app_id || !body.app_secret) return feishuError(400, 10003, 'invalid param');
    if (body.app_id !== FAKE_FEISHU_APP_ID || body.app_secret !== FAKE_FEISHU_APP_SECRET) return feishuError(400, 10014, 'app secret invalid');
    const token = `t-g1044ghJRUIJJ5ELJ${String(this.issuedTokens.length + 1).padStart(4, '0')}FAKE`;
    this.issuedTokens.push(token);
    this.validTokens.add(token);
    return reply(200, { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 });
  }

  private list(query: URLSearchParams): FakeAnswer {
    const talentId = query.get('talent_id');
    if (!talentId) return HIRE_ERRORS.param('talent_id is required');
    const pageSize = query.has('page_size') ? Number(query.get('page_size')) : 10;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 20) return HIRE_ERRORS.param('page_size');
    let offset = 0;
    const pageToken = query.get('page_token');
    if (pageToken) {
      const decoded = parse(Buffer.from(pageToken, 'base64').toString('utf8'));
      if (typeof decoded?.offset !== 'number') return HIRE_ERRORS.param('page_token');
      offset = decoded.offset;
    }
    if (talentId === 'boom') return HIRE_ERRORS.system();
    const all = this.talents.get(talentId);
    if (!all) return HIRE_ERRORS.noTalent();
    // The list shows what Feishu shows of an external application: no external_id.
    const items = all.slice(offset, offset + pageSize).map(({ external_id: _, ...item }) => item);
    const hasMore = offset + pageSize < all.length;
    const next = hasMore ? { page_token: Buffer.from(JSON.stringify({ offset: offset + pageSize, timestamp: 1_627_555_223_672, id: null })).toString('base64') } : {};
    return reply(200, { code: 0, msg: 'ok', data: { items, has_more: hasMore, ...next } });
  }

  private create(body: Record<string, unknown>): FakeAnswer {
    const problem = this.check(body);
    if (problem) return problem;
    const application = { ...(body as Omit<FakeExternalApplication, 'id'>), id: this.newId() };
    this.talents.get(application.talent_id)!.push(application);
    if (this.loseNextCreateAnswer) {
      this.loseNextCreateAnswer = false;
      return null;
    }
    return reply(200, { code: 0, msg: 'ok', data: { external_application: application } });
  }

  private update(id: string, body: Record<string, unknown>): FakeAnswer {
    const problem = this.check(body);
    if (problem) return problem;
    const applications = this.talents.get(body.talent_id as string)!;
    const index = applications.findIndex((a) => a.id === id);
    if (index < 0) return HIRE_ERRORS.param('external_application_id');
    // A full overwrite, as Feishu documents it: what the body leaves out is gone.
    applications[index] = { ...(body as Omit<FakeExternalApplication, 'id'>), id };
    return reply(200, { code: 0, msg: 'ok', data: { external_application: applications[index] } });
  }

  private check(body: Record<string, unknown>): FakeAnswer | null {
    if (typeof body.talent_id !== 'string' || !body.talent_id) return HIRE_ERRORS.param('talent_id is required');
    if (body.stage !== undefined && typeof body.stage !== 'string') return HIRE_ERRORS.param('stage');
    for (const field of ['create_time', 'modify_time', 'job_recruitment_type', 'delivery_type']) {
      if (body[field] !== undefined && !Number.isInteger(body[field])) return HIRE_ERRORS.param(field);
    }
    return this.talents.has(body.talent_id) ? null : HIRE_ERRORS.noTalent();
  }

  private rateLimited(resetSeconds: number): FakeAnswer {
    return reply(429, { code: 99991400, msg: 'request trigger frequency limit' }, { 'x-ogw-ratelimit-limit': String(PER_SECOND), 'x-ogw-ratelimit-reset': String(resetSeconds) });
  }

  /**
   * At most 20 requests of one API in any window a little under a second: the margin keeps clock
   * jitter between a client's evenly spaced requests and their arrival from counting as a breach.
   */
  private withinLimit(api: string): boolean {
    const now = Date.now();
    const recent = (this.arrivals.get(api) ?? []).filter((at) => now - at < 950);
    recent.push(now);
    this.arrivals.set(api, recent);
    return recent.length <= PER_SECOND;
  }

  private newId(): string {
    this.lastId += 1n;
    return String(this.lastId);
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
