import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';
import { CAPTCHA_TTL_MS } from './captcha.service';
import { VerificationKeys } from './verification-keys.service';

describe('GET /captcha', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ TRUST_PROXY: 'loopback' })));
  afterAll(() => t.close());

  const client = (ip: string) => {
    const c = new MiniProgramClient(t);
    c.headers['X-Forwarded-For'] = ip;
    return c;
  };

  it('answers an SVG image, not cacheable, with an HttpOnly captcha_id cookie for five minutes, and needs no session', async () => {
    const res = await client('198.51.100.1').get('/captcha').buffer(true).parse((r, done) => {
      let body = '';
      r.setEncoding('utf8');
      r.on('data', (chunk: string) => (body += chunk));
      r.on('end', () => done(null, body));
    }).expect(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body as string).toMatch(/^<svg[\s\S]*<\/svg>$/);

    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('captcha_id='));
    expect(cookie).toBeDefined();
    const captchaId = /^captcha_id=([0-9a-f]{32});/.exec(cookie!)?.[1];
    expect(captchaId).toBeDefined();
    expect(cookie).toMatch(/; Max-Age=300;/);
    expect(cookie).toMatch(/; Path=\/;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);

    const line = t.logs.events('captcha.issued').find((l) => l.captcha_id === captchaId);
    expect(line?.text).toMatch(/^[A-Z0-9]{4}$/);
  });

  it('answers the envelope {captcha_id, image} with format=json, the image an SVG data URI', async () => {
    const res = await client('198.51.100.2').get('/captcha?format=json').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ status: 0, msg: '', data: { captcha_id: expect.stringMatching(/^[0-9a-f]{32}$/), image: expect.any(String) } });
    const { image, captcha_id } = res.body.data as { image: string; captcha_id: string };
    expect(image).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(image.split(',')[1], 'base64').toString('utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    expect(res.body).not.toHaveProperty('error_code');

    // The store holds a MAC of the answer, never the answer itself.
    const text = t.logs.events('captcha.issued').find((l) => l.captcha_id === captcha_id)!.text as string;
    const stored = await t.app.get<KvStore>(KV_STORE).get(t.app.get(VerificationKeys).captcha(captcha_id));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(text.toLowerCase());
  });

  it('issues a different captcha each time', async () => {
    const c = client('198.51.100.3');
    const ids = new Set<string>();
    for (let i = 0; i < 5; i++) ids.add((await c.get('/captcha?format=json').expect(200)).body.data.captcha_id);
    expect(ids.size).toBe(5);
    expect(CAPTCHA_TTL_MS).toBe(300_000);
  });

  it('throttles one IP to 60 captchas a minute, leaving other IPs alone', async () => {
    const c = client('198.51.100.60');
    const answers = await Promise.all(Array.from({ length: 61 }, () => c.get('/captcha?format=json')));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(60);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(1);
    expect(refused[0].body).toMatchObject({ status: 10008, data: null });
    await client('198.51.100.61').get('/captcha?format=json').expect(200);
  });
});
