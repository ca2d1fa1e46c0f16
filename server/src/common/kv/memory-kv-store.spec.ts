import { Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../app.exception';
import { MemoryKvStore, SHORT_LIVED_MS } from './memory-kv-store';

const LONG = 3600_000;
const SHORT = 60_000;

describe('MemoryKvStore', () => {
  let now: number;
  let store: MemoryKvStore;
  let log: jest.SpyInstance;
  // 8 entries: 2 short-lived (a quarter), 6 long-lived.
  beforeEach(() => {
    now = Date.parse('2026-01-01T00:00:00Z');
    store = new MemoryKvStore({ maxEntries: 8, now: () => now });
    log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    log.mockRestore();
    await store.close();
  });

  /** Refused as the exception filter turns into a 503 envelope. */
  const refused = async (write: Promise<unknown>) => {
    const error = await write.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(AppException);
    expect(error).toMatchObject({ code: ErrorCode.StoreUnavailable, httpStatus: 503 });
  };

  it('expires entries after their TTL', async () => {
    await store.set('a', '1', 5);
    expect(await store.get('a')).toBe('1');
    now += 5;
    expect(await store.get('a')).toBeNull();
  });

  it('counts within a window that the first hit starts', async () => {
    expect(await store.increment('n', 1000)).toEqual({ count: 1, ttlMs: 1000 });
    now += 400;
    expect(await store.increment('n', 1000)).toEqual({ count: 2, ttlMs: 600 });
    now += 600;
    expect(await store.increment('n', 1000)).toEqual({ count: 1, ttlMs: 1000 });
  });

  it('sets when absent and takes once', async () => {
    expect(await store.setIfAbsent('k', 'v', 1000)).toBe(true);
    expect(await store.setIfAbsent('k', 'w', 1000)).toBe(false);
    expect(await Promise.all([store.take('k'), store.take('k')])).toEqual(['v', null]);
  });

  it('takes a value with the time it had left', async () => {
    await store.set('k', 'v', 1000);
    now += 300;
    expect(await store.takeWithTtl('k')).toEqual({ value: 'v', ttlMs: 700 });
    expect(await store.takeWithTtl('k')).toBeNull();
  });

  it('when full, refuses new keys with 503 and one log line, and never drops a live entry', async () => {
    for (let i = 0; i < 6; i++) await store.increment(`lockout:${i}`, LONG);
    await refused(store.increment('lockout:new', LONG));
    await refused(store.set('other', '1', LONG));
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][0])).toMatch(/full: 6 long-lived entries.*KV_MEMORY_MAX_ENTRIES/);

    // What is there keeps counting and can be rewritten or deleted.
    expect(await store.increment('lockout:0', LONG)).toMatchObject({ count: 2 });
    await store.set('lockout:1', '9', LONG);
    expect(await Promise.all([0, 1, 5].map((i) => store.get(`lockout:${i}`)))).toEqual(['2', '9', '1']);
    await store.delete('lockout:5');
    await store.set('other', '1', LONG);
    expect(store.size).toBe(6);
  });

  it('keeps room for long-lived entries however many short-lived ones come', async () => {
    await store.set('captcha:1', 'a', SHORT);
    await store.set('captcha:2', 'b', SHORT_LIVED_MS);
    await refused(store.set('captcha:3', 'c', SHORT));
    for (let i = 0; i < 6; i++) await store.increment(`lockout:${i}`, LONG);
    expect(store.size).toBe(8);
  });

  it('frees the room of expired entries at the next write, earliest first', async () => {
    await store.set('captcha:1', 'a', SHORT);
    await store.set('captcha:2', 'b', 2 * SHORT);
    now += SHORT;
    await store.set('captcha:3', 'c', SHORT); // captcha:1 expired: its room is free
    await refused(store.set('captcha:4', 'd', SHORT));
    expect(store.size).toBe(2);
    now += SHORT;
    await store.set('captcha:4', 'd', SHORT);
    expect(await Promise.all(['captcha:2', 'captcha:3', 'captcha:4'].map((k) => store.get(k)))).toEqual([null, null, 'd']);
  });

  it('moves an entry to the other budget when it is written again with another lifetime', async () => {
    await store.set('k', 'short', SHORT);
    await store.set('c', 'short', SHORT);
    await store.set('k', 'long', LONG); // leaves the short budget
    await store.set('d', 'short', SHORT);
    now += SHORT;
    expect(await store.get('k')).toBe('long');
  });

  it('does not let due times of rewritten keys pile up', async () => {
    for (let i = 0; i < 5000; i++) await store.set('k', String(i), LONG - i);
    expect((store as unknown as { heap: unknown[] }).heap.length).toBeLessThan(2000);
    expect(await store.get('k')).toBe('4999');
    now += LONG - 4999;
    await store.set('x', '1', LONG);
    expect(await store.get('k')).toBeNull();
    expect(store.size).toBe(1);
  });
});
