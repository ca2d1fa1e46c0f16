import Redis from 'ioredis';
import { ErrorCode } from '@shanqian/shared';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { RedisKvStore } from '../common/kv/redis-kv-store';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../test/test-app';
import { SMS_LIMITS } from './sms-send-limits.service';
import { SMS_CODE_MAX_TRIES, SmsCodeService } from './sms-code.service';
import { msUntilShanghaiMidnight, VerificationKeys } from './verification-keys.service';

let ipSeq = 0;
let phoneSeq = 0;
const newIp = () => `192.0.2.${++ipSeq}`;
const newPhone = () => `1776543${String(++phoneSeq).padStart(4, '0')}`;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/**
 * With REDIS_URL the captcha answers, codes and counters live in Redis, shared by every server
 * instance: the same races as on the memory store, decided by Redis (SET NX, INCR, GETDEL).
 */
describe('verification with REDIS_URL', () => {
  let t: TestApp;
  let store: KvStore;
  let keys: VerificationKeys;
  let redis: Redis;
  beforeAll(async () => {
    t = await startTestApp({ REDIS_URL: TEST_REDIS_URL, TRUST_PROXY: 'loopback' });
    store = t.app.get<KvStore>(KV_STORE);
    keys = t.app.get(VerificationKeys);
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: t.config.redisKeyPrefix });
  });
  afterAll(async () => {
    await t.close();
    // This run's keys (issued unique keys live a year): KEYS answers full names, DEL would prefix them again.
    const plain = new Redis(TEST_REDIS_URL);
    const leftovers = await plain.keys(`${t.config.redisKeyPrefix}*`);
    if (leftovers.length) await plain.del(...leftovers);
    await plain.quit();
    await redis.quit();
  });

  const loggedIn = async (ip = newIp()): Promise<MiniProgramClient> => {
    const client = new MiniProgramClient(t);
    client.headers['X-Forwarded-For'] = ip;
    await client.login();
    return client;
  };
  const send = (client: MiniProgramClient, phone: string, captcha: { captcha_id: string; text: string }) =>
    client.postForm('/verifycode', { phone, captcha_code: captcha.text, captcha_id: captcha.captcha_id });
  const sentTo = (phone: string) => t.logs.events('sms.sent').filter((l) => l.phone === phone);

  it('uses the Redis store', () => {
    expect(store).toBeInstanceOf(RedisKvStore);
  });

  it('keeps the captcha 5 minutes and the code 5 minutes, single-use, under hashed names', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const captchaTtl = await redis.pttl(keys.captcha(captcha.captcha_id));
    expect(captchaTtl).toBeGreaterThan(290_000);
    expect(captchaTtl).toBeLessThanOrEqual(300_000);

    await send(client, phone, captcha).expect(200);
    expect(await redis.exists(keys.captcha(captcha.captcha_id))).toBe(0);
    expect((await send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });

    const codeTtl = await redis.pttl(keys.smsCode(phone));
    expect(codeTtl).toBeGreaterThan(290_000);
    expect(codeTtl).toBeLessThanOrEqual(300_000);
    const cooldownTtl = await redis.pttl(keys.phoneCooldown(phone));
    expect(cooldownTtl).toBeGreaterThan(50_000);
    expect(cooldownTtl).toBeLessThanOrEqual(60_000);
    expect(await redis.get(keys.phoneDay(phone))).toBe('1');
    expect(await redis.pttl(keys.phoneDay(phone))).toBeLessThanOrEqual(msUntilShanghaiMidnight() + 1000); // Redis keeps its own clock
    const names = await redis.keys(`${t.config.redisKeyPrefix}*`);
    expect(names.join('\n')).not.toContain(phone);

    const [sent] = sentTo(phone);
    await t.app.get(SmsCodeService).consume(phone, sent.code as string);
    expect(await redis.exists(keys.smsCode(phone))).toBe(0);
  });

  it('expires a captcha when Redis does', async () => {
    const client = await loggedIn();
    const captcha = await client.captcha();
    await redis.pexpire(keys.captcha(captcha.captcha_id), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
  });

  it('sends at most once per phone per 60 s when 8 requests race', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    const captchas = await Promise.all(Array.from({ length: 8 }, () => client.captcha()));
    const answers = await Promise.all(captchas.map((captcha) => send(client, phone, captcha)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = answers.filter((r) => r.status === 429);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r.body).toMatchObject({ status: ErrorCode.SmsTooFrequent, error_code: ErrorCode.SmsTooFrequent });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
    }
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('stops at 10 sends per phone per day when sends race across the limit', async () => {
    const client = await loggedIn();
    const phone = newPhone();
    await store.set(keys.phoneDay(phone), String(SMS_LIMITS.phonePerDay - 1), msUntilShanghaiMidnight());
    await send(client, phone, await client.captcha()).expect(200);
    await store.delete(keys.phoneCooldown(phone));
    const res = await send(client, phone, await client.captcha()).expect(429);
    expect(res.body).toMatchObject({ status: ErrorCode.SmsDailyLimit, error_code: ErrorCode.SmsDailyLimit });
    expect(await redis.exists(keys.phoneCooldown(phone))).toBe(0); // the refused send gave its slot back
  });

  it('limits one IP atomically when requests race', async () => {
    const ip = newIp();
    const client = await loggedIn(ip);
    await store.set(keys.ipHour(ip), String(SMS_LIMITS.ipPerHour - 3), SMS_LIMITS.ipWindowMs);
    const captchas = await Promise.all(Array.from({ length: 6 }, () => client.captcha()));
    const answers = await Promise.all(captchas.map((captcha) => send(client, newPhone(), captcha)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
    expect(answers.filter((r) => r.status === 429 && r.body.status === ErrorCode.SmsTooFrequent)).toHaveLength(3);
  });

  it('lets exactly one of racing right codes through, and counts racing wrong ones exactly', async () => {
    const client = await loggedIn();
    const codes = t.app.get(SmsCodeService);

    const phone = newPhone();
    const code = await client.smsCode(phone);
    const right = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(phone, code)));
    expect(right.filter((r) => r.status === 'fulfilled')).toHaveLength(1);

    const other = newPhone();
    const otherCode = await client.smsCode(other);
    const wrongs = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(other, wrong(otherCode))));
    const byCode = wrongs.map((r) => (r.status === 'rejected' ? (r.reason as { code: ErrorCode }).code : 0));
    expect(byCode.filter((c) => c === ErrorCode.SmsCodeInvalid)).toHaveLength(SMS_CODE_MAX_TRIES - 1);
    expect(byCode.filter((c) => c === ErrorCode.SmsCodeAttemptsExceeded)).toHaveLength(10 - (SMS_CODE_MAX_TRIES - 1));
    await expect(codes.consume(other, otherCode)).rejects.toMatchObject({ code: ErrorCode.SmsCodeAttemptsExceeded });
  });
});
