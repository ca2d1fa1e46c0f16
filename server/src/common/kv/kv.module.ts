import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { KV_STORE, KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { RedisKvStore } from './redis-kv-store';

/**
 * The KV store: Redis when REDIS_URL is set, else memory. An unreachable Redis does not stop the
 * start-up: the server starts degraded (what needs the store answers 503 StoreUnavailable, the rest
 * answers) and recovers by itself when Redis comes, as it does after an outage later on.
 */
@Global()
@Module({
  providers: [
    {
      provide: KV_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<KvStore> => {
        if (!config.redisUrl) return new MemoryKvStore({ maxEntries: config.kvMemoryMaxEntries });
        const store = new RedisKvStore({ url: config.redisUrl, keyPrefix: config.redisKeyPrefix, ...config.redisTimeouts });
        await store.connected(config.redisTimeouts.connectTimeoutMs);
        return store;
      },
    },
  ],
  exports: [KV_STORE],
})
export class KvModule implements OnApplicationShutdown {
  constructor(@Inject(KV_STORE) private readonly store: KvStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
