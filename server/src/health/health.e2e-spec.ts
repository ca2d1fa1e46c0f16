import { LocalS3Server } from '../test/local-s3.server';
import { startTestApp, TEST_REDIS_URL, TestApp } from '../test/test-app';

/** terminus adds each check's responseTime. */
const up = expect.objectContaining({ status: 'up' });

describe('GET /healthz and GET /readyz', () => {
  const s3 = new LocalS3Server();
  let t: TestApp;
  beforeAll(async () => {
    await s3.start();
    t = await startTestApp({ ...s3.env(), REDIS_URL: TEST_REDIS_URL });
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('answers both without the protocol headers or a session, in terminus’s shape', async () => {
    expect((await t.http().get('/healthz').expect(200)).body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    const ready = await t.http().get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ok', info: { database: up, redis: up, object_store: up }, error: {}, details: { database: up, redis: up, object_store: up } });
    expect(ready.headers['x-unique-key']).toBeUndefined();
  });

  it('is not ready while the object store is down, naming it, and ready again once it is back; alive throughout', async () => {
    await s3.stop();
    const down = await t.http().get('/readyz').expect(503);
    expect(down.body).toMatchObject({ status: 'error', info: { database: up, redis: up }, error: { object_store: { status: 'down' } } });
    await t.http().get('/healthz').expect(200);

    await s3.start();
    expect((await t.http().get('/readyz').expect(200)).body.status).toBe('ok');
  });
});
