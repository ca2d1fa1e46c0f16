import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { KV_STORE, KvStore } from './kv-store';
import { MemoryKvStore } from './memory-kv-store';
import { RedisKvStore } from './redis-kv-store';

@Global()
@Module({
  providers: [
    {
      provide: KV_STORE,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig): Promise<KvStore> => {
        if (!config.redisUrl) return new MemoryKvStore();
        const store = new RedisKvStore(config.redisUrl, config.redisKeyPrefix);
        await store.ping();
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
