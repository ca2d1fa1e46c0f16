import { FakeClock } from './fake-clock';
import { FakeAnswer, FakeHttpServer, ReceivedRequest } from './fake-http.server';

export const FAKE_MOKA_API_KEY = 'mk_test_5f0c1e9a7b3d';

export type FakeMokaStage = 'offer' | 'pending_checkin';

/** An application as the fake holds it: Moka's fields, plus its stage and when it moved there. */
export interface FakeMokaApplication {
  applicationId: number | string;
  stage: FakeMokaStage;
  /** ISO 8601: when the candidate moved into the stage (movedAtStartTime / movedAtEndTime, order). */
  movedAt: string;
  [field: string]: unknown;
}

export interface FakeMokaUser {
  email: string;
  name: string;
  phone: string;
  role: number;
  deactivated: number;
  [field: string]: unknown;
}

export interface FakeMokaDepartment {
  name: string;
  parent_code: string | null;
  deleted: boolean;
}

/** Moka asks for about one request a second: the least time between two requests. */
const MOKA_REQUEST_INTERVAL_MS = 1000;
const STAGE_NAMES: Record<FakeMokaStage, string> = { offer: '沟通offer', pending_checkin: '待入职' };
/** Every field Moka's syncInfo insists on ("全部为必须参数 没有传空"). */
const REQUIRED_USER_FIELDS = ['email', 'name', 'phone', 'role', 'departmentCode', 'superiorEmail', 'deactivated', 'thirdPartyId'];

let applicationSequence = 47151744;

/** A realistic application (shaped like the seed's example), with `overrides` on top. */
export function fakeMokaApplication(overrides: Partial<FakeMokaApplication> = {}): FakeMokaApplication {
  const applicationId = ++applicationSequence;
  return {
    applicationId,
    candidateId: applicationId - 18412021,
    stage: 'offer',
    movedAt: '2026-03-01T02:00:00.000Z',
    name: '张三',
    phone: '13800000000',
    email: 'zhangsan@example.com',
    gender: '男',
    birthYear: 1995,
    birthDate: '1995-06-14T16:00:00.000Z',
    nationality: '中国',
    ethnic: '汉族',
    certificateType: 1,
    citizenId: null,
    academicDegree: '本科',
    hireMode: 1,
    job: { title: '装配工', department: '生产部', jobId: '39d3d5c9-949e-40d4-8d4b-5cb247d327a8', customFields: [] },
    educationInfo: [
      { id: 34263162, startDate: '2013-09', endDate: '2017-06', school: '郑州大学', speciality: '机械工程', academicDegree: '本科', now: false },
    ],
    experienceInfo: [
      { id: 76685202, startDate: '2017-07', endDate: '2020-12', company: '富士康', title: '普工', summary: '装配线', now: false, underlingNumber: '0' },
    ],
    offer: {
      approvalStatus: 'APPROVED',
      salaryNumber: 6500,
      checkinDate: '2026-04-01T01:00:00.000Z',
      location: '郑州市',
      creator: { name: '报表_HR', email: 'hr@example.com' },
      customFields: [],
    },
    ...overrides,
  };
}

/** The seed's example answer of GET /v1/offers/custom_fields. */
export const FAKE_OFFER_CUSTOM_FIELDS = {
  social: [
    { id: 496, name: 'dmj-offer', type: 1, detail: null, hire_mode: 1 },
    { id: 281, name: '子公司', type: 6, detail: ['子公司1', '子公司2', '子公司3'], hire_mode: 2 },
    { id: 456, name: 'offer-校-年月日', type: 9, detail: null, hire_mode: 2 },
  ],
  campus: [
    { id: 273, name: '时间段4', type: 7, detail: null, hire_mode: 2 },
    { id: 276, name: '单行文本', type: 1, detail: null, hire_mode: 2 },
    { id: 277, name: '家庭住址', type: 1, detail: null, hire_mode: 2 },
  ],
};

/**
 * A local stand-in for Moka's open API (seed 002): HTTP Basic auth with the API key as user name
 * (a wrong key is answered, as Moka does, with HTTP 500 and an auth message), ehrApplications with
 * its `next` cursor (newest first, at most 20 a page) and its "服务器异常" for a stage without
 * candidates, users/syncInfo (at most 100; stops at the first refused user and names that user's
 * email in front of the reason), and the three department endpoints on a department store of its
 * own. `down`, `hang`, `throttle` and `failNext` make outages, timeouts, 429s and 5xx answers;
 * `requests` records what it received, and `tooSoon` every request that came less than a second
 * after the one before on `clock`, the clock the app under test paces its calls on.
 */
export class FakeMokaServer extends FakeHttpServer {
  apiKey = FAKE_MOKA_API_KEY;
  /** Moka's pace broken: one line per request that came too soon, never reset. */
  readonly tooSoon: string[] = [];
  private lastArrival?: number;
  readonly applications: FakeMokaApplication[] = [];
  /** By email. */
  readonly users = new Map<string, FakeMokaUser>();
  /** By department_code. */
  readonly departments = new Map<string, FakeMokaDepartment>();
  /** Emails syncInfo refuses, with Moka's reason. */
  readonly refusedEmails = new Map<string, string>();
  userSyncEnabled = true;
  /** Every request fails with HTTP 503 while true (a gateway's HTML page). */
  down = false;
  /** Every request is left unanswered while true (the client's timeout ends it). */
  hang = false;
  private throttled = 0;
  private failures: number[] = [];
  private waiters: { count: number; done: () => void }[] = [];

  constructor(readonly clock = new FakeClock()) {
    super();
  }

  /** The next `count` requests are answered 429. */
  throttle(count: number): void {
    this.throttled = count;
  }

  /** The next requests are answered with these HTTP statuses, one each. */
  failNext(...statuses: number[]): void {
    this.failures.push(...statuses);
  }

  /** Resolves once `count` requests have arrived in all (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs = 15_000): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fake Moka: ${this.requests.length} of ${count} requests after ${timeoutMs} ms`)), timeoutMs);
      this.waiters.push({ count, done: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** The requests received for one method and path, e.g. `('POST', '/v1/users/syncInfo')`. */
  received(method: string, path: string): ReceivedRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.pathname === path);
  }

  protected answer(request: ReceivedRequest): FakeAnswer {
    this.checkPace(request);
    const reached = this.waiters.filter((waiter) => this.requests.length >= waiter.count);
    this.waiters = this.waiters.filter((waiter) => !reached.includes(waiter));
    // Answered first, then the waiters learn of it: a test reacting to the request sees its answer given.
    setImmediate(() => reached.forEach((waiter) => waiter.done()));
    if (this.hang) return null;
    if (this.down) return { status: 503, body: Buffer.from('<html><body>503 Service Temporarily Unavailable</body></html>'), contentType: 'text/html' };
    const failure = this.failures.shift();
    if (failure) return { status: failure, body: { success: false, code: failure, msg: 'Bad Gateway' } };
    if (this.throttled > 0) {
      this.throttled--;
      return { status: 429, body: { success: false, code: 429, msg: '请求过于频繁', errorMessage: '请求过于频繁' } };
    }
    if (request.headers.authorization !== `Basic ${Buffer.from(`${this.apiKey}:`).toString('base64')}`) {
      return { status: 500, body: { success: false, code: 401, msg: 'Unauthorized: API Key 认证失败', errorMessage: 'Unauthorized: API Key 认证失败' } };
    }
    const route = `${request.method} ${request.url.pathname}`;
    switch (route) {
      case 'GET /v1/offers/custom_fields':
        return { body: FAKE_OFFER_CUSTOM_FIELDS };
      case 'GET /v1/data/ehrApplications':
        return this.listApplications(request.url.searchParams);
      case 'POST /v1/users/syncInfo':
        return this.syncUsers(request.body);
      case 'POST /v1/departments/sync/incremental':
        return this.addDepartments(request.body);
      case 'POST /v1/departments':
        return this.updateDepartments(request.body);
      case 'PUT /v1/departments':
        return this.replaceDepartments(request.body);
      default:
        return { status: 404, body: { success: false, errorMessage: `no route ${route}` } };
    }
  }

  /** Every request counts, whatever its answer: retries, refused keys and requests during an outage too. */
  private checkPace(request: ReceivedRequest): void {
    const now = this.clock.now();
    if (this.lastArrival !== undefined && now - this.lastArrival < MOKA_REQUEST_INTERVAL_MS) {
      this.tooSoon.push(`${request.method} ${request.url.pathname} ${now - this.lastArrival} ms after the request before`);
    }
    this.lastArrival = now;
  }

  private listApplications(query: URLSearchParams): FakeAnswer {
    const serverError: FakeAnswer = { status: 500, body: { success: false, code: 500, msg: '服务器异常', errorMessage: '服务器异常' } };
    const ids = query.get('applicationId');
    const stage = query.get('stage');
    if (!ids && !stage) return { status: 400, body: { success: false, errorMessage: 'applicationId和stage参数必须传其一' } };
    const from = query.get('movedAtStartTime');
    const to = query.get('movedAtEndTime');
    const matching = this.applications
      .filter((app) => (ids ? ids.split(',').includes(String(app.applicationId)) : stage === 'all' || app.stage === stage))
      .filter((app) => (!from || Date.parse(app.movedAt) >= Date.parse(from)) && (!to || Date.parse(app.movedAt) <= Date.parse(to)))
      .sort((a, b) => Date.parse(b.movedAt) - Date.parse(a.movedAt) || Number(b.applicationId) - Number(a.applicationId));
    const next = query.get('next');
    // Seed: "若当前查询stage阶段没有候选人会提示服务器异常".
    if (!matching.length && !next) return serverError;
    const start = next ? matching.findIndex((app) => String(app.applicationId) === next) + 1 : 0;
    if (next && start === 0) return serverError;
    const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), 20);
    const page = matching.slice(start, start + limit);
    const more = start + limit < matching.length;
    const body = {
      data: page.map(({ stage: own, movedAt: _movedAt, ...app }) => ({ ...app, stageName: STAGE_NAMES[own] })),
      ...(more ? { next: String(page[page.length - 1].applicationId) } : {}),
    };
    // Moka writes ids as JSON numbers, however long: ids held as digit strings go out as numbers too.
    return { body: Buffer.from(JSON.stringify(body).replace(/"applicationId":"(\d+)"/g, '"applicationId":$1')) };
  }

  private syncUsers(raw: string): FakeAnswer {
    const refuse = (errorMessage: string): FakeAnswer => ({ body: { success: false, errorMessage } });
    if (!this.userSyncEnabled) return refuse('未开启人事信息同步开关');
    const users = (parse(raw) as { usersInfo?: unknown })?.usersInfo;
    if (!Array.isArray(users)) return refuse('参数格式错误');
    if (users.length > 100) return refuse('每次最多同步100个用户');
    for (const user of users as FakeMokaUser[]) {
      const prefix = user.email || String(user.number ?? '');
      if (!prefix) return refuse('邮箱和工号不能同时为空');
      if (REQUIRED_USER_FIELDS.some((field) => user[field] === undefined || user[field] === null)) return refuse(`${prefix}: 缺少必须参数`);
      if (!Array.isArray(user.departmentCode)) return refuse(`${prefix}: 参数格式错误`);
      const refused = this.refusedEmails.get(user.email);
      // Moka stops at the first refused user: the ones before it are synced already.
      if (refused) return refuse(`${prefix}: ${refused}`);
      this.users.set(user.email, { ...this.users.get(user.email), ...user });
    }
    return { body: { success: true } };
  }

  private addDepartments(raw: string): FakeAnswer {
    const list = departmentList(raw);
    if (typeof list === 'string') return { body: { success: false, errorMessage: list } };
    const codes = new Set<string>();
    for (const dept of list) {
      if (codes.has(dept.department_code) || this.departments.has(dept.department_code)) {
        return { body: { success: false, errorMessage: `部门名称: ${dept.name}, 编号${dept.department_code}的部门编号重复` } };
      }
      codes.add(dept.department_code);
      const sibling = [...this.departments.values()].find((d) => !d.deleted && d.name === dept.name && (d.parent_code ?? '') === (dept.parent_code ?? ''));
      if (sibling) return { body: { success: false, errorMessage: `部门名称${dept.name},父编号${dept.parent_code ?? ''}的部门名称已存在` } };
      if (dept.parent_code && !codes.has(dept.parent_code) && !this.departments.has(dept.parent_code)) return { body: { success: false, errorMessage: '父级部门未找到' } };
    }
    for (const dept of list) this.departments.set(dept.department_code, { name: dept.name, parent_code: dept.parent_code || null, deleted: false });
    return { body: { success: true } };
  }

  private updateDepartments(raw: string): FakeAnswer {
    const list = departmentList(raw);
    const refuse = (code: number, msg: string): FakeAnswer => ({ body: { code, msg, success: false, errorMessage: msg, data: {} } });
    if (typeof list === 'string') return refuse(625000, list);
    const unknown = list.find((dept) => !this.departments.has(dept.department_code));
    if (unknown) return refuse(625012, `department_code(${unknown.department_code})在系统中不存在`);
    for (const dept of list) this.departments.set(dept.department_code, { name: dept.name, parent_code: dept.parent_code || null, deleted: false });
    return { body: { code: 0, msg: '成功', success: true, errorMessage: '', data: {} } };
  }

  private replaceDepartments(raw: string): FakeAnswer {
    const list = departmentList(raw);
    if (typeof list === 'string') return { body: { success: false, errorMessage: list } };
    const codes = new Set(list.map((dept) => dept.department_code));
    if (codes.size !== list.length) return { body: { success: false, errorMessage: '部门 ID 重复' } };
    if (list.some((dept) => dept.parent_code && !codes.has(dept.parent_code))) return { body: { success: false, errorMessage: '父级部门未找到' } };
    const result = { new: 0, delete: 0, update: 0 };
    for (const dept of list) {
      const known = this.departments.get(dept.department_code);
      if (!known) result.new++;
      else if (known.deleted || known.name !== dept.name || (known.parent_code ?? '') !== (dept.parent_code ?? '')) result.update++;
      this.departments.set(dept.department_code, { name: dept.name, parent_code: dept.parent_code || null, deleted: false });
    }
    for (const [code, dept] of this.departments) {
      if (!codes.has(code) && !dept.deleted) {
        dept.deleted = true;
        result.delete++;
      }
    }
    return { body: { success: true, result } };
  }
}

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** A department list as Moka checks it, or its error message. */
function departmentList(raw: string): { department_code: string; name: string; parent_code: string | null }[] | string {
  const list = parse(raw);
  if (!Array.isArray(list)) return '参数格式错误';
  for (const dept of list) {
    if (!dept || typeof dept.department_code !== 'string' || !dept.department_code || typeof dept.name !== 'string' || !dept.name || !('parent_code' in dept)) {
      return '缺少必须参数';
    }
  }
  return list;
}
