import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, HEADER } from '@shanqian/shared';
import { LocalRedisServer } from '../../test/local-redis.server';
import { testCaEnv } from '../../test/test-ca';
import { until } from '../../test/until';

/** The built server that `npm start` runs (npm test builds before testing). */
const MAIN = join(__dirname, '../../../dist/main.js');

/**
 * Issue 10: started with REDIS_URL pointing at nothing, the server exited 1 with a raw
 * MaxRetriesPerRequestError stack. The choice made: it starts degraded, says so in one log line,
 * keeps stderr free of ioredis' "Unhandled error event", and serves captchas once Redis is up.
 */
describe('the built server started with Redis unreachable', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanqian-redis-start-'));
  let redis: LocalRedisServer;
  let child: ChildProcess;
  let stdout = '';
  let stderr = '';
  afterAll(async () => {
    if (child?.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts degraded, answers 503 10013 for a captcha, and serves it once Redis is up', async () => {
    redis = await LocalRedisServer.onFreePort();
    child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'info', REDIS_URL: redis.url, REDIS_CONNECT_TIMEOUT_MS: '200', ...testCaEnv() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    await until(() => /listening on http:\/\/127\.0\.0\.1:\d+/.test(stdout) || child.exitCode !== null, 20_000);
    expect(child.exitCode).toBeNull();
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(stdout)![1];
    const captcha = () => fetch(`http://127.0.0.1:${port}/captcha?format=json`, { headers: { [HEADER.platformCode]: 'wxmp' } });

    const refused = await captcha();
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ status: ErrorCode.StoreUnavailable });
    expect(stdout.match(/Redis at 127\.0\.0\.1:\d+ is unreachable/g)).toHaveLength(1);

    await redis.start();
    await until(async () => (await captcha()).status === 200, 5000);
    expect(stdout).toMatch(/is reachable again/);
    expect(stderr).not.toMatch(/Unhandled error event/);
  });
});
