import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(import.meta.dirname, '../../..');
const SERVER_MAIN = join(ROOT, 'server/dist/main.js');
const CONSOLE_INDEX = join(ROOT, 'admin-web/dist/index.html');

/** The bootstrap super admin, as the README's quick start creates one. */
export const SUPER_ADMIN = { username: 'admin', password: 'Console-e2e-2026' } as const;

/** The built server, started as `npm start` starts it, on the embedded database in a folder of its own. */
export interface ConsoleServer {
  baseUrl: string;
  /** The server's JSON log lines; with DEV_EXPOSE_CODES=1 they carry captcha answers and SMS codes. */
  events(event: string): Record<string, unknown>[];
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

export async function startConsoleServer(env: Record<string, string> = {}): Promise<ConsoleServer> {
  for (const file of [SERVER_MAIN, CONSOLE_INDEX]) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  const dataDir = mkdtempSync(join(tmpdir(), 'console-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      ADMIN_BOOTSTRAP_USERNAME: SUPER_ADMIN.username,
      ADMIN_BOOTSTRAP_PASSWORD: SUPER_ADMIN.password,
      // The seeding reads captcha answers and SMS codes from the log, as a developer would.
      DEV_EXPOSE_CODES: '1',
      // Seeded workers and admins each come from an address of their own (X-Forwarded-For), so per-IP limits hold as in production.
      TRUST_PROXY: 'loopback',
      API_DOCS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      lines.push({ raw: line });
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const baseUrl = `http://127.0.0.1:${port}`;

  // Start-up takes a few seconds (the CA is generated into DATA_DIR): wait for it, asserting nothing about how long.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    const up = await fetch(`${baseUrl}/healthz`).then((res) => res.ok, () => false);
    if (up) break;
    if (attempt > 600) throw new Error(`the server did not answer: ${stderr.slice(-2000)}`);
    await new Promise((done) => setTimeout(done, 100));
  }
  return {
    baseUrl,
    events: (event) => lines.filter((line) => line.event === event),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
