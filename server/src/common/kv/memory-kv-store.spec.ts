import { MemoryKvStore } from './memory-kv-store';

describe('MemoryKvStore', () => {
  let store: MemoryKvStore;
  beforeEach(() => (store = new MemoryKvStore(3)));
  afterEach(() => store.close());

  it('expires entries after their TTL', async () => {
    // The clock is the test's, so a busy machine cannot make the entry expire before the first read.
    jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
    try {
      await store.set('a', '1', 5);
      expect(await store.get('a')).toBe('1');
      jest.advanceTimersByTime(10);
      expect(await store.get('a')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('counts within a window that the first hit starts', async () => {
    expect(await store.increment('n', 1000)).toMatchObject({ count: 1 });
    const second = await store.increment('n', 1000);
    expect(second.count).toBe(2);
    expect(second.ttlMs).toBeLessThanOrEqual(1000);
  });

  it('sets when absent and takes once', async () => {
    expect(await store.setIfAbsent('k', 'v', 1000)).toBe(true);
    expect(await store.setIfAbsent('k', 'w', 1000)).toBe(false);
    expect(await Promise.all([store.take('k'), store.take('k')])).toEqual(['v', null]);
  });

  it('takes a value with the time it had left', async () => {
    jest.useFakeTimers({ now: Date.parse('2026-01-01T00:00:00Z') });
    try {
      await store.set('k', 'v', 1000);
      jest.advanceTimersByTime(300);
      expect(await store.takeWithTtl('k')).toEqual({ value: 'v', ttlMs: 700 });
      expect(await store.takeWithTtl('k')).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('keeps at most maxEntries, dropping the least recently written', async () => {
    for (const key of ['a', 'b', 'c']) await store.set(key, '1', 1000);
    await store.increment('a', 1000); // a is written again: b is now the oldest
    await store.set('d', '1', 1000);
    expect(await store.get('b')).toBeNull();
    expect(await Promise.all(['a', 'c', 'd'].map((k) => store.get(k)))).toEqual(['2', '1', '1']);
  });
});
