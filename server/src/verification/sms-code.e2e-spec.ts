import { ErrorCode } from '@shanqian/shared';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';
import { SMS_CODE_MAX_TRIES, SmsCodeService } from './sms-code.service';
import { VerificationKeys } from './verification-keys.service';

let phoneSeq = 0;
const newPhone = () => `1502345${String(++phoneSeq).padStart(4, '0')}`;
/** A six-digit code other than `code`. */
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** On the in-memory store; verification-redis.e2e-spec.ts repeats the races on Redis. */
describe('SmsCodeService.consume', () => {
  let t: TestApp;
  let codes: SmsCodeService;
  let store: KvStore;
  let keys: VerificationKeys;
  let client: MiniProgramClient;
  beforeAll(async () => {
    t = await startTestApp();
    codes = t.app.get(SmsCodeService);
    store = t.app.get<KvStore>(KV_STORE);
    keys = t.app.get(VerificationKeys);
    client = new MiniProgramClient(t);
    await client.login();
  });
  afterAll(() => t.close());

  /** A code sent through POST /verifycode; the 60 s slot is cleared first, as if a minute had passed. */
  const sendCode = async (phone: string): Promise<string> => {
    await store.delete(keys.phoneCooldown(phone));
    return client.smsCode(phone);
  };
  const rejects = (promise: Promise<void>, code: ErrorCode) => expect(promise).rejects.toMatchObject({ code });

  it('accepts the right code once; it is gone afterwards', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    await codes.consume(phone, code);
    expect(await store.get(keys.smsCode(phone))).toBeNull();
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeInvalid);
  });

  it('answers a missing code with a 400 naming the field', async () => {
    const phone = newPhone();
    await sendCode(phone);
    for (const missing of [undefined, null, '', '  ']) {
      await expect(codes.consume(phone, missing)).rejects.toMatchObject({ code: ErrorCode.ValidationFailed, httpStatus: 400, message: 'verify_code: 请输入短信验证码' });
    }
    await expect(codes.consume(phone, undefined, 'code')).rejects.toMatchObject({ message: 'code: 请输入短信验证码' });
  });

  it('binds the code to its phone', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    await rejects(codes.consume(newPhone(), code), ErrorCode.SmsCodeInvalid);
    await codes.consume(phone, code);
  });

  it('counts a wrong code as a try; the right one still works afterwards', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    await rejects(codes.consume(phone, wrong(code)), ErrorCode.SmsCodeInvalid);
    await rejects(codes.consume(phone, '12345'), ErrorCode.SmsCodeInvalid);
    expect(await store.get(keys.smsTries(phone))).toBe('2');
    await codes.consume(phone, ` ${code} `);
    expect(await store.get(keys.smsTries(phone))).toBeNull();
  });

  it('voids the code at the fifth wrong try, until a new one is sent', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    for (let i = 1; i < SMS_CODE_MAX_TRIES; i++) await rejects(codes.consume(phone, wrong(code)), ErrorCode.SmsCodeInvalid);
    await rejects(codes.consume(phone, wrong(code)), ErrorCode.SmsCodeAttemptsExceeded);
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeAttemptsExceeded);
    expect(await store.get(keys.smsCode(phone))).toBeNull();

    const fresh = await sendCode(phone);
    expect(await store.get(keys.smsTries(phone))).toBeNull();
    await codes.consume(phone, fresh);
  });

  it('counts racing wrong tries exactly: four wrong, then the code is void', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(phone, wrong(code))));
    const byCode = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: ErrorCode }).code : 0));
    expect(byCode.filter((c) => c === ErrorCode.SmsCodeInvalid)).toHaveLength(SMS_CODE_MAX_TRIES - 1);
    expect(byCode.filter((c) => c === ErrorCode.SmsCodeAttemptsExceeded)).toHaveLength(10 - (SMS_CODE_MAX_TRIES - 1));
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeAttemptsExceeded);
  });

  it('lets exactly one of racing right answers through', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => codes.consume(phone, code)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((r) => r.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: ErrorCode.SmsCodeInvalid });
    }
  });

  it('replaces the earlier code with a new send', async () => {
    const phone = newPhone();
    const first = await sendCode(phone);
    await rejects(codes.consume(phone, wrong(first)), ErrorCode.SmsCodeInvalid);
    const second = await sendCode(phone);
    expect(await store.get(keys.smsTries(phone))).toBeNull();
    if (first !== second) await rejects(codes.consume(phone, first), ErrorCode.SmsCodeInvalid);
    await codes.consume(phone, second);
  });

  it('refuses an expired code: the store forgets it after five minutes', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const key = keys.smsCode(phone);
    await store.set(key, (await store.get(key))!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeInvalid);
  });
});
