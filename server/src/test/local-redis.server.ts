import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port nobody listens on right now (the OS's choice), so that Redis can be started on it later. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * A Redis server of the test's own (`redis-server`, no persistence) on a free local port: `stop()`
 * and `start()` again on the same port are an outage and its end, as the app sees them. The data is
 * lost on stop, as after a Redis restart without persistence.
 */
export class LocalRedisServer {
  private process: ChildProcess | null = null;

  private constructor(readonly port: number) {}

  /** Chooses the port; Redis is not running until start(). */
  static async onFreePort(): Promise<LocalRedisServer> {
    return new LocalRedisServer(await freePort());
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  /** Resolves once Redis accepts connections. */
  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
      child.once('error', reject);
    });
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    this.process = null;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
}
