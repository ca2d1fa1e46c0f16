import { HEADER } from '@shanqian/shared';
import type { Test } from 'supertest';
import { TestApp } from './test-app';

type Method = 'get' | 'post' | 'put' | 'delete';

let clients = 0;
/** An address of its own for every client (TEST-NET-2), which the test app trusts from loopback. */
const nextAddress = () => `198.51.${Math.floor(++clients / 250) % 250}.${(clients % 250) + 1}`;

/**
 * A mini-program on a phone of its own as the tests see it: its own network address, the protocol
 * headers on every request, the session when logged in.
 */
export class MiniProgramClient {
  token: string | null = null;
  headers: Record<string, string> = { [HEADER.platformCode]: 'wxmp', 'X-Forwarded-For': nextAddress() };

  constructor(private readonly t: TestApp) {}

  request(method: Method, path: string): Test {
    const req = this.t.http()[method](path).set(this.headers);
    return this.token ? req.set(HEADER.authToken, this.token) : req;
  }

  get(path: string): Test {
    return this.request('get', path);
  }

  /** A form-urlencoded POST, as the seed prescribes. */
  postForm(path: string, body: Record<string, unknown>): Test {
    return this.request('post', path).type('form').send(body as object);
  }

  putForm(path: string, body: Record<string, unknown>): Test {
    return this.request('put', path).type('form').send(body as object);
  }

  async login(code = `c${Math.random().toString(36).slice(2)}`): Promise<{ session_token: string; em_id: number }> {
    const res = await this.postForm('/weixin/login', { code }).expect(200);
    this.token = res.body.data.session_token;
    return res.body.data;
  }

  /** A captcha and its answer, read from the DEV_EXPOSE_CODES log line. */
  async captcha(): Promise<{ captcha_id: string; text: string }> {
    const res = await this.get('/captcha?format=json').expect(200);
    const captchaId = res.body.data.captcha_id as string;
    const line = this.t.logs.events('captcha.issued').find((l) => l.captcha_id === captchaId);
    if (!line) throw new Error(`no captcha.issued log line for ${captchaId}`);
    return { captcha_id: captchaId, text: line.text as string };
  }

  /** Asks for an SMS code and reads it from the DEV_EXPOSE_CODES log line. */
  async smsCode(phone: string): Promise<string> {
    const { captcha_id, text } = await this.captcha();
    const before = this.t.logs.events('sms.sent').length;
    await this.postForm('/verifycode', { phone, captcha_code: text, captcha_id }).expect(200);
    const line = this.t.logs.events('sms.sent').slice(before).find((l) => l.phone === phone);
    if (!line) throw new Error(`no sms.sent log line for ${phone}`);
    return line.code as string;
  }
}
