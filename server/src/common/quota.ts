import { ErrorCode } from '@shanqian/shared';
import { AppException } from './app.exception';
import { KvStore } from './kv/kv-store';

/** The Retry-After header for a wait of `ms`, in whole seconds, at least 1. */
export const retryAfter = (ms: number): Record<string, string> => ({ 'Retry-After': String(Math.max(1, Math.ceil(ms / 1000))) });

/**
 * Counts one use against `limit` uses per window in the shared store (atomic: INCR in Redis), and
 * refuses the use past the limit with `code`, `message` and a Retry-After for the window's end.
 */
export async function takeQuota(
  store: KvStore,
  quota: { key: string; limit: number; windowMs: number },
  code: ErrorCode,
  message: string,
): Promise<void> {
  const { count, ttlMs } = await store.increment(quota.key, quota.windowMs);
  if (count > quota.limit) throw new AppException(code, message, retryAfter(ttlMs));
}
