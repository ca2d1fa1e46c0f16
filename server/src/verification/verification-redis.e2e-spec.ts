import Redis from 'ioredis';
import { RedisKvStore } from '../common/kv/redis-kv-store';
import { describeSpend } from '../test/sms-spend.cases';
import { describeConsumeRaces, describeSendRaces } from '../test/sms-races.cases';
import { TEST_REDIS_URL } from '../test/test-app';
import { newPhone, useVerificationApp } from '../test/verification-app';
import { SmsCodeService } from './sms-code.service';
import { msUntilChinaMidnight } from '../common/china-time';

/**
 * With REDIS_URL the captcha answers, codes and counters live in Redis, shared by every server
 * instance: the lifetimes and key names here, and the same races as on the memory store
 * (sms-races.cases.ts), decided by Redis (SET NX, INCR, GETDEL).
 */
describe('verification with REDIS_URL', () => {
  const v = useVerificationApp({ REDIS_URL: TEST_REDIS_URL });
  let redis: Redis;
  beforeAll(() => {
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: v.t.config.redisKeyPrefix });
  });
  // Declared after useVerificationApp's afterAll, so it runs once the app is closed.
  afterAll(async () => {
    // This run's keys (some counters live a day): KEYS answers full names, DEL would prefix them again.
    const plain = new Redis(TEST_REDIS_URL);
    const leftovers = await plain.keys(`${v.t.config.redisKeyPrefix}*`);
    if (leftovers.length) await plain.del(...leftovers);
    await plain.quit();
    await redis.quit();
  });

  it('uses the Redis store', () => {
    expect(v.store).toBeInstanceOf(RedisKvStore);
  });

  it('keeps the captcha 5 minutes and the code 5 minutes, single-use, under hashed names', async () => {
    const client = await v.loggedIn();
    const phone = newPhone();
    const captcha = await client.captcha();
    const captchaTtl = await redis.pttl(v.keys.captcha(captcha.captcha_id));
    expect(captchaTtl).toBeGreaterThan(290_000);
    expect(captchaTtl).toBeLessThanOrEqual(300_000);

    await v.send(client, phone, captcha).expect(200);
    expect(await redis.exists(v.keys.captcha(captcha.captcha_id))).toBe(0);
    expect((await v.send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });

    const codeTtl = await redis.pttl(v.keys.smsCode(phone));
    expect(codeTtl).toBeGreaterThan(290_000);
    expect(codeTtl).toBeLessThanOrEqual(300_000);
    const cooldownTtl = await redis.pttl(v.keys.phoneCooldown(phone));
    expect(cooldownTtl).toBeGreaterThan(50_000);
    expect(cooldownTtl).toBeLessThanOrEqual(60_000);
    expect(await redis.get(v.keys.phoneDay(phone))).toBe('1');
    expect(await redis.pttl(v.keys.phoneDay(phone))).toBeLessThanOrEqual(msUntilChinaMidnight() + 1000); // Redis keeps its own clock
    const names = await redis.keys(`${v.t.config.redisKeyPrefix}*`);
    expect(names.join('\n')).not.toContain(phone);

    const [sent] = v.sentTo(phone);
    await v.t.app.get(SmsCodeService).consume(phone, sent.code as string);
    expect(await redis.exists(v.keys.smsCode(phone))).toBe(0);
  });

  it('expires a captcha when Redis does', async () => {
    const client = await v.loggedIn();
    const captcha = await client.captcha();
    await redis.pexpire(v.keys.captcha(captcha.captcha_id), 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((await v.send(client, newPhone(), captcha).expect(400)).body).toMatchObject({ status: 12001, error_code: 12001 });
  });

  describeSendRaces(v);
  describeConsumeRaces(v);
  describeSpend(v);
});
