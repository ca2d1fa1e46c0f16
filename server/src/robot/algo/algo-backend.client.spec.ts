import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAppConfig } from '../../config/load-app-config';
import { FakeClock } from '../../test/fake-clock';
import { FakeRobotAlgoServer } from '../../test/fake-robot-algo.server';
import { AlgoBackendClient, AlgoBackendError, AlgoRequest } from './algo-backend.client';

const REQUEST: AlgoRequest = {
  conversation_id: '42',
  job: { name: '装配工', jd: '五休二，包住宿' },
  history: [
    { speaker: 'robot', msg: '您好，我们在招装配工', time: '2026-03-02T01:00:00.000Z' },
    { speaker: 'user', msg: '休息几天？' },
  ],
  message: '休息几天？',
};

describe('AlgoBackendClient against a fake backend', () => {
  const fake = new FakeRobotAlgoServer();
  const elsewhere = new FakeRobotAlgoServer();
  let base: string;

  /** A client with its own breakers, a 200 ms timeout and 10 ms backoff, on the fake as the only base. */
  function client(): AlgoBackendClient {
    const config = loadAppConfig({
      DATA_DIR: join(tmpdir(), 'robot-algo-spec'),
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      ROBOT_ALGO_BASE_URLS: `${base}/hunter`,
      ROBOT_ALGO_TIMEOUT_MS: '200',
      BRIDGE_BACKOFF_MS: '10',
    });
    return new AlgoBackendClient(config, new FakeClock());
  }

  beforeAll(async () => {
    base = await fake.start();
    fake.redirectTo = `${await elsewhere.start()}/stolen`;
  });
  afterAll(async () => {
    await fake.stop();
    await elsewhere.stop();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.mode = 'ok';
  });

  it('posts the contract body to base + robotApi and answers reply and intent', async () => {
    await expect(client().propose('/chat/v1', REQUEST)).resolves.toEqual({ reply: '这个岗位做五休二，包住宿。', intent: 'ask_detail' });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request.method).toBe('POST');
    expect(request.url.pathname).toBe('/hunter/chat/v1');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(REQUEST);
  });

  it('calls a full URL under the base as given, and an intent left out is null', async () => {
    fake.answerWith = { reply: '好的', intent: undefined as unknown as string };
    await expect(client().propose(`${base}/hunter/v2/chat`, REQUEST)).resolves.toEqual({ reply: '好的', intent: null });
    expect(fake.requests[0].url.pathname).toBe('/hunter/v2/chat');
    fake.answerWith = { reply: '这个岗位做五休二，包住宿。', intent: 'ask_detail' };
  });

  it('refuses, without calling, a robotApi no longer under a configured base', async () => {
    await expect(client().propose('http://169.254.169.254/latest/meta-data', REQUEST)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(client().propose('/../admin', REQUEST)).rejects.toBeInstanceOf(AlgoBackendError);
    expect(fake.requests).toHaveLength(0);
  });

  it('gives up on a slow backend after the timeout, retried once', async () => {
    fake.mode = 'slow';
    await expect(client().propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'transient', message: '200 毫秒内无应答' });
    expect(fake.requests).toHaveLength(2);
  });

  it('fails on HTTP 500 after one retry', async () => {
    fake.mode = 'failing';
    const error = await client().propose('/chat', REQUEST).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlgoBackendError);
    expect(error).toMatchObject({ kind: 'transient', message: 'HTTP 500' });
    expect(fake.requests).toHaveLength(2);
  });

  it.each([
    ['malformed', '答复缺少字符串 reply'],
    ['not_json', '答复不是 JSON'],
    ['oversized', '答复超过 65536 字节'],
  ] as const)('refuses a %s answer at once, without retrying', async (mode, message) => {
    fake.mode = mode;
    await expect(client().propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'permanent', message });
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a reply that is not a string, or too long, and an intent that is not a string', async () => {
    for (const answer of [{ reply: 42 }, { reply: 'x'.repeat(1001) }, { reply: '好', intent: { a: 1 } }]) {
      fake.answerWith = answer as never;
      await expect(client().propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'permanent' });
    }
    fake.answerWith = { reply: '这个岗位做五休二，包住宿。', intent: 'ask_detail' };
  });

  it('never follows a redirect: a failure, and nothing reaches the target', async () => {
    fake.mode = 'redirecting';
    await expect(client().propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'permanent', message: expect.stringContaining('重定向') });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('opens its breaker after 5 failing calls and then fails fast without calling', async () => {
    fake.mode = 'failing';
    const algo = client();
    for (let i = 0; i < 2; i++) await expect(algo.propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'transient' });
    // The fifth request opens the breaker; its retry is not even tried.
    await expect(algo.propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'unavailable' });
    await expect(algo.propose('/chat', REQUEST)).rejects.toMatchObject({ kind: 'unavailable', message: '连续失败，暂停调用，稍后再试' });
    expect(fake.requests).toHaveLength(5);
  });
});
