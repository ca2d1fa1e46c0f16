import type { Test } from 'supertest';
import { TEST_SUPER_ADMIN, TestApp } from './test-app';

type Method = 'get' | 'post' | 'put' | 'delete';

let clients = 0;

/** The 秒云达 back office as the tests see it: X-platform-code admin, JSON bodies, a Bearer session once logged in. */
export class AdminClient {
  token: string | null = null;
  /** The password of the last login, for the routes that ask for it again (the seal authorization). */
  password: string | null = null;
  readonly ip = `203.0.113.${(++clients % 250) + 1}`;

  constructor(private readonly t: TestApp) {}

  request(method: Method, path: string): Test {
    const req = this.t.http()[method](path).set({ 'X-platform-code': 'admin', 'X-Forwarded-For': this.ip });
    return this.token ? req.set('Authorization', `Bearer ${this.token}`) : req;
  }

  get(path: string): Test {
    return this.request('get', path);
  }

  post(path: string, body: object = {}): Test {
    return this.request('post', path).send(body);
  }

  put(path: string, body: object = {}): Test {
    return this.request('put', path).send(body);
  }

  async login(username: string, password: string): Promise<{ id: number; role: string }> {
    const res = await this.post('/admin/login', { username, password }).expect(200);
    this.token = res.body.data.token;
    this.password = password;
    return res.body.data.admin;
  }

  /** A logged-in super admin (the one the test app bootstraps). */
  static async superAdmin(t: TestApp): Promise<AdminClient> {
    const client = new AdminClient(t);
    await client.login(TEST_SUPER_ADMIN.username, TEST_SUPER_ADMIN.password);
    return client;
  }
}
