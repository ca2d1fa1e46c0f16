import { HEADERS_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { AdminClient } from '../test/admin-client';
import { MiniProgramClient } from '../test/api-client';
import { routeName } from '../test/app-routes';
import { TINY_PNG } from '../test/fixtures';
import { startTestApp, TestApp } from '../test/test-app';
import { until } from '../test/until';
import { CORS_METHODS } from './http-hardening';
import { registeredRoutes } from './registered-routes';

const LISTED = 'https://hr.example.com';
const PREFLIGHT = { 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type,x-platform-code,x-auth-token' };

describe('HTTP hardening: CORS from a list, security headers, no-store, log redaction', () => {
  let t: TestApp;
  let worker: MiniProgramClient;
  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: `${LISTED},http://localhost:*` });
    worker = new MiniProgramClient(t);
    await worker.login();
  });
  afterAll(() => t.close());

  const routes = () => registeredRoutes(t.app.get(DiscoveryService), new MetadataScanner());

  describe('CORS', () => {
    it('answers a listed origin with its own origin, credentials and the exposed X-unique-key', async () => {
      for (const origin of [LISTED, 'http://localhost:5173', 'http://localhost']) {
        const res = await worker.get('/companies').set('Origin', origin).expect(200);
        expect(res.headers).toMatchObject({
          'access-control-allow-origin': origin,
          'access-control-allow-credentials': 'true',
          'access-control-expose-headers': 'X-unique-key',
          vary: expect.stringContaining('Origin'),
        });
      }
    });

    it.each([
      ['an unlisted origin', 'https://evil.example'],
      ['the null origin of a sandboxed page or a file', 'null'],
      ['a listed host on another scheme', 'http://hr.example.com'],
      ['a host that only starts like a listed one', 'http://localhost.evil.example'],
      ['a listed host with a path glued to its port', 'http://localhost:5173.evil.example'],
    ])('gives %s no CORS header at all, on answers and preflights', async (_, origin) => {
      const answer = await worker.get('/companies').set('Origin', origin).expect(200);
      const preflight = await t.http().options('/employee').set({ Origin: origin, ...PREFLIGHT });
      for (const res of [answer, preflight]) {
        expect(Object.keys(res.headers).filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(res.headers.vary).toContain('Origin');
      }
    });

    it('lets a listed origin preflight only the methods and headers of the API', async () => {
      const res = await t.http().options('/employee').set({ Origin: LISTED, ...PREFLIGHT }).expect(204);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': LISTED,
        'access-control-allow-credentials': 'true',
        'access-control-allow-methods': 'GET,POST,PUT,DELETE',
        'access-control-allow-headers': 'Content-Type,Authorization,X-platform-code,X-auth-token,X-unique-key,X-location,X-city',
        'access-control-max-age': '600',
      });
      // Whatever the browser asks for, the answer names the API's own: DELETE and X-Evil stay refused.
      const other = await t.http().options('/employee').set({ Origin: LISTED, 'Access-Control-Request-Method': 'DELETE', 'Access-Control-Request-Headers': 'x-evil' }).expect(204);
      expect(other.headers['access-control-allow-methods']).toBe('GET,POST,PUT,DELETE');
      expect(other.headers['access-control-allow-headers']).not.toMatch(/evil/i);
    });

    it('allows every method a route uses, and no other', () => {
      expect([...new Set(routes().map((route) => route.method))].sort()).toEqual([...CORS_METHODS].sort());
    });
  });

  it('puts the security headers on an API answer', async () => {
    const res = await worker.get('/em_status').expect(200);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000',
      'cross-origin-resource-policy': 'same-site',
    });
    const csp = Object.fromEntries((res.headers['content-security-policy'] as string).split(';').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(csp).toMatchObject({ 'default-src': "'self'", 'script-src': "'self'", 'style-src': "'self' 'unsafe-inline'", 'frame-ancestors': "'none'", 'object-src': "'none'" });
    expect(res.headers['x-powered-by']).toBeUndefined();
    // Refusals too: the headers are set before routing.
    expect((await t.http().get('/em_status').expect(400)).headers['x-frame-options']).toBe('DENY');
  });

  describe('Cache-Control', () => {
    it('keeps every answer that may carry personal data out of caches, refusals included', async () => {
      const admin = await AdminClient.superAdmin(t);
      const link = (await worker.request('post', '/image').attach('file', TINY_PNG, 'front.png').expect(200)).body.data.url as string;
      const answers = {
        'the resume': await worker.get('/employee'),
        'the status': await worker.get('/em_status').expect(200),
        'the contract': await worker.get('/sign/contract'),
        'an ID photo': await t.http().get(new URL(link).pathname + new URL(link).search).expect(200),
        'the applications': await admin.get('/admin/applications').expect(200),
        'the employees': await admin.get('/admin/employees').expect(200),
        'a failed admin login': await admin.post('/admin/login', { username: 'nobody', password: 'Wr0ng-password' }).expect(401),
        'a missing session': await t.http().get('/em_status').set('X-platform-code', 'wxmp').expect(401),
        'an unknown route': await worker.get('/no/such/route').expect(404),
      };
      for (const [answer, res] of Object.entries(answers)) expect([answer, res.headers['cache-control']]).toEqual([answer, 'no-store']);
    });

    it('lets the public catalogs be kept and revalidated', async () => {
      for (const path of ['/companies', '/work_pos', '/handlers', '/dict/Edu_Type']) {
        const res = await worker.get(path).expect(200);
        expect([path, res.headers['cache-control']]).toEqual([path, 'no-cache']);
        await worker.get(path).set('If-None-Match', res.headers.etag).expect(304);
      }
    });

    it('opens no other route to caches: only the catalogs drop no-store', () => {
      const cacheControl = (handler: unknown) =>
        ((Reflect.getMetadata(HEADERS_METADATA, handler as object) ?? []) as { name: string; value: string }[]).find((h) => h.name.toLowerCase() === 'cache-control')?.value;
      const storable = routes().filter((route) => !/\bno-store\b/.test(cacheControl(route.handler) ?? 'no-store')).map(routeName);
      expect(storable.sort()).toEqual(['GET /companies', 'GET /dict/:item', 'GET /handlers', 'GET /work_pos']);
    });
  });

  it('masks secrets in the logged URL and query by decoded parameter name, whatever their spelling', async () => {
    const key = '0'.repeat(32);
    const paths = [
      `/image/${key}?expires=1&%73ig=SECRET-ENCODED`,
      `/image/${key}?expires=1&SIG=SECRET-UPPER&sig=SECRET-FIRST&sig=SECRET-SECOND`,
      `/image/${key}?%zz=1&sig=SECRET-MALFORMED%&expires=%E0%A4%A`,
      `/employee?token=SECRET-TOKEN&code=SECRET-CODE&Password=SECRET-PASSWORD`,
    ];
    for (const path of paths) await worker.get(path);
    const logged = () => t.logs.lines.map((line) => (line.req as { url?: string } | undefined)?.url);
    await until(() => paths.every((path) => logged().includes(path.replace(/(sig|SIG|%73ig|token|code|Password)=[^&]*/g, '$1=[redacted]'))));
    const requestLines = t.logs.lines.filter((line) => line.req);
    expect(JSON.stringify(t.logs.lines)).not.toContain('SECRET');
    expect(requestLines.map((line) => (line.req as { query: unknown }).query)).toContainEqual({ expires: '1', sig: '[redacted]', SIG: '[redacted]' });
  });
});
