import type { AdminLoginResponse, Envelope } from '@shanqian/shared';
import type { ConsoleServer } from './console-server';

let addresses = 0;
/** An address of its own for every client (TEST-NET-3), which the server trusts from loopback: per-IP limits stay per client. */
const nextAddress = () => `203.0.113.${(++addresses % 250) + 1}`;

type Body = Record<string, unknown> | FormData | URLSearchParams | undefined;

/** One API call with the protocol's headers; answers `data`, throws the envelope's `msg` on a refusal. */
async function call<T>(baseUrl: string, method: string, path: string, headers: Record<string, string>, body: Body): Promise<T> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body instanceof FormData || body instanceof URLSearchParams) init.body = body;
  else if (body) {
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const envelope = (await response.json()) as Envelope<T>;
  if (!response.ok || envelope.status !== 0) throw new Error(`${method} ${path}: HTTP ${response.status} ${envelope.status} ${envelope.msg}`);
  return envelope.data;
}

/** The back office through its API, for seeding and for checking what the browser did. */
export class AdminApi {
  token: string | null = null;
  password: string | null = null;
  private readonly address = nextAddress();

  constructor(private readonly baseUrl: string) {}

  async login(username: string, password: string): Promise<AdminLoginResponse> {
    const answer = await this.request<AdminLoginResponse>('POST', '/admin/login', { username, password });
    this.token = answer.token;
    this.password = password;
    return answer;
  }

  request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: Body): Promise<T> {
    const headers: Record<string, string> = { 'X-platform-code': 'admin', 'X-Forwarded-For': this.address };
    if (this.token) headers.Authorization = `Bearer ${this.token}`;
    return call<T>(this.baseUrl, method, path, headers, body);
  }
}

/** A worker's mini-program: its own address, the protocol headers, form bodies as the seed prescribes. */
export class WorkerApi {
  token: string | null = null;
  private readonly address = nextAddress();

  constructor(private readonly server: ConsoleServer) {}

  request<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: Record<string, string | number> | FormData): Promise<T> {
    const headers: Record<string, string> = { 'X-platform-code': 'wxmp', 'X-Forwarded-For': this.address };
    if (this.token) headers['X-auth-token'] = this.token;
    const form = body && !(body instanceof FormData) ? new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])) : body;
    return call<T>(this.server.baseUrl, method, path, headers, form);
  }

  /** Outside production without WeChat credentials, any code logs in (as a developer tries the mini-program). */
  async login(): Promise<void> {
    const answer = await this.request<{ session_token: string }>('POST', '/weixin/login', { code: `e2e${Math.random().toString(36).slice(2)}` });
    this.token = answer.session_token;
  }

  /** An SMS code for `phone`, through the captcha, read from the DEV_EXPOSE_CODES log lines. */
  async smsCode(phone: string): Promise<string> {
    const { captcha_id } = await this.request<{ captcha_id: string }>('GET', '/captcha?format=json');
    const captcha = await logged(this.server, 'captcha.issued', (line) => line.captcha_id === captcha_id);
    const before = this.server.events('sms.sent').length;
    await this.request('POST', '/verifycode', { phone, captcha_code: String(captcha.text), captcha_id });
    const sent = await logged(this.server, 'sms.sent', (line) => line.phone === phone, before);
    return String(sent.code);
  }
}

/** The log line arrives through a pipe, a moment after the answer: wait for it. */
async function logged(server: ConsoleServer, event: string, match: (line: Record<string, unknown>) => boolean, from = 0): Promise<Record<string, unknown>> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const line = server.events(event).slice(from).find(match);
    if (line) return line;
    await new Promise((done) => setTimeout(done, 10));
  }
  throw new Error(`no ${event} log line`);
}
