import { ErrorCode } from '@shanqian/shared';
import { WechatUser } from '../auth/wechat-user.entity';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';
import { LogSmsSender } from './sms/log-sms.sender';
import { SMS_SENDER, SmsSender } from './sms/sms-sender';
import { SMS_LIMITS } from './sms-send-limits.service';
import { SmsCodeService } from './sms-code.service';
import { msUntilShanghaiMidnight, VerificationKeys } from './verification-keys.service';

let ipSeq = 0;
let phoneSeq = 0;
/** Each test has addresses and numbers of its own, so the per-IP and per-phone counters of one test never touch another's. */
const newIp = () => `203.0.113.${++ipSeq}`;
const newPhone = () => `1391234${String(++phoneSeq).padStart(4, '0')}`;

/** On the in-memory store; verification-redis.e2e-spec.ts repeats the races and lifetimes on Redis. */
describe('POST /verifycode', () => {
  let t: TestApp;
  let store: KvStore;
  let keys: VerificationKeys;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    store = t.app.get<KvStore>(KV_STORE);
    keys = t.app.get(VerificationKeys);
  });
  afterAll(() => t.close());

  const loggedIn = async (ip = newIp(), loginCode?: string): Promise<MiniProgramClient> => {
    const client = new MiniProgramClient(t);
    client.headers['X-Forwarded-For'] = ip;
    await client.login(loginCode);
    return client;
  };
  const send = (client: MiniProgramClient, phone: string, captcha: { captcha_id: string; text: string }) =>
    client.postForm('/verifycode', { phone, captcha_code: captcha.text, captcha_id: captcha.captcha_id });
  const sentTo = (phone: string) => t.logs.events('sms.sent').filter((l) => l.phone === phone);
  /** The fake WeChat logs code `x` in as openid `o_x`. */
  const userIdOf = async (loginCode: string): Promise<number> =>
    (await t.db.getRepository(WechatUser).findOneByOrFail({ openid: `o_${loginCode}` })).id;

  it('sends a 6-digit code through the log provider (the default) and answers data {} with error_code 0', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const res = await send(client, phone, captcha).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: {}, error_code: 0 });

    const [sent] = sentTo(phone);
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(t.app.get(SMS_SENDER)).toBeInstanceOf(LogSmsSender);
    const delivered = t.logs.events('sms.log_provider').filter((l) => l.phone === phone);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].text).toContain(sent.code as string);
    // Stored as a MAC only.
    const stored = await store.get(keys.smsCode(phone));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(sent.code as string);
    await t.app.get(SmsCodeService).consume(phone, sent.code as string);
  });

  it('takes the captcha from the captcha_id cookie of GET /captcha', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const image = await client.get('/captcha').expect(200);
    const cookie = ([] as string[]).concat(image.headers['set-cookie'] ?? []).find((c) => c.startsWith('captcha_id='))!;
    const captchaId = /^captcha_id=([0-9a-f]{32})/.exec(cookie)![1];
    const text = t.logs.events('captcha.issued').find((l) => l.captcha_id === captchaId)!.text as string;
    const res = await client.postForm('/verifycode', { phone, captcha_code: text }).set('Cookie', cookie.split(';')[0]).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: {}, error_code: 0 });
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('accepts a JSON body and a captcha answer in any letter case', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const { captcha_id, text } = await client.captcha();
    await client.request('post', '/verifycode').send({ phone, captcha_code: text.toLowerCase(), captcha_id }).expect(200);
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('refuses a wrong captcha and burns it, so the right answer afterwards fails too', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const wrong = await send(client, phone, { ...captcha, text: captcha.text === 'AAAA' ? 'CCCC' : 'AAAA' }).expect(400);
    expect(wrong.body).toEqual({ status: 12001, error_code: 12001, msg: '图形验证码错误或已过期，请刷新后重试', data: null });
    expect((await send(client, phone, captcha).expect(400)).body.status).toBe(12001);
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('refuses a reused captcha', async () => {
    const client = await loggedIn();
    const captcha = await client.captcha();
    await send(client, newPhone(), captcha).expect(200);
    const phone = newPhone();
    expect((await send(client, phone, captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
    expect(sentTo(phone)).toHaveLength(0);
  });

  it('refuses a missing, unknown or malformed captcha id', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    for (const captcha_id of [undefined, 'f'.repeat(32), '../../etc', 'captcha:x']) {
      const body = { phone, captcha_code: 'ABCD', ...(captcha_id ? { captcha_id } : {}) };
      expect((await client.postForm('/verifycode', body).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
    }
  });

  it('refuses an expired captcha: the store forgets it after its TTL', async () => {
    const client = await loggedIn();
    const captcha = await client.captcha();
    const key = keys.captcha(captcha.captcha_id);
    // The same answer with a 1 ms lifetime: the store's own expiry, not a shortcut in the check.
    await store.set(key, (await store.get(key))!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
  });

  it('answers an invalid phone with a 400 naming phone, before the captcha is spent', async () => {
    const client = await loggedIn();
    const captcha = await client.captcha();
    for (const phone of ['12345678901', '1391234567', '139123456789', '+8613912345678', 'abc']) {
      const res = await send(client, phone, captcha).expect(400);
      expect(res.body).toMatchObject({ status: 10001, error_code: 10001, data: null });
      expect(res.body.msg).toMatch(/^phone: /);
    }
    expect((await client.postForm('/verifycode', { captcha_code: captcha.text, captcha_id: captcha.captcha_id }).expect(400)).body.msg).toMatch(/^phone: /);
    expect((await client.postForm('/verifycode', { phone: newPhone(), captcha_id: captcha.captcha_id }).expect(400)).body.msg).toMatch(/^captcha_code: /);
    await send(client, ` ${newPhone()} `, captcha).expect(200);
  });

  it('needs a session: 401 with error_code', async () => {
    const client = new MiniProgramClient(t);
    client.headers['X-Forwarded-For'] = newIp();
    const captcha = await client.captcha();
    const res = await send(client, newPhone(), captcha).expect(401);
    expect(res.body).toMatchObject({ status: 11001, error_code: 11001, data: null });
    client.token = 'not-a-session';
    expect((await send(client, newPhone(), captcha).expect(401)).body).toMatchObject({ status: 11002, error_code: 11002 });
  });

  it('sends at most once per phone per 60 s when 8 requests race, telling the others when to retry', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const captchas = await Promise.all(Array.from({ length: 8 }, () => client.captcha()));
    const answers = await Promise.all(captchas.map((captcha) => send(client, phone, captcha)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.body).toMatchObject({ status: ErrorCode.SmsTooFrequent, error_code: ErrorCode.SmsTooFrequent, data: null });
      expect(r.body.msg).toMatch(/秒后再试/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(sentTo(phone)).toHaveLength(1);
    // Another number is not held up.
    await send(client, newPhone(), await client.captcha()).expect(200);
  });

  it('sends at most 10 codes per phone per day; a refused send gives the 60 s slot back', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    // Nine sends already today (the counter the limit keeps), so the next is the tenth.
    await store.set(keys.phoneDay(phone), String(SMS_LIMITS.phonePerDay - 1), msUntilShanghaiMidnight());
    await send(client, phone, await client.captcha()).expect(200);
    await store.delete(keys.phoneCooldown(phone)); // as if 60 s had passed
    for (let i = 0; i < 2; i++) {
      const res = await send(client, phone, await client.captcha()).expect(429);
      expect(res.body).toMatchObject({ status: ErrorCode.SmsDailyLimit, error_code: ErrorCode.SmsDailyLimit });
      expect(res.body.msg).toMatch(/该手机号今日/);
      expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(86_400);
    }
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('limits one WeChat user to 20 sends a day, whatever the numbers', async () => {
    const client = await loggedIn(newIp(), 'daily_user');
    const userId = await userIdOf('daily_user');
    await store.set(keys.userDay(userId), String(SMS_LIMITS.userPerDay), msUntilShanghaiMidnight());
    const phone = newPhone();
    const res = await send(client, phone, await client.captcha()).expect(429);
    expect(res.body).toMatchObject({ status: ErrorCode.SmsDailyLimit, error_code: ErrorCode.SmsDailyLimit });
    // The user's refusal neither spent the number's quota nor blocked it for 60 s.
    expect(await store.get(keys.phoneDay(phone))).toBeNull();
    const other = await loggedIn();
    await send(other, phone, await other.captcha()).expect(200);
  });

  it('limits one IP to 60 sends an hour, atomically when requests race', async () => {
    const ip = newIp();
    const client = await loggedIn(ip);
    await store.set(keys.ipHour(ip), String(SMS_LIMITS.ipPerHour - 3), SMS_LIMITS.ipWindowMs);
    const captchas = await Promise.all(Array.from({ length: 6 }, () => client.captcha()));
    const answers = await Promise.all(captchas.map((captcha) => send(client, newPhone(), captcha)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.body).toMatchObject({ status: ErrorCode.SmsTooFrequent, error_code: ErrorCode.SmsTooFrequent });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(60);
    }
    const elsewhere = await loggedIn();
    await send(elsewhere, newPhone(), await elsewhere.captcha()).expect(200);
  });

  it('answers 502 when the provider fails, keeping no code and letting the user retry at once', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const sender = t.app.get<SmsSender>(SMS_SENDER);
    const failing = jest.spyOn(sender, 'send').mockRejectedValueOnce(new Error('vendor down'));
    try {
      const res = await send(client, phone, await client.captcha()).expect(502);
      expect(res.body).toEqual({ status: 12006, error_code: 12006, msg: '短信发送失败，请稍后再试', data: null });
    } finally {
      failing.mockRestore();
    }
    expect(await store.get(keys.smsCode(phone))).toBeNull();
    expect(sentTo(phone)).toHaveLength(0);
    expect(t.logs.events('sms.send_failed').at(-1)).toMatchObject({ provider: 'log', reason: 'vendor down' });
    await send(client, phone, await client.captcha()).expect(200);
    expect(sentTo(phone)).toHaveLength(1);
  });
});
