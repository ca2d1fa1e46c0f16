import { ErrorCode } from '@shanqian/shared';
import { SMS_CODE_MAX_TRIES, SmsCodeService } from '../verification/sms-code.service';
import { SMS_LIMITS } from '../verification/sms-send-limits.service';
import { msUntilChinaMidnight } from '../common/china-time';
import { newIp, newPhone, VerificationApp, wrongCode } from './verification-app';

/*
 * The races of sending and checking SMS codes, written once and run on each store: the memory store
 * (verify-code.e2e-spec.ts, sms-code.e2e-spec.ts) and Redis (verification-redis.e2e-spec.ts), where
 * SET NX, INCR and GETDEL decide them. Not a spec file itself: the spec files call these inside the
 * describe that owns their app (useVerificationApp).
 */

/** POST /verifycode: the 60 s slot, the daily limit per phone and the hourly limit per IP, under concurrent requests. */
export function describeSendRaces(v: VerificationApp): void {
  describe('send limits', () => {
    it('sends at most once per phone per 60 s when 8 requests race, telling the others when to retry', async () => {
      const client = await v.loggedIn();
      const phone = newPhone();
      const captchas = await Promise.all(Array.from({ length: 8 }, () => client.captcha()));
      const answers = await Promise.all(captchas.map((captcha) => v.send(client, phone, captcha)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused).toHaveLength(7);
      for (const r of refused) {
        expect(r.body).toMatchObject({ status: ErrorCode.SmsTooFrequent, error_code: ErrorCode.SmsTooFrequent, data: null });
        expect(r.body.msg).toMatch(/秒后再试/);
        expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(60);
      }
      expect(v.sentTo(phone)).toHaveLength(1);
      // Another number is not held up.
      await v.send(client, newPhone(), await client.captcha()).expect(200);
    });

    it('sends at most 10 codes per phone per day; a refused send gives the 60 s slot back', async () => {
      const client = await v.loggedIn();
      const phone = newPhone();
      // Nine sends already today (the counter the limit keeps), so the next is the tenth.
      await v.store.set(v.keys.phoneDay(phone), String(SMS_LIMITS.phonePerDay - 1), msUntilChinaMidnight());
      await v.send(client, phone, await client.captcha()).expect(200);
      await v.store.delete(v.keys.phoneCooldown(phone)); // as if 60 s had passed
      for (let i = 0; i < 2; i++) {
        const res = await v.send(client, phone, await client.captcha()).expect(429);
        expect(res.body).toMatchObject({ status: ErrorCode.SmsDailyLimit, error_code: ErrorCode.SmsDailyLimit });
        expect(res.body.msg).toMatch(/该手机号今日/);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(86_400);
        expect(await v.store.get(v.keys.phoneCooldown(phone))).toBeNull(); // the refused send gave its slot back
      }
      expect(v.sentTo(phone)).toHaveLength(1);
    });

    it('limits one IP to 60 sends an hour, atomically when requests race', async () => {
      const ip = newIp();
      const client = await v.loggedIn(ip);
      await v.store.set(v.keys.ipHour(ip), String(SMS_LIMITS.ipPerHour - 3), SMS_LIMITS.ipWindowMs);
      const captchas = await Promise.all(Array.from({ length: 6 }, () => client.captcha()));
      const answers = await Promise.all(captchas.map((captcha) => v.send(client, newPhone(), captcha)));
      expect(answers.filter((r) => r.status === 200)).toHaveLength(3);
      const refused = answers.filter((r) => r.status === 429);
      expect(refused).toHaveLength(3);
      for (const r of refused) {
        expect(r.body).toMatchObject({ status: ErrorCode.SmsTooFrequent, error_code: ErrorCode.SmsTooFrequent });
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(60);
      }
      const elsewhere = await v.loggedIn();
      await v.send(elsewhere, newPhone(), await elsewhere.captcha()).expect(200);
    });
  });
}

/** SmsCodeService.consume: one code, many concurrent checks. */
export function describeConsumeRaces(v: VerificationApp): void {
  describe('SmsCodeService.consume races', () => {
    it('counts racing wrong tries exactly: four wrong, then the code is void', async () => {
      const client = await v.loggedIn();
      const codes = v.t.app.get(SmsCodeService);
      const phone = newPhone();
      const code = await client.smsCode(phone);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(phone, wrongCode(code))));
      const byCode = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: ErrorCode }).code : 0));
      expect(byCode.filter((c) => c === ErrorCode.SmsCodeInvalid)).toHaveLength(SMS_CODE_MAX_TRIES - 1);
      expect(byCode.filter((c) => c === ErrorCode.SmsCodeAttemptsExceeded)).toHaveLength(10 - (SMS_CODE_MAX_TRIES - 1));
      await expect(codes.consume(phone, code)).rejects.toMatchObject({ code: ErrorCode.SmsCodeAttemptsExceeded });
    });

    it('lets exactly one of racing right answers through', async () => {
      const client = await v.loggedIn();
      const codes = v.t.app.get(SmsCodeService);
      const phone = newPhone();
      const code = await client.smsCode(phone);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(phone, code)));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results.filter((r) => r.status === 'rejected')) {
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      }
    });
  });
}
