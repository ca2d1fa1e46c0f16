import { FAKE_LEAPIN_ACCESS_ID, FAKE_LEAPIN_ACCESS_SECRET, FakeLeapinServer } from '../../test/fake-leapin.server';
import { AdminClient } from '../../test/admin-client';
import { applyingWorker } from '../../test/sign-fixtures';
import { startTestApp, TestApp } from '../../test/test-app';
import { until } from '../../test/until';
import { BridgeQueue } from '../common/bridge-queue';
import { LeapinInvite } from './leapin-invite.entity';

/** The LeapIn bridge across a server restart, and its scheduled pull (LEAPIN_PULL_INTERVAL_MS). */
describe('LeapIn bridge: restart and scheduled pull', () => {
  const fake = new FakeLeapinServer();
  let t: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    await fake.start();
    env = {
      LEAPIN_BASE_URL: fake.baseUrl,
      LEAPIN_ACCESS_ID: FAKE_LEAPIN_ACCESS_ID,
      LEAPIN_ACCESS_SECRET: FAKE_LEAPIN_ACCESS_SECRET,
      LEAPIN_PULL_INTERVAL_MS: '300',
      BRIDGE_TIMEOUT_MS: '1000',
      BRIDGE_BACKOFF_MS: '50',
      BRIDGE_QUEUE_POLL_MS: '50',
    };
    t = await startTestApp(env);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('sends an invitation queued during an outage exactly once, after the server was restarted', async () => {
    const { applicationId } = await applyingWorker(t);
    const admin = await AdminClient.superAdmin(t);
    fake.down = true;
    await admin.post('/admin/bridges/leapin/invite', { job_id: 20, application_ids: [applicationId] }).expect(200);
    await until(async () => fake.calls('/access_token/', 'POST').length > 0);
    await t.stop();

    fake.down = false;
    t = await startTestApp(env, t.storage);
    await t.app.get(BridgeQueue).drain(20_000);
    expect(fake.applications).toHaveLength(1);
    const row = await t.db.getRepository(LeapinInvite).findOneByOrFail({ applicationId });
    expect(row.leapinApplicationId).toBe(fake.applications[0].id);
  });

  it('pulls the outcomes on its own every LEAPIN_PULL_INTERVAL_MS', async () => {
    const [application] = fake.applications;
    fake.assess(application.id, { status: 1, report_status: 3, leapin_total_score: 88, leapin_rank: 1, leapin_report_url: 'https://app.leapin-ai.com/report/z' });
    const invites = t.db.getRepository(LeapinInvite);
    await until(async () => (await invites.findOneByOrFail({ leapinApplicationId: application.id })).totalScore === '88.00');
    const row = await invites.findOneByOrFail({ leapinApplicationId: application.id });
    expect(row).toMatchObject({ status: 1, reportStatus: 3, leapinRank: 1, reportUrl: 'https://app.leapin-ai.com/report/z', pulledAt: expect.any(Date) });
    expect(fake.calls('/jobs/applications/').every((r) => r.url.search === '?job_id=20&page_size=100')).toBe(true);
  });
});
