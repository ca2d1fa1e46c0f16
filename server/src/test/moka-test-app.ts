import { AdminClient } from './admin-client';
import { FAKE_MOKA_API_KEY, FakeMokaServer } from './fake-moka.server';
import { startTestApp, TestApp } from './test-app';
import { BridgeQueue } from '../bridges/common/bridge-queue';

/** The key as Basic user name, the password empty. */
const BASIC_CREDENTIALS = Buffer.from(`${FAKE_MOKA_API_KEY}:`).toString('base64');
/** The Authorization header Moka expects. */
export const MOKA_BASIC_AUTH = `Basic ${BASIC_CREDENTIALS}`;

export interface MokaTestApp {
  t: TestApp;
  moka: FakeMokaServer;
  admin: AdminClient;
  /** Moka's entry of GET /admin/bridges/status. */
  status(): Promise<{ configured: boolean; pending_jobs: number; recent_errors: { operation: string; message: string }[] }>;
  /** Waits until Moka's queued jobs have all run. */
  drain(timeoutMs?: number): Promise<void>;
  /** Fails when the API key, or the Basic credentials made from it, appear in any log line. */
  expectKeyNeverLogged(): void;
  /** Fails when any request reached Moka less than a second after the one before (on the fake's clock, which paces the app). */
  expectPaced(): void;
  close(): Promise<void>;
}

/** Moka pointed at a fake, with short timeouts, backoffs and queue polls. */
export function mokaTestEnv(baseUrl: string): Record<string, string> {
  return { MOKA_BASE_URL: baseUrl, MOKA_API_KEY: FAKE_MOKA_API_KEY, BRIDGE_TIMEOUT_MS: '2000', BRIDGE_BACKOFF_MS: '50', BRIDGE_QUEUE_POLL_MS: '50' };
}

/**
 * The app with Moka pointed at a fake, short backoffs and queue polls, and a logged-in super admin.
 * The app paces its Moka calls on the fake's clock: a second of Moka's pace costs no real time.
 */
export async function startMokaTestApp(env: Record<string, string> = {}): Promise<MokaTestApp> {
  const moka = new FakeMokaServer();
  const baseUrl = await moka.start();
  const t = await startTestApp({ ...mokaTestEnv(baseUrl), ...env }, undefined, { clock: moka.clock });
  const admin = await AdminClient.superAdmin(t);
  return {
    t,
    moka,
    admin,
    async status() {
      const res = await admin.get('/admin/bridges/status').expect(200);
      return res.body.data.find((bridge: { name: string }) => bridge.name === 'moka');
    },
    drain: (timeoutMs = 20_000) => t.app.get(BridgeQueue).drain(timeoutMs),
    expectKeyNeverLogged() {
      const logs = JSON.stringify(t.logs.lines);
      expect(logs).not.toContain(FAKE_MOKA_API_KEY);
      expect(logs).not.toContain(BASIC_CREDENTIALS);
    },
    expectPaced() {
      expect(moka.tooSoon).toEqual([]);
    },
    async close() {
      await t.close();
      await moka.stop();
    },
  };
}
