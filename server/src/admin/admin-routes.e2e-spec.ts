import { Reflector } from '@nestjs/core';
import { EnabledFlag, ERROR_CODES, ErrorCode, HEADER } from '@shanqian/shared';
import { IS_PUBLIC } from '../auth/public.decorator';
import { UserSession } from '../auth/user-session.entity';
import { sha256Hex } from '../common/crypto/secrets.service';
import { isBackOfficePath, RegisteredRoute } from '../common/registered-routes';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { appRoutes, routeName } from '../test/app-routes';
import { startTestApp, TestApp } from '../test/test-app';
import { ADMIN_ROLES } from './admin-route.decorator';
import { AdminRole, AdminUser } from './admin-user.entity';

/** Requests in flight at once: enough to keep the test quick, few enough for a 2-core machine. */
const CONCURRENCY = 4;

type Headers = Record<string, string>;

interface Answer {
  http: number;
  body: { status?: number; msg?: unknown; data?: unknown };
}

/** Codes that mean "refused for who you are": none of them may answer a worker outside /admin/. */
const REFUSALS = [ErrorCode.AuthTokenMissing, ErrorCode.AuthTokenInvalid, ErrorCode.AdminPlatformRequired, ErrorCode.AdminDisabled, ErrorCode.AdminForbidden];

const reflector = new Reflector();
const metadata = <T>(key: string, route: RegisteredRoute) => reflector.getAllAndOverride<T | undefined>(key, [route.handler, route.controller]);
const isPublic = (route: RegisteredRoute) => metadata<boolean>(IS_PUBLIC, route) === true;
const superOnly = (route: RegisteredRoute) => metadata<AdminRole[]>(ADMIN_ROLES, route)?.includes('hr') === false;

async function eachAtMost<T>(limit: number, items: T[], work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

/** A refusal as the envelope says it: the code's own HTTP status, its code, a message, no data. */
const isRefusal = ({ http, body }: Answer, code: ErrorCode) => http === ERROR_CODES[code].http && body.status === code && typeof body.msg === 'string' && body.data === null;

type Route = Pick<RegisteredRoute, 'method' | 'path'>;

interface Check {
  route: Route;
  who: string;
  headers: () => Headers;
  code: ErrorCode;
}

describe('the back office denies by default: every route under /admin/, found by enumeration', () => {
  let t: TestApp;
  let routes: RegisteredRoute[];
  let worker: MiniProgramClient;
  let superAdmin: AdminClient;
  let hr: AdminClient;
  let disabled: AdminClient;

  const call = async (route: Route, headers: Headers): Promise<Answer> => {
    const url = route.path.replace(/:\w+/g, '1');
    const res = await t.http()[route.method.toLowerCase() as 'get'](url).set(headers);
    return { http: res.status, body: res.body };
  };
  const platform = (code: string): Headers => ({ [HEADER.platformCode]: code });
  const workerToken = (): Headers => ({ [HEADER.authToken]: worker.token! });
  const bearer = (client: AdminClient): Headers => ({ Authorization: `Bearer ${client.token}` });
  /** The checks not answered with their refusal, described. */
  const misanswered = async (checks: Check[]): Promise<string[]> => {
    const wrong: string[] = [];
    await eachAtMost(CONCURRENCY, checks, async ({ route, who, headers, code }) => {
      const answer = await call(route, headers());
      if (!isRefusal(answer, code)) wrong.push(`${routeName(route)} with ${who}: ${answer.http} ${JSON.stringify(answer.body)}, expected ${code}`);
    });
    return wrong;
  };

  beforeAll(async () => {
    t = await startTestApp({ PLATFORM_CODES: 'wxmp,admin,h5' });
    routes = appRoutes(t);
    worker = new MiniProgramClient(t);
    await worker.login();
    superAdmin = await AdminClient.superAdmin(t);
    const password = 'Hr-password-123';
    const admins = t.db.getRepository(AdminUser);
    for (const username of ['routes_hr', 'routes_disabled']) await superAdmin.post('/admin/users', { username, name: username, role: 'hr', password }).expect(200);
    hr = new AdminClient(t);
    await hr.login('routes_hr', password);
    disabled = new AdminClient(t);
    await disabled.login('routes_disabled', password);
    // Behind the server's back, so that the session outlives the admin's status (disabling through the API ends it).
    await admins.update({ username: 'routes_disabled' }, { status: EnabledFlag.Disabled });
  });
  afterAll(() => t.close());

  const backOffice = () => routes.filter((route) => isBackOfficePath(route.path));
  const elsewhere = () => routes.filter((route) => !isBackOfficePath(route.path));

  it('finds the whole back office, and only the admin login is public in it', () => {
    expect(backOffice().length).toBeGreaterThanOrEqual(30);
    expect(elsewhere().length).toBeGreaterThanOrEqual(10);
    expect(backOffice().filter(isPublic).map(routeName)).toEqual(['POST /admin/login']);
    expect(backOffice().filter(superOnly).length).toBeGreaterThanOrEqual(10);
  });

  it('refuses, on every /admin/ route, anyone but an enabled admin of the right role on the admin platform', async () => {
    const cases: (Omit<Check, 'route'> & { applies?: (route: RegisteredRoute) => boolean })[] = [
      { who: 'no token', headers: () => platform('admin'), code: ErrorCode.AuthTokenMissing },
      { who: 'a worker token on wxmp', headers: () => ({ ...platform('wxmp'), ...workerToken() }), code: ErrorCode.AdminPlatformRequired },
      { who: 'a worker token on admin', headers: () => ({ ...platform('admin'), ...workerToken() }), code: ErrorCode.AuthTokenMissing },
      { who: 'a worker token as Bearer on admin', headers: () => ({ ...platform('admin'), Authorization: `Bearer ${worker.token}` }), code: ErrorCode.AuthTokenInvalid },
      { who: 'a super admin on wxmp', headers: () => ({ ...platform('wxmp'), ...bearer(superAdmin) }), code: ErrorCode.AdminPlatformRequired },
      { who: 'a disabled admin', headers: () => ({ ...platform('admin'), ...bearer(disabled) }), code: ErrorCode.AdminDisabled },
      { who: 'an hr admin', headers: () => ({ ...platform('admin'), ...bearer(hr) }), code: ErrorCode.AdminForbidden, applies: superOnly },
    ];
    const checks = backOffice()
      .filter((route) => !isPublic(route))
      .flatMap((route) => cases.filter((c) => c.applies?.(route) ?? true).map((c) => ({ route, ...c })));
    expect(checks.length).toBeGreaterThan(6 * 30);
    expect(await misanswered(checks)).toEqual([]);
  });

  it('keeps even the admin login to the admin platform', async () => {
    const login = { method: 'POST', path: '/admin/login' };
    expect(await misanswered([{ route: login, who: 'wxmp', headers: () => platform('wxmp'), code: ErrorCode.AdminPlatformRequired }])).toEqual([]);
  });

  it('guards the spellings Express routes to a back-office handler by the handler’s path', async () => {
    const checks = ['/ADMIN/users', '/Admin/audit-logs/', '/admin/users/'].map((path) => ({
      route: { method: 'GET', path },
      who: 'a worker token on wxmp',
      headers: () => ({ ...platform('wxmp'), ...workerToken() }),
      code: ErrorCode.AdminPlatformRequired,
    }));
    expect(await misanswered(checks)).toEqual([]);
  });

  it('never refuses a worker outside /admin/ for not being an admin', async () => {
    const wrong: string[] = [];
    await eachAtMost(CONCURRENCY, elsewhere(), async (route) => {
      const answer = await call(route, { ...platform('wxmp'), ...workerToken() });
      if (REFUSALS.includes(answer.body.status as ErrorCode)) wrong.push(`${routeName(route)}: ${answer.http} ${JSON.stringify(answer.body)}`);
    });
    expect(wrong).toEqual([]);
  });

  it('refuses, on every route outside /admin/ that needs a session, a worker session from another platform and an admin session', async () => {
    const cases: Omit<Check, 'route'>[] = [
      { who: 'the worker on admin', headers: () => ({ ...platform('admin'), ...workerToken() }), code: ErrorCode.AuthTokenInvalid },
      { who: 'the worker on h5', headers: () => ({ ...platform('h5'), ...workerToken() }), code: ErrorCode.AuthTokenInvalid },
      { who: 'a super admin', headers: () => ({ ...platform('admin'), ...bearer(superAdmin) }), code: ErrorCode.AuthTokenMissing },
    ];
    const checks = elsewhere()
      .filter((route) => !isPublic(route))
      .flatMap((route) => cases.map((c) => ({ route, ...c })));
    expect(checks.length).toBeGreaterThan(3 * 10);
    expect(await misanswered(checks)).toEqual([]);
  });
});

describe('a worker session is tied to the platform it was opened from', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PLATFORM_CODES: 'wxmp,admin,h5' })));
  afterAll(() => t.close());

  it('answers GET /employee only on its own platform, never on admin', async () => {
    const worker = new MiniProgramClient(t);
    worker.headers[HEADER.platformCode] = 'h5';
    await worker.login();
    expect((await worker.get('/employee').expect(404)).body.status).toBe(ErrorCode.EmployeeNotFound);
    for (const other of ['wxmp', 'admin']) {
      const res = await worker.get('/employee').set(HEADER.platformCode, other).expect(401);
      expect(res.body).toEqual({ status: ErrorCode.AuthTokenInvalid, msg: expect.any(String), data: null });
    }
  });

  it('opens no worker session from the admin platform, and leaves the WeChat code unspent', async () => {
    const worker = new MiniProgramClient(t);
    worker.headers[HEADER.platformCode] = 'admin';
    const res = await worker.postForm('/weixin/login', { code: 'from_admin' }).expect(403);
    expect(res.body).toEqual({ status: ErrorCode.PlatformCodeUnknown, msg: expect.stringContaining('admin'), data: null });
    expect(await t.db.getRepository(UserSession).countBy({ platformCode: 'admin' })).toBe(0);
    worker.headers[HEADER.platformCode] = 'wxmp';
    await worker.login('from_admin');
  });

  it('refuses a worker session opened on admin before such logins were refused', async () => {
    const worker = new MiniProgramClient(t);
    await worker.login();
    await t.db.getRepository(UserSession).update({ tokenHash: sha256Hex(worker.token!) }, { platformCode: 'admin' });
    const res = await worker.get('/employee').set(HEADER.platformCode, 'admin').expect(401);
    expect(res.body.status).toBe(ErrorCode.AuthTokenInvalid);
  });
});
