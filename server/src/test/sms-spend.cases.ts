import { ErrorCode } from '@shanqian/shared';
import { SMS_CODE_TTL_MS, SmsCodeService } from '../verification/sms-code.service';
import { newPhone, VerificationApp, wrongCode } from './verification-app';

/*
 * SmsCodeService.spend and spendOrProven: a code is used up only by work that succeeds. Written once
 * and run on each store: memory (sms-code.e2e-spec.ts) and Redis (verification-redis.e2e-spec.ts).
 */
export function describeSpend(v: VerificationApp): void {
  describe('SmsCodeService.spend', () => {
    let codes: SmsCodeService;
    beforeAll(() => (codes = v.t.app.get(SmsCodeService)));

    const failure = new Error('the work failed');
    const failingWork = async (): Promise<never> => {
      throw failure;
    };
    /** A code for a fresh phone, sent through POST /verifycode. */
    const sent = async (): Promise<{ phone: string; code: string }> => {
      const phone = newPhone();
      return { phone, code: await (await v.loggedIn()).smsCode(phone) };
    };
    /** The remaining lifetime of `key`, read without changing it. */
    const ttlOf = async (key: string): Promise<number | null> => {
      const taken = await v.store.takeWithTtl(key);
      if (taken) await v.store.set(key, taken.value, taken.ttlMs);
      return taken && taken.ttlMs;
    };

    it('uses the code up when the work succeeds, answering what the work answers', async () => {
      const { phone, code } = await sent();
      expect(await codes.spend(phone, code, async () => 'done')).toBe('done');
      expect(await v.store.get(v.keys.smsCode(phone))).toBeNull();
      await expect(codes.consume(phone, code)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
    });

    it('gives the code back with its remaining lifetime and wrong tries when the work throws', async () => {
      const { phone, code } = await sent();
      await expect(codes.consume(phone, wrongCode(code))).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      await expect(codes.consume(phone, wrongCode(code))).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      // Two minutes left: the code comes back with at most that, not with a fresh five minutes.
      const codeKey = v.keys.smsCode(phone);
      await v.store.set(codeKey, (await v.store.get(codeKey))!, 120_000);

      await expect(codes.spend(phone, ` ${code} `, failingWork)).rejects.toBe(failure);

      const left = await ttlOf(codeKey);
      expect(left).toBeGreaterThan(100_000);
      expect(left).toBeLessThanOrEqual(120_000);
      expect(await v.store.get(v.keys.smsTries(phone))).toBe('2');
      const triesLeft = await ttlOf(v.keys.smsTries(phone));
      expect(triesLeft).toBeGreaterThan(0);
      expect(triesLeft).toBeLessThanOrEqual(SMS_CODE_TTL_MS);
      expect(await codes.spend(phone, code, async () => 'second try')).toBe('second try');
      expect(await v.store.get(v.keys.smsTries(phone))).toBeNull();
    });

    it('runs no work for a wrong or missing code', async () => {
      const { phone, code } = await sent();
      const work = jest.fn(async () => 'done');
      await expect(codes.spend(phone, wrongCode(code), work)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      await expect(codes.spend(phone, '', work, 'code')).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, message: 'code: 请输入短信验证码' });
      expect(work).not.toHaveBeenCalled();
    });

    it('holds the code while the work runs: a racing request with the same code is refused', async () => {
      const { phone, code } = await sent();
      let started!: () => void;
      let finish!: () => void;
      const workStarted = new Promise<void>((resolve) => (started = resolve));
      const running = codes.spend(phone, code, () => {
        started();
        return new Promise<void>((resolve) => (finish = resolve));
      });
      await workStarted;
      const racer = jest.fn(async () => undefined);
      await expect(codes.spend(phone, code, racer)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      finish();
      await running;
      expect(racer).not.toHaveBeenCalled();
    });

    it('does not give an old code back over a new one sent while the work ran', async () => {
      const client = await v.loggedIn();
      const phone = newPhone();
      const first = await client.smsCode(phone);
      let second = '';
      await expect(
        codes.spend(phone, first, async () => {
          await v.store.delete(v.keys.phoneCooldown(phone)); // as if a minute had passed
          second = await client.smsCode(phone);
          throw failure;
        }),
      ).rejects.toBe(failure);
      if (first !== second) await expect(codes.consume(phone, first)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      await codes.consume(phone, second);
    });

    it('spendOrProven gives a remembered proof back when the work throws, and uses it up when it succeeds', async () => {
      const { phone, code } = await sent();
      const userId = 987_654;
      await codes.consumeAndRemember(userId, phone, code);
      const proofKey = v.keys.phoneProven(userId, phone);

      await expect(codes.spendOrProven(userId, phone, undefined, failingWork)).rejects.toBe(failure);
      expect(await v.store.get(proofKey)).toBe('1');
      expect(await codes.spendOrProven(userId, phone, null, async () => 'done')).toBe('done');
      expect(await v.store.get(proofKey)).toBeNull();
      await expect(codes.spendOrProven(userId, phone, undefined, async () => 'again')).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    });

    it('spendLast takes the code when the work says so, and gives it back when the work fails after that', async () => {
      const { phone, code } = await sent();
      const steps: string[] = [];
      await expect(
        codes.spendLast(1, phone, code, async (take) => {
          steps.push('write');
          await take();
          steps.push('taken');
          throw failure; // the commit failed
        }),
      ).rejects.toBe(failure);
      expect(steps).toEqual(['write', 'taken']);
      expect(await v.store.get(v.keys.smsCode(phone))).not.toBeNull();

      await expect(codes.spendLast(1, phone, wrongCode(code), async (take) => take())).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
      const succeeding = async (take: () => Promise<void>) => {
        await take();
        return 'done';
      };
      expect(await codes.spendLast(1, phone, code, succeeding)).toBe('done');
      await expect(codes.consume(phone, code)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
    });

    it('spendOrProven with a code given spends the code, giving it back when the work throws', async () => {
      const { phone, code } = await sent();
      await expect(codes.spendOrProven(1, phone, code, failingWork)).rejects.toBe(failure);
      expect(await codes.spendOrProven(1, phone, code, async () => 'done')).toBe('done');
      await expect(codes.consume(phone, code)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
    });
  });
}

