import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';

/** The develop base URL of config/index.ts: the fake sends those requests to the test server instead. */
const DEVELOP_BASE_URL = 'http://127.0.0.1:3000';

export interface SentRequest {
  method: string;
  path: string;
  header: Record<string, string>;
}

interface Exchanged {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

type Callbacks<T> = { success?: (result: T) => void; fail?: (error: { errMsg: string }) => void };

let clients = 0;

/**
 * The parts of `wx` the services layer uses, on a phone of its own: requests, uploads and downloads
 * over real HTTP to the test server, wx.login codes of one WeChat user (a fresh code each call, as
 * WeChat's work once), storage in memory, and the develop version.
 */
export class FakeWx {
  readonly storage = new Map<string, unknown>();
  /** Every request, upload and download, in order. */
  readonly sent: SentRequest[] = [];
  /** The WeChat user: the fake WeChat server logs `<user>.<n>` in as openid `o_<user>`. */
  readonly user = `mp${randomBytes(4).toString('hex')}`;
  private logins = 0;
  /** A network address of its own (TEST-NET-1), trusted by the test app from loopback, so per-address limits stay per phone. */
  private readonly address = `192.0.2.${(++clients % 250) + 1}`;
  private readonly downloads = mkdtempSync(join(tmpdir(), 'fake-wx-'));

  constructor(private readonly baseUrl: string) {}

  /** Installs this fake as the global `wx`. */
  install(): this {
    (globalThis as { wx?: unknown }).wx = this.api();
    return this;
  }

  /** Removes the downloaded files. */
  dispose(): void {
    rmSync(this.downloads, { recursive: true, force: true });
  }

  /** A file on the "phone" (a temp path, as wx.chooseMedia or canvasToTempFilePath would give). */
  tempFile(name: string, bytes: Buffer): string {
    const path = join(this.downloads, name);
    writeFileSync(path, bytes);
    return path;
  }

  private api(): unknown {
    return {
      getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' } }),
      login: (options: Callbacks<{ code: string; errMsg: string }>) => {
        this.logins += 1;
        options.success?.({ code: `${this.user}.${this.logins}`, errMsg: 'login:ok' });
      },
      request: (options: { url: string; method?: string; data?: unknown; header?: Record<string, string> } & Callbacks<{ statusCode: number; data: unknown; header: Record<string, string> }>) =>
        this.settle(options, async () => {
          const res = await this.exchange(options.url, { method: options.method ?? 'GET', headers: options.header, body: typeof options.data === 'string' ? options.data : undefined });
          const text = res.body.toString('utf8');
          // wx.request (dataType json) parses the body whatever its type, and keeps the text when it is no JSON.
          let data: unknown = text;
          try {
            data = JSON.parse(text);
          } catch {
            // not JSON
          }
          return { statusCode: res.status, data, header: res.headers };
        }),
      uploadFile: (options: { url: string; filePath: string; name: string; formData?: Record<string, string>; header?: Record<string, string> } & Callbacks<{ statusCode: number; data: string }>) =>
        this.settle(options, async () => {
          const form = new FormData();
          for (const [key, value] of Object.entries(options.formData ?? {})) form.append(key, value);
          form.append(options.name, new Blob([readFileSync(options.filePath)]), basename(options.filePath));
          const res = await this.exchange(options.url, { method: 'POST', headers: options.header, body: form });
          return { statusCode: res.status, data: res.body.toString('utf8') };
        }),
      downloadFile: (options: { url: string } & Callbacks<{ statusCode: number; tempFilePath: string }>) =>
        this.settle(options, async () => {
          const res = await this.exchange(options.url, { method: 'GET' });
          const tempFilePath = join(this.downloads, `download-${this.sent.length}`);
          writeFileSync(tempFilePath, res.body);
          return { statusCode: res.status, tempFilePath };
        }),
      getStorageSync: (key: string) => (this.storage.has(key) ? this.storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => void this.storage.set(key, value),
      removeStorageSync: (key: string) => void this.storage.delete(key),
      getStorageInfoSync: () => ({ keys: [...this.storage.keys()], currentSize: 0, limitSize: 10240 }),
    };
  }

  /**
   * One HTTP exchange on a connection of its own, closed afterwards (as fetch's pooled keep-alive
   * connections would outlive the test server and keep Jest's worker from exiting).
   */
  private async exchange(url: string, init: { method: string; headers?: Record<string, string>; body?: string | FormData }): Promise<Exchanged> {
    const target = new URL(url.startsWith(DEVELOP_BASE_URL) ? this.baseUrl + url.slice(DEVELOP_BASE_URL.length) : url);
    this.sent.push({ method: init.method, path: target.pathname, header: init.headers ?? {} });
    // Response serialises a FormData body as multipart, with its boundary in the content type.
    const encoded = init.body === undefined ? null : new Response(init.body);
    const body = encoded ? Buffer.from(await encoded.arrayBuffer()) : undefined;
    const headers: Record<string, string> = { ...init.headers, 'X-Forwarded-For': this.address };
    if (encoded && init.body instanceof FormData) headers['content-type'] = encoded.headers.get('content-type') ?? '';
    return new Promise<Exchanged>((resolve, reject) => {
      const req = httpRequest(target, { method: init.method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          // One value per header as wx gives them (Set-Cookie, the only repeated one, does not matter here).
          const single = Object.entries(res.headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
          resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(single), body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  /** wx's callback style: success with the result, or fail with an errMsg as a lost network gives. */
  private settle<T>(options: Callbacks<T>, run: () => Promise<T>): void {
    run().then(
      (result) => options.success?.(result),
      (error: Error) => options.fail?.({ errMsg: `request:fail ${error.message}` }),
    );
  }
}
