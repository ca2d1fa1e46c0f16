import Redis from 'ioredis';
import { KvStore } from './kv-store';

/** INCR, starting the window on the first hit, and the window's remaining time, in one round trip. */
const INCREMENT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
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
