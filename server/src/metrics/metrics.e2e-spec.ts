import { ErrorCode } from '@shanqian/shared';
import { BridgeQueue } from '../bridges/common/bridge-queue';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';

const TOKEN = 'metrics-token-for-the-spec-0123456789';

describe('GET /metrics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
  });
  afterAll(() => t.close());

  const scrape = async (): Promise<string> => (await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200).expect('Content-Type', /text\/plain/)).text;
  /** The value of one sample, `name{labels} value`, or undefined when absent. */
  const sample = (text: string, series: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
  };
  const requests = (labels: string) => `shanqian_http_request_duration_seconds_count{${labels}}`;

  it('answers as an unknown route would without the token or with another one', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-the-right-length!', TOKEN, `Basic ${TOKEN}`]) {
      const req = t.http().get('/metrics');
      const res = await (authorization ? req.set('Authorization', authorization) : req).expect(404);
      expect(res.body).toMatchObject({ status: ErrorCode.RouteNotFound, data: null });
    }
  });

  it('counts requests by registered route and status, refusals included, and the process defaults', async () => {
    const worker = new MiniProgramClient(t);
    await worker.get('/em_status').expect(401);
    await worker.login();
    await worker.get('/dict/Edu_Type').expect(200);
    await worker.get('/dict/no_such_dict').expect(404);
    await worker.get('/dict/no_such_dict_either').expect(404);
    await t.http().get('/companies').expect(400);

    const text = await scrape();
    expect(sample(text, requests('method="GET",route="/dict/:item",status="200"'))).toBe(1);
    expect(sample(text, requests('method="GET",route="/dict/:item",status="404"'))).toBe(2);
    expect(sample(text, requests('method="GET",route="/em_status",status="401"'))).toBe(1);
    // Refused by the protocol middleware before routing: no route to name, and no URL either.
    expect(sample(text, requests('method="GET",route="(unrouted)",status="400"'))).toBe(1);
    expect(text).not.toContain('no_such_dict');
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('# TYPE shanqian_signing_duration_seconds histogram');
  });

  it('reports the bridge queues’ depths at each scrape', async () => {
    expect(sample(await scrape(), 'shanqian_bridge_queue_pending_jobs{bridge="moka"}')).toBe(0);
    // Moka is not configured here, so nothing runs the job: it stays pending.
    await t.app.get(BridgeQueue).enqueue('moka', 'sync-users', {});
    const text = await scrape();
    expect(sample(text, 'shanqian_bridge_queue_pending_jobs{bridge="moka"}')).toBe(1);
    expect(sample(text, 'shanqian_bridge_queue_pending_jobs{bridge="feishu"}')).toBe(0);
  });
});
