import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { NestExpressApplication } from '@nestjs/platform-express';
import { createConnection } from 'mysql2/promise';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../app.factory';
import type { AppOptions } from '../app.module';
import { AppConfig } from '../config/app-config';
import { loadAppConfig } from '../config/load-app-config';
import { FAKE_WECHAT_APPID, FAKE_WECHAT_SECRET, FakeWechatServer } from './fake-wechat.server';
import { testCaEnv } from './test-ca';

export const TEST_DB = (process.env.TEST_DB ?? 'sqlite') as 'sqlite' | 'mariadb';
export const MARIADB_ROOT = process.env.TEST_MARIADB_URL ?? 'mariadb://root@127.0.0.1:3306';
/** The super admin every test app starts with (ADMIN_BOOTSTRAP_USERNAME / ADMIN_BOOTSTRAP_PASSWORD). */
export const TEST_SUPER_ADMIN = { username: 'superadmin', password: 'Sup3rSecret!pass' } as const;
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

/** JSON log lines the app wrote; with DEV_EXPOSE_CODES=1 they carry captcha answers and SMS codes. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        this.lines.push(JSON.parse(line));
      } catch {
        this.lines.push({ raw: line });
      }
      if (process.env.TEST_LOGS) process.stdout.write(`${line}\n`);
    }
    done();
  }

  events(event: string): Record<string, unknown>[] {
    return this.lines.filter((line) => line.event === event);
  }
}

/** Where a test app keeps its data: a later app started on the same storage sees it (a restart). */
export interface TestStorage {
  dataDir: string;
  dbName: string;
}

export interface TestApp {
  app: NestExpressApplication;
  storage: TestStorage;
  config: AppConfig;
  db: DataSource;
  wechat: FakeWechatServer;
  logs: LogCapture;
  baseUrl: string;
  /** supertest against the listening server (real HTTP). */
  http: () => ReturnType<typeof request>;
  /** Stops the app as a server shuts down and keeps its data, for `startTestApp(env, t.storage)`. */
  stop(): Promise<void>;
  /** Stops the app and deletes its data. */
  close(): Promise<void>;
}

/**
 * One per test file: nestjs-pino keeps one HTTP logger per process, so a second app in the same file
 * would write its log lines into the first one's capture.
 *
 * The real application on a real port, with a database of its own (a fresh SQLite file, or a fresh
 * MariaDB database created here and dropped on close), a fake WeChat, and captured logs. Given the
 * storage of an app that was stopped, the new app starts on that data instead (a restart; its HTTP
 * log lines still go to the first app's capture). `options.clock`: a FakeClock for the app's CLOCK.
 */
export async function startTestApp(env: Record<string, string> = {}, storage?: TestStorage, options: Pick<AppOptions, 'clock'> = {}): Promise<TestApp> {
  const wechat = new FakeWechatServer();
  const wechatUrl = await wechat.start();
  const dataDir = storage?.dataDir ?? mkdtempSync(join(tmpdir(), 'shanqian-test-'));
  const dbName = storage?.dbName ?? `shanqian_test_${randomBytes(5).toString('hex')}`;
  if (TEST_DB === 'mariadb' && !storage) await mariadb(`CREATE DATABASE \`${dbName}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);

  const config = loadAppConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    DEV_EXPOSE_CODES: '1',
    WECHAT_APPID: FAKE_WECHAT_APPID,
    WECHAT_SECRET: FAKE_WECHAT_SECRET,
    WECHAT_API_BASE: wechatUrl,
    WECHAT_TIMEOUT_MS: '1000',
    REDIS_KEY_PREFIX: `shanqian-test:${dbName}:`,
    // Each MiniProgramClient says where it connects from, as each worker's phone has its own network.
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'info',
    ADMIN_BOOTSTRAP_USERNAME: TEST_SUPER_ADMIN.username,
    ADMIN_BOOTSTRAP_PASSWORD: TEST_SUPER_ADMIN.password,
    // The OpenAPI document is tested on its own (api-docs.e2e-spec.ts); other apps skip loading swagger.
    API_DOCS: '0',
    ...testCaEnv(),
    ...(TEST_DB === 'mariadb' ? { DATABASE_URL: `${MARIADB_ROOT}/${dbName}` } : {}),
    ...env,
  });
  const logs = new LogCapture();
  const app = await createApp(config, { ...options, logDestination: logs });
  await app.listen(0, '127.0.0.1');
  const baseUrl = await app.getUrl();
  const server = app.getHttpServer();

  const stop = async () => {
    await app.close();
    await wechat.stop();
  };
  return {
    app,
    storage: { dataDir, dbName },
    config,
    db: app.get(DataSource),
    wechat,
    logs,
    baseUrl: baseUrl.replace('[::1]', '127.0.0.1'),
    http: () => request(server),
    stop,
    async close() {
      await stop();
      if (TEST_DB === 'mariadb') await mariadb(`DROP DATABASE IF EXISTS \`${dbName}\``);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One statement as MariaDB's root, outside any test database (CREATE/DROP DATABASE). */
export async function mariadb(sql: string): Promise<void> {
  const connection = await createConnection(MARIADB_ROOT.replace(/^mariadb:/, 'mysql:'));
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}
