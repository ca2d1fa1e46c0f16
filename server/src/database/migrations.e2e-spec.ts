import { startTestApp, TestApp } from '../test/test-app';

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('build exactly the schema the entities describe', async () => {
    const pending = await t.db.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('are all recorded as run, so a restart changes nothing', async () => {
    expect(await t.db.showMigrations()).toBe(false);
    const run = await t.db.query('SELECT name FROM migrations ORDER BY id');
    expect(run.map((r: { name: string }) => r.name)).toEqual(t.db.migrations.map((m) => m.name));
  });
});
