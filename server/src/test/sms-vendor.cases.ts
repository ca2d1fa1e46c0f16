import { ErrorCode } from '@shanqian/shared';
import { SmsCodeService } from '../verification/sms-code.service';
import { SMS_SENDER, SmsSender } from '../verification/sms/sms-sender';
import { ReceivedRequest } from './fake-http.server';
import { FakeSmsVendorServer, VENDOR_REFUSED_PHONE, VENDOR_SILENT_PHONE } from './fake-sms-vendor.server';
import { newPhone, useVerificationApp } from './verification-app';

/** One SMS vendor as the cases below drive it: the app sends through the official SDK to a fake of the vendor's API. */
export interface SmsVendorUnderTest {
  provider: 'tencent' | 'aliyun';
  sender: abstract new (...args: never[]) => SmsSender;
  fake: FakeSmsVendorServer;
  /** The secret the app signs with, which no log line may show. */
  secret: string;
  /** Checks that `request` is the SendSms the app owes `phone`; answers the code it carries. */
  codeIn(request: ReceivedRequest, phone: string): string;
  /** What the sms.send_failed line's reason names for each failure. */
  reasons: { refused: RegExp; unknownKey: RegExp; wrongSecret: RegExp; noAnswer: RegExp };
}

/*
 * POST /verifycode through a real vendor SDK making real HTTP requests to a local fake of the
 * vendor (fake-tencent-sms.server.ts, fake-aliyun-sms.server.ts), which checks the request's
 * signature as the vendor does. Not a spec file itself: each vendor's spec file calls this inside its
 * top describe, as it owns the one app of the file.
 */
/** The shortest timeout the setting allows (8 s by default): the silent vendor's test waits it out. */
const SMS_TIMEOUT_MS = 1000;

export function describeSmsVendor(vendor: SmsVendorUnderTest): void {
  const { fake } = vendor;
  let url = '';
  beforeAll(async () => {
    url = await fake.start();
  });
  const v = useVerificationApp(() => ({ ...fake.appEnv(url), SMS_TIMEOUT_MS: String(SMS_TIMEOUT_MS) }));
  afterAll(() => fake.stop());
  afterEach(() => fake.resetKeys());

  /** POST /verifycode for `phone` from a fresh logged-in client; the answer and the requests the fake received meanwhile. */
  const ask = async (phone: string, status: number) => {
    const client = await v.loggedIn();
    const captcha = await client.captcha();
    const before = fake.requests.length;
    const res = await v.send(client, phone, captcha).expect(status);
    return { res, requests: fake.requests.slice(before) };
  };

  /** 502 12006; the code the vendor was given works nowhere; one log line says why, with neither the secret nor the code. */
  const expectFailed = async (phone: string, { res, requests }: Awaited<ReturnType<typeof ask>>, reason: RegExp) => {
    expect(res.body).toEqual({ status: ErrorCode.SmsSendFailed, error_code: ErrorCode.SmsSendFailed, msg: '短信发送失败，请稍后再试', data: null });
    expect(requests).toHaveLength(1);
    const code = vendor.codeIn(requests[0], phone);
    expect(await v.store.get(v.keys.smsCode(phone))).toBeNull();
    await expect(v.t.app.get(SmsCodeService).consume(phone, code)).rejects.toMatchObject({ code: ErrorCode.SmsCodeInvalid });
    expect(v.sentTo(phone)).toHaveLength(0);
    const { time, ...failure } = v.t.logs.events('sms.send_failed').at(-1)!; // the time's digits could hold any six
    expect(failure).toMatchObject({ provider: vendor.provider, phone: `${phone.slice(0, 3)}****${phone.slice(-4)}`, reason: expect.stringMatching(reason) });
    expect(JSON.stringify(failure)).not.toContain(code);
    expect(JSON.stringify(v.t.logs.lines)).not.toContain(vendor.secret);
  };

  it('sends the code through the vendor and answers error_code 0; the code the vendor got is the one that works', async () => {
    expect(v.t.app.get(SMS_SENDER)).toBeInstanceOf(vendor.sender);
    const phone = newPhone();
    const { res, requests } = await ask(phone, 200);
    expect(res.body).toEqual({ status: 0, msg: '', data: {}, error_code: 0 });
    expect(requests).toHaveLength(1);
    const code = vendor.codeIn(requests[0], phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(v.sentTo(phone).map((l) => l.code)).toEqual([code]);
    await v.t.app.get(SmsCodeService).consume(phone, code);
  });

  it('answers 502 when the vendor refuses the number, keeping no code', async () => {
    await expectFailed(VENDOR_REFUSED_PHONE, await ask(VENDOR_REFUSED_PHONE, 502), vendor.reasons.refused);
  });

  it('answers 502 when the vendor does not know the key id', async () => {
    fake.keyId = 'a-key-the-vendor-never-issued';
    const phone = newPhone();
    await expectFailed(phone, await ask(phone, 502), vendor.reasons.unknownKey);
  });

  it('answers 502 when the signature does not verify (the secret was rotated)', async () => {
    fake.secret = 'rotated-secret';
    const phone = newPhone();
    await expectFailed(phone, await ask(phone, 502), vendor.reasons.wrongSecret);
  });

  it(`answers 502 when the vendor never answers, once SMS_TIMEOUT_MS (${SMS_TIMEOUT_MS} ms) is over`, async () => {
    const started = Date.now();
    const answer = await ask(VENDOR_SILENT_PHONE, 502);
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(SMS_TIMEOUT_MS - 100);
    expect(waited).toBeLessThan(SMS_TIMEOUT_MS + 3000);
    await expectFailed(VENDOR_SILENT_PHONE, answer, vendor.reasons.noAnswer);
  });
}
