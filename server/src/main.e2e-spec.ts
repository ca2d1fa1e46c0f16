import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, ServerResponse } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HEADER } from '@shanqian/shared';
import { testCaEnv } from './test/test-ca';

/** The built server that `npm start` runs (npm test builds before testing). */
const MAIN = join(__dirname, '../dist/main.js');

/** The server's JSON log lines, as they come, and a way to wait for one. */
class LogLines {
  private readonly lines: { msg?: string }[] = [];
  private readonly waiting: { match: (msg: string) => boolean; resolve: (msg: string) => void }[] = [];

  constructor(child: ChildProcess) {
    let partial = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const complete = text.split('\n');
      partial = complete.pop()!;
      for (const line of complete.filter(Boolean)) {
        const parsed = JSON.parse(line) as { msg?: string };
        this.lines.push(parsed);
        for (const w of [...this.waiting]) {
          if (parsed.msg && w.match(parsed.msg)) {
            this.waiting.splice(this.waiting.indexOf(w), 1);
            w.resolve(parsed.msg);
          }
        }
      }
    });
  }

  next(pattern: RegExp): Promise<string> {
    const seen = this.lines.find((line) => line.msg && pattern.test(line.msg));
    if (seen) return Promise.resolve(seen.msg!);
    return new Promise((resolve) => this.waiting.push({ match: (msg) => pattern.test(msg), resolve }));
  }
}

/** A WeChat stand-in that holds every jscode2session call until told to answer: a request the server is in the middle of. */
class HeldWechat {
  private readonly held: ServerResponse[] = [];
  private arrived: (() => void) | null = null;
  private readonly server = createServer((_req, res) => {
    this.held.push(res);
    this.arrived?.();
  });

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once the server has called WeChat. */
  called(): Promise<void> {
    return this.held.length ? Promise.resolve() : new Promise((resolve) => (this.arrived = resolve));
  }

  answer(): void {
    for (const res of this.held.splice(0)) res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ openid: 'o-shutdown', session_key: 'k' }));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }
}

/** A POST /weixin/login on a keep-alive connection, as a client behind a load balancer sends it. */
function login(port: number): Promise<{ status: number; body: { status: number } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/weixin/login', headers: { 'Content-Type': 'application/json', Connection: 'keep-alive', [HEADER.platformCode]: 'wxmp' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ code: 'shutdown-code' }));
  });
}

const refusesConnections = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });

describe('the server on SIGTERM', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'shanqian-shutdown-'));
  const wechat = new HeldWechat();
  let child: ChildProcess;
  afterAll(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await wechat.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stops accepting, finishes the request in flight, and exits 0 before the deadline', async () => {
    child = spawn(process.execPath, [MAIN], {
      env: {
        ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '',
        WECHAT_APPID: 'wx-shutdown', WECHAT_SECRET: 'secret', WECHAT_API_BASE: await wechat.start(), SHUTDOWN_TIMEOUT_MS: '20000', ...testCaEnv(),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const logs = new LogLines(child);
    const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(await logs.next(/listening on/))![1]);

    const answer = login(port);
    await wechat.called();
    child.kill('SIGTERM');
    await logs.next(/^SIGTERM: no new connections/);
    expect(await refusesConnections(port)).toBe(true);

    wechat.answer();
    expect(await answer).toMatchObject({ status: 200, body: { status: 0 } });
    // Exit code 1 would mean the deadline ran out; a signal, that the process did not handle it.
    expect(await exited).toEqual([0, null]);
  });
});
