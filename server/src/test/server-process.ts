import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import request from 'supertest';
import { LogCapture } from './test-app';

/** The built server (`npm run build`), as production starts it. */
export const SERVER_MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

/** A server started as its own process: its address, its JSON log lines, and a way to stop it. */
export interface ServerProcess {
  baseUrl: string;
  logs: LogCapture;
  http: () => ReturnType<typeof request>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `node server/dist/main.js` with `env` and waits until it answers. Its log lines go to
 * `logs`, whole lines each, so that several servers can share one capture in the order they wrote.
 */
export async function startServerProcess(env: Record<string, string>, logs = new LogCapture()): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} is missing: run npm run build first`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [SERVER_MAIN], {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  createInterface({ input: child.stdout! }).on('line', (line) => logs.write(`${line}\n`));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;

  // A process takes a moment to start; this waits for it (it asserts nothing about how long).
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    const up = await request(baseUrl).get('/healthz').timeout(2000).then((res) => res.status === 200, () => false);
    if (up) break;
    if (attempt > 300) throw new Error(`the server did not answer: ${stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    baseUrl,
    logs,
    http: () => request(baseUrl),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
