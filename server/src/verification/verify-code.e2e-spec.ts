import { ErrorCode } from '@shanqian/shared';
import { WechatUser } from '../auth/wechat-user.entity';
import { describeSendRaces } from '../test/sms-races.cases';
import { newIp, newPhone, useVerificationApp } from '../test/verification-app';
import { LogSmsSender } from './sms/log-sms.sender';
import { SMS_SENDER, SmsSender } from './sms/sms-sender';
import { SMS_LIMITS } from './sms-send-limits.service';
import { SmsCodeService } from './sms-code.service';
import { msUntilChinaMidnight } from '../common/china-time';

/** On the in-memory store; verification-redis.e2e-spec.ts runs the same races (sms-races.cases.ts) on Redis. */
describe('POST /verifycode', () => {
  const v = useVerificationApp();
  /** The fake WeChat logs code `x` in as openid `o_x`. */
  const userIdOf = async (loginCode: string): Promise<number> =>
    (await v.t.db.getRepository(WechatUser).findOneByOrFail({ openid: `o_${loginCode}` })).id;

  it('sends a 6-digit code through the log provider (the default) and answers data {} with error_code 0', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const res = await v.send(client, phone, captcha).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: {}, error_code: 0 });

    const [sent] = v.sentTo(phone);
    expect(sent.code).toMatch(/^\d{6}$/);
    expect(v.t.app.get(SMS_SENDER)).toBeInstanceOf(LogSmsSender);
    const delivered = v.t.logs.events('sms.log_provider').filter((l) => l.phone === phone);
    expect(delivered).toHaveLength(1);
    expect(delivered[0].text).toContain(sent.code as string);
    // Stored as a MAC only.
    const stored = await v.store.get(v.keys.smsCode(phone));
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(sent.code as string);
    await v.t.app.get(SmsCodeService).consume(phone, sent.code as string);
  });

  it('takes the captcha from the captcha_id cookie of GET /captcha', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const image = await client.get('/captcha').expect(200);
    const cookie = ([] as string[]).concat(image.headers['set-cookie'] ?? []).find((c) => c.startsWith('captcha_id='))!;
    const captchaId = /^captcha_id=([0-9a-f]{32})/.exec(cookie)![1];
    const text = v.t.logs.events('captcha.issued').find((l) => l.captcha_id === captchaId)!.text as string;
    const res = await client.postForm('/verifycode', { phone, captcha_code: text }).set('Cookie', cookie.split(';')[0]).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', data: {}, error_code: 0 });
    expect(v.sentTo(phone)).toHaveLength(1);
  });

  it('accepts a JSON body and a captcha answer in any letter case', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const { captcha_id, text } = await client.captcha();
    await client.request('post', '/verifycode').send({ phone, captcha_code: text.toLowerCase(), captcha_id }).expect(200);
    expect(v.sentTo(phone)).toHaveLength(1);
  });

  it('refuses a wrong captcha and burns it, so the right answer afterwards fails too', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const wrong = await v.send(client, phone, { ...captcha, text: captcha.text === 'AAAA' ? 'CCCC' : 'AAAA' }).expect(400);
    expect(wrong.body).toEqual({ status: 12001, error_code: 12001, msg: '图形验证码错误或已过期，请刷新后重试', data: null });
    expect((await v.send(client, phone, captcha).expect(400)).body.status).toBe(12001);
    expect(v.sentTo(phone)).toHaveLength(0);
  });

  it('refuses a reused captcha', async () => {
    const client = await v.loggedIn();
    const captcha = await client.captcha();
    await v.send(client, newPhone(), captcha).expect(200);
    const phone = newPhone();
    expect((await v.send(client, phone, captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
    expect(v.sentTo(phone)).toHaveLength(0);
  });

  it('refuses a missing, unknown or malformed captcha id', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    for (const captcha_id of [undefined, 'f'.repeat(32), '../../etc', 'captcha:x']) {
      const body = { phone, captcha_code: 'ABCD', ...(captcha_id ? { captcha_id } : {}) };
      expect((await client.postForm('/verifycode', body).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
    }
  });

  it('refuses an expired captcha: the store forgets it after its TTL', async () => {
    const client = await v.loggedIn();
    const captcha = await client.captcha();
    const key = v.keys.captcha(captcha.captcha_id);
    // The same answer with a 1 ms lifetime: the store's own expiry, not a shortcut in the check.
    await v.store.set(key, (await v.store.get(key))!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await v.send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
  });

  it('answers an invalid phone with a 400 naming phone, before the captcha is spent', async () => {
    const client = await v.loggedIn();
    const captcha = await client.captcha();
    for (const phone of ['12345678901', '1391234567', '139123456789', '+8613912345678', 'abc']) {
      const res = await v.send(client, phone, captcha).expect(400);
      expect(res.body).toMatchObject({ status: 10001, error_code: 10001, data: null });
      expect(res.body.msg).toMatch(/^phone: (应为 11 位中国大陆手机号|最多 16 个字)$/);
    }
    expect((await client.postForm('/verifycode', { captcha_code: captcha.text, captcha_id: captcha.captcha_id }).expect(400)).body.msg).toBe('phone: 不能为空');
    expect((await client.postForm('/verifycode', { phone: newPhone(), captcha_id: captcha.captcha_id }).expect(400)).body.msg).toBe('captcha_code: 不能为空');
    await v.send(client, ` ${newPhone()} `, captcha).expect(200);
  });

  it('needs a session: 401 with error_code', async () => {
    const client = v.client();
    const captcha = await client.captcha();
    const res = await v.send(client, newPhone(), captcha).expect(401);
    expect(res.body).toMatchObject({ status: 11001, error_code: 11001, data: null });
    client.token = 'not-a-session';
    expect((await v.send(client, newPhone(), captcha).expect(401)).body).toMatchObject({ status: 11002, error_code: 11002 });
  });

  it('limits one WeChat user to 20 sends a day, whatever the numbers', async () => {
    const client = await v.loggedIn(newIp(), 'daily_user');
    const userId = await userIdOf('daily_user');
    await v.store.set(v.keys.userDay(userId), String(SMS_LIMITS.userPerDay), msUntilChinaMidnight());
    const phone = newPhone();
    const res = await v.send(client, phone, await client.captcha()).expect(429);
    expect(res.body).toMatchObject({ status: ErrorCode.SmsDailyLimit, error_code: ErrorCode.SmsDailyLimit });
    // The user's refusal neither spent the number's quota nor blocked it for 60 s.
    expect(await v.store.get(v.keys.phoneDay(phone))).toBeNull();
    const other = await v.loggedIn();
    await v.send(other, phone, await other.captcha()).expect(200);
  });

  it('answers 502 when the provider fails, keeping no code and letting the user retry at once', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const sender = v.t.app.get<SmsSender>(SMS_SENDER);
    const failing = jest.spyOn(sender, 'send').mockRejectedValueOnce(new Error('vendor down'));
    try {
      const res = await v.send(client, phone, await client.captcha()).expect(502);
      expect(res.body).toEqual({ status: 12006, error_code: 12006, msg: '短信发送失败，请稍后再试', data: null });
    } finally {
      failing.mockRestore();
    }
    expect(await v.store.get(v.keys.smsCode(phone))).toBeNull();
    expect(v.sentTo(phone)).toHaveLength(0);
    expect(v.t.logs.events('sms.send_failed').at(-1)).toMatchObject({ provider: 'log', reason: 'vendor down' });
    await v.send(client, phone, await client.captcha()).expect(200);
    expect(v.sentTo(phone)).toHaveLength(1);
  });

  describeSendRaces(v);
});
