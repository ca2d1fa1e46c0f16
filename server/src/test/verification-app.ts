import type { Test } from 'supertest';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { VerificationKeys } from '../verification/verification-keys.service';
import { MiniProgramClient } from './api-client';
import { startTestApp, TestApp } from './test-app';

let ipSeq = 0;
let phoneSeq = 0;
/** Each test has addresses and numbers of its own, so the per-IP and per-phone counters of one test never touch another's. */
export function newIp(): string {
  if (++ipSeq > 254) throw new Error('newIp: out of test addresses in 203.0.113.0/24');
  return `203.0.113.${ipSeq}`;
}
export function newPhone(): string {
  return `1391234${String(++phoneSeq).padStart(4, '0')}`;
}
/** A six-digit code other than `code`. */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

export interface Captcha {
  captcha_id: string;
  text: string;
}

/**
 * The app of one verification test file and what its tests need of it. Filled in by the beforeAll that
 * useVerificationApp registers, so read the fields inside tests and hooks, not while declaring them.
 */
export class VerificationApp {
  t!: TestApp;
  store!: KvStore;
  keys!: VerificationKeys;

  /** A client with an address of its own (X-Forwarded-For, trusted from loopback), logged in. */
  async loggedIn(ip = newIp(), loginCode?: string): Promise<MiniProgramClient> {
    const client = this.client(ip);
    await client.login(loginCode);
    return client;
  }

  /** A client with an address of its own, not logged in. */
  client(ip = newIp()): MiniProgramClient {
    const client = new MiniProgramClient(this.t);
    client.headers['X-Forwarded-For'] = ip;
    return client;
  }

  /** POST /verifycode with a captcha from client.captcha(). */
  send(client: MiniProgramClient, phone: string, captcha: Captcha): Test {
    return client.postForm('/verifycode', { phone, captcha_code: captcha.text, captcha_id: captcha.captcha_id });
  }

  /** The codes sent to `phone` so far (DEV_EXPOSE_CODES log lines). */
  sentTo(phone: string): Record<string, unknown>[] {
    return this.t.logs.events('sms.sent').filter((l) => l.phone === phone);
  }
}

/**
 * Starts the app for the enclosing describe in beforeAll and closes it in afterAll (one app per test
 * file: see startTestApp, which trusts X-Forwarded-For from loopback, so each client can have its own IP);
 * `env` adds to that (REDIS_URL, ...); as a function it is read when the app starts, after the
 * beforeAll hooks declared before this call. Hooks declared after this call run after these ones.
 */
export function useVerificationApp(env: Record<string, string> | (() => Record<string, string>) = {}): VerificationApp {
  const v = new VerificationApp();
  beforeAll(async () => {
    v.t = await startTestApp(typeof env === 'function' ? env() : env);
    v.store = v.t.app.get<KvStore>(KV_STORE);
    v.keys = v.t.app.get(VerificationKeys);
  });
  afterAll(() => v.t?.close()); // t is unset when the start failed
  return v;
}
