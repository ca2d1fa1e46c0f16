import { BridgeQueue } from '../bridges/common/bridge-queue';
import { PartnerError } from '../bridges/common/partner-client';
import { AdminClient } from './admin-client';
import { startTestApp, TestApp } from './test-app';
import { until } from './until';

/** Fast retries, so that a test sees several attempts in a second or two. */
const QUICK = { BRIDGE_BACKOFF_MS: '100', BRIDGE_QUEUE_POLL_MS: '50' };

const transient = (message = 'partner down', retryAfterMs?: number) =>
  new PartnerError({ partner: 'moka', operation: 'test', kind: 'transient', message, httpStatus: 503, retryAfterMs });

/**
 * The BridgeQueue contract, the same for the database outbox and for BullMQ: each job runs once,
 * dedupe keys, transient failures retried (honouring the partner's wait), permanent ones failed,
 * and jobs surviving a restart of the server. `env` picks the implementation (REDIS_URL or not).
 */
export function bridgeQueueCases(env: Record<string, string>): void {
  let t: TestApp;
  let queue: BridgeQueue;
  let admin: AdminClient;

  beforeAll(async () => {
    t = await startTestApp({ ...QUICK, ...env });
    queue = t.app.get(BridgeQueue);
    admin = await AdminClient.superAdmin(t);
  });
  afterAll(() => t.close());

  it('runs each job once; a dedupe key that is pending or done adds nothing', async () => {
    const seen: object[] = [];
    queue.handle('moka', 'test.once', async (payload) => void seen.push(payload));
    await queue.enqueue('moka', 'test.once', { n: 1 }, 'same');
    await queue.enqueue('moka', 'test.once', { n: 1, again: true }, 'same');
    await queue.enqueue('moka', 'test.once', { n: 2 });
    await queue.drain(10_000);
    await queue.enqueue('moka', 'test.once', { n: 1, later: true }, 'same');
    // The same key under another type is another job.
    queue.handle('moka', 'test.other', async (payload) => void seen.push(payload));
    await queue.enqueue('moka', 'test.other', { n: 3 }, 'same');
    await queue.drain(10_000);
    expect(seen).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await queue.pending('moka')).toBe(0);
  });

  it('retries a transient failure with backoff until it succeeds, and the status page tells', async () => {
    const calls: number[] = [];
    queue.handle('moka', 'test.flaky', async () => {
      calls.push(Date.now());
      if (calls.length < 3) throw transient(`partner down ${calls.length}`);
    });
    await queue.enqueue('moka', 'test.flaky', {}, 'flaky');
    await queue.drain(15_000);
    expect(calls).toHaveLength(3);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(90);

    const status = (await admin.get('/admin/bridges/status').expect(200)).body.data;
    const moka = status.find((b: { name: string }) => b.name === 'moka');
    expect(moka).toMatchObject({ name: 'moka', configured: false, pending_jobs: 0, last_success_at: expect.any(String) });
    expect(moka.recent_errors.slice(0, 2)).toEqual([
      { at: expect.any(String), operation: 'test.flaky', message: 'partner down 2' },
      { at: expect.any(String), operation: 'test.flaky', message: 'partner down 1' },
    ]);
  });

  it('waits at least the Retry-After the partner gave before the next attempt', async () => {
    const calls: number[] = [];
    queue.handle('moka', 'test.busy', async () => {
      calls.push(Date.now());
      if (calls.length === 1) throw transient('rate limited', 1500);
    });
    await queue.enqueue('moka', 'test.busy', {});
    await queue.drain(15_000);
    expect(calls).toHaveLength(2);
    expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(1500);
  });

  it('fails a job on a permanent error at once; enqueueing its key again gives it the new payload and another chance', async () => {
    const seen: object[] = [];
    queue.handle('moka', 'test.refused', async (payload: { ok?: boolean }) => {
      seen.push(payload);
      if (!payload.ok) throw new PartnerError({ partner: 'moka', operation: 'test', kind: 'permanent', message: 'refused', httpStatus: 400 });
    });
    await queue.enqueue('moka', 'test.refused', { ok: false }, 'refused');
    await queue.drain(10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(seen).toEqual([{ ok: false }]);
    expect(await queue.pending('moka')).toBe(0);

    await queue.enqueue('moka', 'test.refused', { ok: true }, 'refused');
    await queue.drain(10_000);
    expect(seen).toEqual([{ ok: false }, { ok: true }]);
  });

  it('lets hr read the status of every bridge, each off without credentials, and nobody without a session', async () => {
    await admin.post('/admin/users', { username: 'hr_bridges', name: '人事', role: 'hr', password: 'Hr-secret-2026' }).expect(200);
    const hr = new AdminClient(t);
    await hr.login('hr_bridges', 'Hr-secret-2026');
    const status = (await hr.get('/admin/bridges/status').expect(200)).body.data;
    expect(status.map((b: { name: string; configured: boolean }) => [b.name, b.configured])).toEqual([['leapin', false], ['moka', false], ['feishu', false]]);
    await new AdminClient(t).get('/admin/bridges/status').expect(401);
    const off = await admin.get('/admin/bridges/leapin/jobs').expect(409);
    expect(off.body).toMatchObject({ status: 18001, msg: 'LeapIn 未配置' });
  });

  it('keeps the jobs of a stopped server: a new server on the same data runs each exactly once', async () => {
    const attempts = new Map<number, number>();
    queue.handle('moka', 'test.restart', async (payload: { n: number }) => {
      attempts.set(payload.n, (attempts.get(payload.n) ?? 0) + 1);
      throw transient();
    });
    for (let n = 1; n <= 5; n++) await queue.enqueue('moka', 'test.restart', { n }, `restart-${n}`);
    await until(() => attempts.size === 5);
    expect(await queue.pending('moka')).toBe(5);
    await t.stop();

    t = await startTestApp({ ...QUICK, ...env }, t.storage);
    queue = t.app.get(BridgeQueue);
    const done: number[] = [];
    queue.handle('moka', 'test.restart', async (payload: { n: number }) => void done.push(payload.n));
    await queue.drain(15_000);
    for (let n = 1; n <= 5; n++) await queue.enqueue('moka', 'test.restart', { n }, `restart-${n}`);
    await queue.drain(10_000);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
  });
}
