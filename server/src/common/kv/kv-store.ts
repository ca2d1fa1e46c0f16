/**
 * Short-lived shared state: captcha answers, SMS codes and rate-limit counters.
 * In Redis when REDIS_URL is set, so that several server instances share it; otherwise in memory.
 * Every operation that decides something (take, setIfAbsent, increment) is atomic. While the store
 * cannot serve (Redis unreachable, the memory store full), operations reject with AppException
 * StoreUnavailable (503): what needs the store waits, and nothing decides on a missing answer.
 */
export interface KvStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets only when absent; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Reads and deletes in one step: of racing callers, only one gets the value. */
  take(key: string): Promise<string | null>;
  /** `take`, also answering the time the value had left, so that it can be put back as it was. */
  takeWithTtl(key: string): Promise<{ value: string; ttlMs: number } | null>;
  /** Adds one; the first increment starts the window of `ttlMs`. */
  increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }>;
  delete(key: string): Promise<void>;
  /** Resolves when the store answers (readiness checks); rejects with StoreUnavailable when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const KV_STORE = Symbol('KV_STORE');
