import { Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import Redis from 'ioredis';
import { AppException } from '../app.exception';
import { KvStore } from './kv-store';

/** INCR, starting the window on the first hit, and the window's remaining time, in one round trip. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
`;

/** GETDEL that also answers the remaining PTTL (-1 when the key had none), in one step. */
const TAKE_WITH_TTL = `
local value = redis.call('GET', KEYS[1])
if not value then return nil end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
return {value, ttl}
`;

/** Replies that say Redis cannot serve now (starting, out of memory, a read-only replica), not that we asked wrongly. */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|OOM|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/;

export interface RedisKvStoreOptions {
  url: string;
  keyPrefix: string;
  /** Bounds one connection attempt, and the pause between reconnection attempts. */
  connectTimeoutMs: number;
  /** Bounds every command: a hung Redis is an unavailable one. */
  commandTimeoutMs: number;
}

/**
 * The store in Redis. Commands fail fast while Redis is unreachable (no offline queue, bounded
 * timeouts) and then reject with StoreUnavailable (503); the client reconnects by itself for as long
 * as it takes, and an outage is logged once when it starts and once when it ends.
 */
export class RedisKvStore implements KvStore {
  private readonly logger = new Logger('RedisKvStore');
  private readonly redis: Redis;
  private readonly where: string;
  private down = false;
  private lastFailureLog = -Infinity;

  constructor(options: RedisKvStoreOptions) {
    const url = new URL(options.url);
    this.where = `${url.hostname}:${url.port || 6379}`; // never the password
    this.redis = new Redis(options.url, {
      keyPrefix: options.keyPrefix,
      connectTimeout: options.connectTimeoutMs,
      commandTimeout: options.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      retryStrategy: (attempt) => Math.min(attempt * 100, options.connectTimeoutMs),
    });
    this.redis.on('error', (error: Error) => this.outage(error.message || (error as NodeJS.ErrnoException).code || error.name));
    this.redis.on('ready', () => {
      if (this.down) this.logger.log(`Redis at ${this.where} is reachable again`);
      this.down = false;
    });
  }

  /**
   * Resolves once connected, or at the first failure or after `timeoutMs`: the server then starts
   * without Redis (the outage is logged) and the client keeps trying to connect.
   */
  connected(timeoutMs: number): Promise<void> {
    if (this.redis.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off('ready', done).off('error', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.redis.once('ready', done).once('error', done);
    });
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.redis.get(key));
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.run(() => this.redis.set(key, value, 'PX', ttlMs));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.run(() => this.redis.set(key, value, 'PX', ttlMs, 'NX'))) === 'OK';
  }

  take(key: string): Promise<string | null> {
    return this.run(() => this.redis.getdel(key));
  }

  async takeWithTtl(key: string): Promise<{ value: string; ttlMs: number } | null> {
    const taken = (await this.run(() => this.redis.eval(TAKE_WITH_TTL, 1, key))) as [string, number] | null;
    return taken && { value: taken[0], ttlMs: taken[1] };
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = (await this.run(() => this.redis.eval(INCREMENT, 1, key, ttlMs))) as [number, number];
    return { count, ttlMs: ttl };
  }

  async delete(key: string): Promise<void> {
    await this.run(() => this.redis.del(key));
  }

  async ping(): Promise<void> {
    await this.run(() => this.redis.ping());
  }

  async close(): Promise<void> {
    // QUIT needs a connection; without one there is nothing to say goodbye to.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const { name, message } = error as Error;
      if (name === 'ReplyError' && !UNAVAILABLE_REPLY.test(message)) throw error;
      if (this.redis.status !== 'ready') {
        // A command can fail before the client's own error event (between a lost connection and the next attempt).
        this.outage(`no connection, ${this.redis.status}`);
      } else if (Date.now() - this.lastFailureLog >= 60_000) {
        // Connected but failing (timeouts, OOM): at most one line a minute.
        this.lastFailureLog = Date.now();
        this.logger.error(`Redis at ${this.where} failed a command: ${message}`);
      }
      throw new AppException(ErrorCode.StoreUnavailable);
    }
  }

  private outage(reason: string): void {
    if (this.down) return;
    this.down = true;
    this.logger.error(`Redis at ${this.where} is unreachable (${reason}): captcha, SMS, login limits and quotas answer 503 until it is back`);
  }
}
