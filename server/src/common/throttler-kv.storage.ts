import { ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { KvStore } from './kv/kv-store';

/** @nestjs/throttler's counters in the shared store, so every server instance counts the same hits. */
export class KvThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly store: KvStore) {}

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, name: string): Promise<ThrottlerStorageRecord> {
    const { count, ttlMs } = await this.store.increment(`throttle:${name}:${key}`, ttl);
    const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
    return { totalHits: count, timeToExpire: seconds, isBlocked: count > limit, timeToBlockExpire: count > limit ? seconds : 0 };
  }
}
