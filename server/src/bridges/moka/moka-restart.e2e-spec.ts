import { AdminClient } from '../../test/admin-client';
import { FakeMokaServer } from '../../test/fake-moka.server';
import { mokaTestEnv } from '../../test/moka-test-app';
import { startTestApp, TestApp } from '../../test/test-app';
import { BridgeQueue } from '../common/bridge-queue';
import { Company } from '../../catalog/company.entity';

describe('Moka bridge: work queued before a restart', () => {
  const moka = new FakeMokaServer();
  let t: TestApp;
  afterAll(async () => {
    await t?.close();
    await moka.stop();
  });

  it('is sent once the server is back and Moka answers, exactly once', async () => {
    const env = mokaTestEnv(await moka.start());
    t = await startTestApp(env, undefined, { clock: moka.clock });
    const admin = await AdminClient.superAdmin(t);
    moka.down = true;
    const res = await admin.post('/admin/bridges/moka/sync-departments', { mode: 'full', confirm: true, wait_seconds: 0 }).expect(200);
    expect(res.body.data).toMatchObject({ state: 'queued', counts: null });
    await moka.waitForRequests(1);

    // The server stops (letting the attempt in hand finish), Moka comes back, the server starts again on the same data.
    await t.stop();
    moka.down = false;
    // A restart takes longer than Moka's second: the new server's first request is not too soon.
    moka.clock.advance(1000);
    const before = moka.requests.length;
    t = await startTestApp(env, t.storage, { clock: moka.clock });
    await t.app.get(BridgeQueue).drain(20_000);

    const sent = moka.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.url.pathname}`)).toEqual(['PUT /v1/departments']);
    const companies = await t.db.getRepository(Company).find({ order: { id: 'ASC' } });
    expect(JSON.parse(sent[0].body)).toEqual(companies.map((c) => ({ department_code: String(c.id), name: c.companyName, parent_code: null })));
    expect(moka.departments.size).toBe(companies.length);
    expect(moka.tooSoon).toEqual([]);
  });
});
