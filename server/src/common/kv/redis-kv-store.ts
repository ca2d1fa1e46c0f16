import Redis from 'ioredis';
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

export class RedisKvStore implements KvStore {
  private readonly redis: Redis;

  constructor(url: string, keyPrefix: string) {
    this.redis = new Redis(url, { keyPrefix, maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  }

  async get(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.set(key, value, 'PX', ttlMs, 'NX')) === 'OK';
  }

  async take(key: string): Promise<string | null> {
    return this.redis.getdel(key);
  }

  async takeWithTtl(key: string): Promise<{ value: string; ttlMs: number } | null> {
    const taken = (await this.redis.eval(TAKE_WITH_TTL, 1, key)) as [string, number] | null;
    return taken && { value: taken[0], ttlMs: taken[1] };
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const [count, ttl] = (await this.redis.eval(INCREMENT, 1, key, ttlMs)) as [number, number];
    return { count, ttlMs: ttl };
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** Fails start-up early when Redis is configured but unreachable. */
  async ping(): Promise<void> {
    await this.redis.ping();
  }
}
