import { Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../app.exception';
import { KvStore } from './kv-store';

interface Entry {
  value: string;
  expiresAt: number;
  shortLived: boolean;
}

/** A due time in the expiry heap; stale once its key was deleted or written again with another expiry. */
interface Due {
  expiresAt: number;
  key: string;
}

/**
 * Entries that live at most this long (captcha answers, per-minute counters) count against a budget
 * of their own, a quarter of the cap: a flood of them cannot take the room of the long-lived ones
 * (login lockouts, daily SMS limits, proofs).
 */
export const SHORT_LIVED_MS = 10 * 60_000;
export const DEFAULT_MAX_ENTRIES = 500_000;

export interface MemoryKvStoreOptions {
  /** At most this many live entries, short-lived ones at most a quarter of them. */
  maxEntries?: number;
  /** The store's own time, as Redis keeps its own; a spec's to expire entries without waiting. */
  now?: () => number;
}

/**
 * Process-local store for a single server instance. Node runs each call to completion, so every
 * method is atomic. Entries leave only when they expire (a min-heap of expiry times, swept on every
 * write) or are deleted, never early: a full store refuses new keys with 503 StoreUnavailable and a
 * log line, as a security counter silently dropped would lift a lockout.
 */
export class MemoryKvStore implements KvStore {
  private readonly logger = new Logger('MemoryKvStore');
  private readonly entries = new Map<string, Entry>();
  private readonly heap: Due[] = [];
  private readonly budgets: Record<'short' | 'long', { cap: number; used: number; refusing: boolean }>;
  private readonly now: () => number;

  constructor(options: MemoryKvStoreOptions = {}) {
    const maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    const short = Math.max(1, Math.floor(maxEntries / 4));
    this.budgets = { short: { cap: short, used: 0, refusing: false }, long: { cap: Math.max(1, maxEntries - short), used: 0, refusing: false } };
    this.now = options.now ?? Date.now;
  }

  /** Live entries (expired ones not yet swept may still count until the next write). */
  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.put(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.put(key, value, ttlMs);
    return true;
  }

  async take(key: string): Promise<string | null> {
    return (await this.takeWithTtl(key))?.value ?? null;
  }

  async takeWithTtl(key: string): Promise<{ value: string; ttlMs: number } | null> {
    const entry = this.live(key);
    if (!entry) return null;
    this.remove(key, entry);
    return { value: entry.value, ttlMs: entry.expiresAt - this.now() };
  }

  async increment(key: string, ttlMs: number): Promise<{ count: number; ttlMs: number }> {
    const entry = this.live(key) ?? this.put(key, '0', ttlMs);
    entry.value = String(Number(entry.value) + 1);
    return { count: Number(entry.value), ttlMs: entry.expiresAt - this.now() };
  }

  async delete(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (entry) this.remove(key, entry);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.entries.clear();
    this.heap.length = 0;
  }

  private put(key: string, value: string, ttlMs: number): Entry {
    const now = this.now();
    this.sweep(now);
    const entry: Entry = { value, expiresAt: now + ttlMs, shortLived: ttlMs <= SHORT_LIVED_MS };
    const previous = this.entries.get(key);
    if (previous?.shortLived !== entry.shortLived) this.admit(entry.shortLived);
    if (previous) this.remove(key, previous);
    this.entries.set(key, entry);
    this.budgets[entry.shortLived ? 'short' : 'long'].used++;
    this.push({ expiresAt: entry.expiresAt, key });
    return entry;
  }

  private admit(shortLived: boolean): void {
    const kind = shortLived ? 'short' : 'long';
    const budget = this.budgets[kind];
    if (budget.used < budget.cap) {
      budget.refusing = false;
      return;
    }
    if (!budget.refusing) {
      budget.refusing = true;
      this.logger.error(`full: ${budget.used} ${kind}-lived entries, refusing new ones (503) until some expire; raise KV_MEMORY_MAX_ENTRIES or set REDIS_URL`);
    }
    throw new AppException(ErrorCode.StoreUnavailable);
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.budgets[entry.shortLived ? 'short' : 'long'].used--;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.remove(key, entry);
      return undefined;
    }
    return entry;
  }

  /** Removes every entry due by `now`, earliest first, and drops stale due times on the way. */
  private sweep(now: number): void {
    while (this.heap.length && this.heap[0].expiresAt <= now) {
      const due = this.pop();
      const entry = this.entries.get(due.key);
      if (entry?.expiresAt === due.expiresAt) this.remove(due.key, entry);
    }
    // Rewrites and deletions leave stale due times behind: rebuilt from the live entries before they outnumber them.
    if (this.heap.length > 2 * this.entries.size + 1024) {
      this.heap.length = 0;
      for (const [key, entry] of this.entries) this.push({ expiresAt: entry.expiresAt, key });
    }
  }

  private push(due: Due): void {
    const heap = this.heap;
    let i = heap.push(due) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent].expiresAt <= due.expiresAt) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = due;
  }

  private pop(): Due {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length) {
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        if (left >= heap.length) break;
        const child = left + 1 < heap.length && heap[left + 1].expiresAt < heap[left].expiresAt ? left + 1 : left;
        if (heap[child].expiresAt >= last.expiresAt) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = last;
    }
    return top;
  }
}
