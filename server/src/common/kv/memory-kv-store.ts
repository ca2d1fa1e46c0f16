import { KvStore } from './kv-store';

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * Process-local store for a single server instance. Node runs each call to completion, so every
 * method is atomic. At most `maxEntries` live at once: past that the oldest entries go first, so a
 * flood of clients that each get a unique key cannot exhaust the memory.
 */
export class MemoryKvStore implements KvStore {
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly maxEntries = 500_000,
    sweepIntervalMs = 60_000,
  ) {
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.sweeper.unref();
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, { value, expiresAt: Date.now() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, { value, expiresAt: Date.now() + ttlMs });
    return true;
  }

  async take(key: string): Promise<string | null> {
    const entry = this.live(key);
    this.entries.delete(key);
    return entry?.value ?? null;
  }

  async takeWithTtl(key: string): Promise<{ value: string; ttlMs: number } | null> {
    const entry = this.live(key);
    this.entries.delete(key);
    return entry ? { value: entry.value, ttlMs: entry.expiresAt - Date.now() } : null;
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const now = Date.now();
    const entry = this.live(key) ?? { value: '0', expiresAt: now + ttlMs };
    entry.value = String(Number(entry.value) + 1);
    this.put(key, entry);
    return { count: Number(entry.value), ttlMs: entry.expiresAt - now };
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.entries.clear();
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key); // re-inserted at the end: Map order is then the order of last writes
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}
