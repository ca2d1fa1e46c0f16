import { sha256Hex } from '../common/crypto/secrets.service';
import { AuthService } from './auth.service';
import { UserSession } from './user-session.entity';
import { WechatUser } from './wechat-user.entity';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';

describe('POST /weixin/login and sessions', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp({ SESSION_TTL_SECONDS: '60' })));
  afterAll(() => t.close());

  it('logs in through jscode2session, answers a session token and em_id 0, and never leaks session_key', async () => {
    const client = new MiniProgramClient(t);
    const res = await client.postForm('/weixin/login', { code: 'alice' }).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: { session_token: expect.any(String), em_id: 0 } });
    expect(Buffer.from(res.body.data.session_token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(JSON.stringify(t.logs.lines)).not.toContain('c2Vzc2lvbl9rZXlfbmV2ZXJfbG9nZ2Vk');
    const sent = t.wechat.requests.at(-1)!.url;
    expect(Object.fromEntries(sent.searchParams)).toEqual({ appid: 'wx_test_appid', secret: 'test_secret', js_code: 'alice', grant_type: 'authorization_code' });

    const user = await t.db.getRepository(WechatUser).findOneByOrFail({ openid: 'o_alice' });
    const sessions = await t.db.getRepository(UserSession).findBy({ userId: user.id });
    expect(sessions).toHaveLength(1);
    expect(sessions[0].tokenHash).not.toBe(res.body.data.session_token);
    expect(sessions[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('upserts by openid, keeps the unionid, and records city and location with the login', async () => {
    const client = new MiniProgramClient(t);
    await client.request('post', '/weixin/login').type('form').set({ 'X-city': encodeURIComponent('上海'), 'X-location': '121.47-31.23' }).send({ code: 'u_bob' }).expect(200);
    await new MiniProgramClient(t).login('u_bob2');
    await new MiniProgramClient(t).postForm('/weixin/login', { code: 'u_bob' }).expect(400); // a code works once
    const users = await t.db.getRepository(WechatUser).findBy({ openid: 'o_bob' });
    expect(users).toHaveLength(1);
    expect(users[0].unionid).toBe('un_bob');
    const session = await t.db.getRepository(UserSession).findOneByOrFail({ userId: users[0].id });
    expect(session).toMatchObject({ city: '上海', lng: 121.47, lat: 31.23, platformCode: 'wxmp' });
  });

  it.each([
    ['invalid', 400, 11003],
    ['used', 400, 11003],
    ['quota', 503, 11004],
    ['busy', 503, 11004],
    ['risky', 403, 11005],
    ['down', 502, 11006],
    ['slow', 502, 11006],
  ])('maps WeChat answer for code %s to HTTP %i with status %i, creating nothing', async (code, http, status) => {
    const users = await t.db.getRepository(WechatUser).count();
    const res = await new MiniProgramClient(t).postForm('/weixin/login', { code }).expect(http);
    expect(res.body).toMatchObject({ status, data: null });
    expect(res.body.msg).toMatch(/微信/);
    expect(await t.db.getRepository(WechatUser).count()).toBe(users);
  });

  it('rejects a missing code with a 400 naming the field', async () => {
    const res = await new MiniProgramClient(t).postForm('/weixin/login', {}).expect(400);
    expect(res.body).toMatchObject({ status: 10001, data: null });
    expect(res.body.msg).toBe('code: 不能为空');
  });

  it('requires X-auth-token elsewhere: missing, unknown and expired sessions are 401', async () => {
    const client = new MiniProgramClient(t);
    expect((await client.get('/em_status').expect(401)).body.status).toBe(11001);
    client.token = 'not-a-session';
    expect((await client.get('/em_status').expect(401)).body.status).toBe(11002);
    await client.login();
    await client.get('/em_status').expect(200);
    await t.db.getRepository(UserSession).update({ tokenHash: sha256Hex(client.token!) }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await client.get('/em_status').expect(401)).body.status).toBe(11002);

    // The periodic sweep deletes expired sessions, and only those
    const live = new MiniProgramClient(t);
    await live.login();
    expect(await t.app.get(AuthService).deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
    expect(await t.db.getRepository(UserSession).findOneBy({ tokenHash: sha256Hex(client.token!) })).toBeNull();
    await live.get('/em_status').expect(200);
  });

  it('logs many people in at once, and one person on two phones at once', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => new MiniProgramClient(t).postForm('/weixin/login', { code: `crowd${i}` })));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    const twice = await Promise.all(['twin.1', 'twin.2'].map((code) => new MiniProgramClient(t).postForm('/weixin/login', { code })));
    expect(twice.map((a) => a.status)).toEqual([200, 200]);
    expect(await t.db.getRepository(WechatUser).countBy({ openid: 'o_twin' })).toBe(1);
  });
});
