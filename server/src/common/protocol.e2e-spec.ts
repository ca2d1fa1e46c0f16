import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';

describe('protocol: headers, envelope, errors', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ PLATFORM_CODES: 'wxmp,admin,h5' })));
  afterAll(() => t.close());

  it.each(['/weixin/login', '/em_status', '/no/such/route', '/captcha'])('refuses %s without X-platform-code before anything else', async (path) => {
    const res = await t.http().post(path).type('form').send({ code: 'x' }).expect(400);
    expect(res.body).toEqual({ status: 10002, msg: expect.stringContaining('X-platform-code'), data: null });
    expect(res.headers['x-unique-key']).toBeUndefined();
  });

  it('answers browser preflights (which carry no custom headers) and exposes X-unique-key', async () => {
    const res = await t.http().options('/employee').set({ Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'x-platform-code,x-auth-token' }).expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-expose-headers']).toBe('X-unique-key');
  });

  it('puts error_code on /image and /verifycode answers even when refused before routing', async () => {
    const missing = await t.http().post('/image?from=camera').expect(400);
    expect(missing.body).toEqual({ status: 10002, msg: expect.any(String), data: null, error_code: 10002 });
    const unknown = await t.http().post('/verifycode').set('X-platform-code', 'ios').expect(403);
    expect(unknown.body).toMatchObject({ status: 10003, error_code: 10003 });
    const malformed = await t.http().post('/verifycode').set({ 'X-platform-code': 'wxmp', 'Content-Type': 'application/json' }).send('{"phone":').expect(400);
    expect(malformed.body).toMatchObject({ status: 10010, error_code: 10010 });
    // Other routes keep the plain envelope
    expect((await t.http().get('/em_status').expect(400)).body).not.toHaveProperty('error_code');
    expect((await t.http().get('/image').set('X-platform-code', 'wxmp').expect(404)).body).not.toHaveProperty('error_code');
  });

  it('refuses an unknown platform code with 403 and accepts every configured one', async () => {
    expect((await t.http().get('/em_status').set('X-platform-code', 'ios').expect(403)).body.status).toBe(10003);
    for (const code of ['wxmp', 'admin', 'h5']) await t.http().get('/em_status').set('X-platform-code', code).expect(401);
  });

  it('issues X-unique-key to a client without a valid one, and keeps a valid one', async () => {
    const first = await t.http().get('/em_status').set('X-platform-code', 'wxmp');
    const key = first.headers['x-unique-key'];
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    const second = await t.http().get('/em_status').set({ 'X-platform-code': 'wxmp', 'X-unique-key': key });
    expect(second.headers['x-unique-key']).toBeUndefined();
    for (const bad of ['forged', 'f'.repeat(32)]) {
      const again = await t.http().get('/em_status').set({ 'X-platform-code': 'wxmp', 'X-unique-key': bad });
      expect(again.headers['x-unique-key']).toMatch(/^[0-9a-f]{32}$/);
      expect(again.headers['x-unique-key']).not.toBe(key);
    }
  });

  it.each(['116.397,39.909', '116.397-39.909', '-70.6,-33.4', '0,0'])('accepts X-location %s', async (location) => {
    const client = new MiniProgramClient(t);
    client.headers['x-location'] = location;
    await client.login();
    await client.get('/em_status').expect(200);
  });

  it.each(['abc', '200,10', '116.3,95', '116.3;39.9', ','])('refuses X-location %s with a 400 naming the header', async (location) => {
    const res = await t.http().get('/em_status').set({ 'X-platform-code': 'wxmp', 'X-location': location }).expect(400);
    expect(res.body).toMatchObject({ status: 10004, data: null });
    expect(res.body.msg).toMatch(/^X-location: /);
  });

  it('reads X-city as UTF-8, percent-encoded or raw, and refuses an over-long one', async () => {
    const client = new MiniProgramClient(t);
    client.headers['x-city'] = encodeURIComponent('乌鲁木齐');
    await client.login();
    await client.get('/em_status').expect(200);
    const res = await t.http().get('/em_status').set({ 'X-platform-code': 'wxmp', 'X-city': encodeURIComponent('长'.repeat(33)) }).expect(400);
    expect(res.body.msg).toMatch(/^X-city: /);
  });

  it('answers unknown routes, malformed JSON and over-large bodies with envelopes', async () => {
    const client = new MiniProgramClient(t);
    await client.login();
    expect((await client.get('/nothing-here').expect(404)).body).toEqual({ status: 10005, msg: '接口不存在', data: null });
    const malformed = await client.request('post', '/weixin/login').set('Content-Type', 'application/json').send('{"code":').expect(400);
    expect(malformed.body).toMatchObject({ status: 10010, data: null });
    const large = await client.request('post', '/weixin/login').set('Content-Type', 'application/json').send(JSON.stringify({ code: 'x'.repeat(2 * 1024 * 1024) })).expect(413);
    expect(large.body).toMatchObject({ status: 10006, data: null });
  });

  describe('catalog', () => {
    const client = () => {
      const c = new MiniProgramClient(t);
      return c.login().then(() => c);
    };

    it('serves the dictionaries of the seed', async () => {
      const c = await client();
      const edu = (await c.get('/dict/Edu_Type').expect(200)).body.data;
      expect(edu).toContainEqual({ dict_key: 'junior', dict_value: '初中' });
      expect(edu.map((e: { dict_value: string }) => e.dict_value)).toEqual(['小学', '初中', '高中', '中专', '大专', '本科', '硕士', '博士']);
      const nations = (await c.get('/dict/Nation').expect(200)).body.data;
      expect(nations).toHaveLength(56);
      expect(nations[0]).toEqual({ dict_key: '01', dict_value: '汉族' });
      for (const item of ['Marital_Sts', 'Political_Sts', 'Acct_Type', 'Gender', 'Relationship']) {
        expect((await c.get(`/dict/${item}`).expect(200)).body.data.length).toBeGreaterThan(1);
      }
      expect((await c.get('/dict/Nope').expect(404)).body).toMatchObject({ status: 14001, data: null });
    });

    it('lists positions, enabled HR handlers and enabled companies from the demo data', async () => {
      const c = await client();
      const positions = (await c.get('/work_pos').expect(200)).body.data;
      expect(positions.length).toBeGreaterThan(0);
      expect(typeof positions[0]).toBe('string');
      const handlers = (await c.get('/handlers').expect(200)).body.data;
      expect(handlers[0]).toEqual({ id: expect.any(Number), name: expect.any(String) });
      await t.db.query('UPDATE admin_user SET status = 0 WHERE id = ?', [handlers[0].id]);
      expect((await c.get('/handlers')).body.data).not.toContainEqual(handlers[0]);
      await t.db.query('UPDATE admin_user SET status = 1 WHERE id = ?', [handlers[0].id]);
      const companies = (await c.get('/companies').expect(200)).body.data;
      expect(companies[0]).toEqual({ id: expect.any(Number), company_name: expect.any(String) });
    });

    it('needs a session', async () => {
      for (const path of ['/dict/Edu_Type', '/work_pos', '/handlers', '/companies']) {
        await t.http().get(path).set('X-platform-code', 'wxmp').expect(401);
      }
    });
  });
});
