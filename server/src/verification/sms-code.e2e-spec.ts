import { ErrorCode } from '@shanqian/shared';
import { MiniProgramClient } from '../test/api-client';
import { describeSpend } from '../test/sms-spend.cases';
import { describeConsumeRaces } from '../test/sms-races.cases';
import { newPhone, useVerificationApp, wrongCode } from '../test/verification-app';
import { SMS_CODE_MAX_TRIES, SmsCodeService } from './sms-code.service';

/** On the in-memory store; verification-redis.e2e-spec.ts runs the same races (sms-races.cases.ts) on Redis. */
describe('SmsCodeService.consume', () => {
  const v = useVerificationApp();
  let codes: SmsCodeService;
  let client: MiniProgramClient;
  beforeAll(async () => {
    codes = v.t.app.get(SmsCodeService);
    client = await v.loggedIn();
  });

  /** A code sent through POST /verifycode; the 60 s slot is cleared first, as if a minute had passed. */
  const sendCode = async (phone: string): Promise<string> => {
    await v.store.delete(v.keys.phoneCooldown(phone));
    return client.smsCode(phone);
  };
  const rejects = (promise: Promise<void>, code: ErrorCode) => expect(promise).rejects.toMatchObject({ code });

  it('accepts the right code once; it is gone afterwards', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    await codes.consume(phone, code);
    expect(await v.store.get(v.keys.smsCode(phone))).toBeNull();
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
    await rejects(codes.consume(phone, wrongCode(code)), ErrorCode.SmsCodeInvalid);
    await rejects(codes.consume(phone, '12345'), ErrorCode.SmsCodeInvalid);
    expect(await v.store.get(v.keys.smsTries(phone))).toBe('2');
    await codes.consume(phone, ` ${code} `);
    expect(await v.store.get(v.keys.smsTries(phone))).toBeNull();
  });

  it('voids the code at the fifth wrong try, until a new one is sent', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    for (let i = 1; i < SMS_CODE_MAX_TRIES; i++) await rejects(codes.consume(phone, wrongCode(code)), ErrorCode.SmsCodeInvalid);
    await rejects(codes.consume(phone, wrongCode(code)), ErrorCode.SmsCodeAttemptsExceeded);
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeAttemptsExceeded);
    expect(await v.store.get(v.keys.smsCode(phone))).toBeNull();

    const fresh = await sendCode(phone);
    expect(await v.store.get(v.keys.smsTries(phone))).toBeNull();
    await codes.consume(phone, fresh);
  });

  it('replaces the earlier code with a new send', async () => {
    const phone = newPhone();
    const first = await sendCode(phone);
    await rejects(codes.consume(phone, wrongCode(first)), ErrorCode.SmsCodeInvalid);
    const second = await sendCode(phone);
    expect(await v.store.get(v.keys.smsTries(phone))).toBeNull();
    if (first !== second) await rejects(codes.consume(phone, first), ErrorCode.SmsCodeInvalid);
    await codes.consume(phone, second);
  });

  it('refuses an expired code: the store forgets it after five minutes', async () => {
    const phone = newPhone();
    const code = await sendCode(phone);
    const key = v.keys.smsCode(phone);
    await v.store.set(key, (await v.store.get(key))!, 1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await rejects(codes.consume(phone, code), ErrorCode.SmsCodeInvalid);
  });

  describeConsumeRaces(v);
  describeSpend(v);
});
