/**
 * The real server for the services specs, through the server's own test helpers (server/src/test).
 *
 * They are loaded with require(), not import, so that the mini-program's type check does not compile
 * the server under the mini-program's settings (wx's typings redefine `require`; the server has its
 * own check, `npm run typecheck`). What the specs need is typed here, once.
 */

const { startTestApp } = require('../../server/src/test/test-app');
const { AdminClient } = require('../../server/src/test/admin-client');
const { residentId, TINY_PNG, uniquePhone } = require('../../server/src/test/fixtures');
const { APPROVAL, signaturePng, uploadContract } = require('../../server/src/test/sign-fixtures');
const { ageOn } = require('../../server/src/employee/id-number');
const { KV_STORE } = require('../../server/src/common/kv/kv-store');
const { VerificationKeys } = require('../../server/src/verification/verification-keys.service');

type LogLine = Record<string, unknown>;

export interface TestServer {
  baseUrl: string;
  /** The captcha's answer, from the DEV_EXPOSE_CODES log line (the worker reads it off the image). */
  captchaAnswer(captchaId: string): string;
  /** How many SMS codes were sent so far, for `smsCodeSince`. */
  smsCount(): number;
  /** The SMS code sent to `phone` after the first `since` codes (DEV_EXPOSE_CODES log line). */
  smsCodeSince(since: number, phone: string): string;
  /** Minutes later in life: the phone's one-SMS-a-minute limit is over. */
  endSmsCooldown(phone: string): Promise<void>;
  /** HR approves the application of the worker with this phone, with a contract for the company. */
  approve(phone: string, companyId: number): Promise<void>;
  /** Ends every mini-program session, as their expiry would. */
  expireSessions(): Promise<void>;
  close(): Promise<void>;
}

export const fixtures = {
  residentId: residentId as (birthDate: string, male: boolean) => string,
  ageOn: ageOn as (birthDate: string) => number,
  uniquePhone: uniquePhone as () => string,
  /** A 1×1 PNG, the smallest image the upload accepts. */
  tinyPng: TINY_PNG as Buffer,
  /** A signature as the canvas exports it. */
  signaturePng: signaturePng as () => Buffer,
  approval: APPROVAL as { entry_date: string; salary: string },
};

export async function startServer(): Promise<TestServer> {
  const t = await startTestApp();
  const events = (event: string): LogLine[] => t.logs.events(event);
  return {
    baseUrl: t.baseUrl,
    captchaAnswer: (captchaId) => String(events('captcha.issued').find((l) => l.captcha_id === captchaId)?.text),
    smsCount: () => events('sms.sent').length,
    smsCodeSince: (since, phone) => String(events('sms.sent').slice(since).find((l) => l.phone === phone)?.code),
    endSmsCooldown: (phone) => t.app.get(KV_STORE).delete(t.app.get(VerificationKeys).phoneCooldown(phone)),
    async approve(phone, companyId) {
      const admin = await AdminClient.superAdmin(t);
      const application = (await admin.get(`/admin/applications?keyword=${phone}`).expect(200)).body.data.list[0];
      const contractId = await uploadContract(admin, companyId);
      await admin.post(`/admin/applications/${application.id}/approve`, { contract_id: contractId, ...APPROVAL }).expect(200);
    },
    expireSessions: () => t.db.query('DELETE FROM user_session'),
    close: () => t.close(),
  };
}
