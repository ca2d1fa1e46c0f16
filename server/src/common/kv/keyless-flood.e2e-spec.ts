import { ErrorCode, HEADER } from '@shanqian/shared';
import { ADMIN_LOGIN_LIMITS } from '../../admin/admin-auth.service';
import { AdminClient } from '../../test/admin-client';
import { TEST_SUPER_ADMIN } from '../../test/test-app';
import { newPhone, useVerificationApp } from '../../test/verification-app';
import { MemoryKvStore } from './memory-kv-store';

const CAP = 64;
const FLOOD = 1000;

/** `count` requests, `width` at a time, each from an address of its own. */
async function flood<T>(count: number, width: number, send: (i: number, ip: string) => Promise<T>): Promise<T[]> {
  const answers: T[] = [];
  for (let i = 0; i < count; i += width) {
    const batch = Array.from({ length: Math.min(width, count - i) }, (_, j) => i + j);
    answers.push(...(await Promise.all(batch.map((n) => send(n, `10.${n >> 16}.${(n >> 8) & 255}.${n & 255}`)))));
  }
  return answers;
}

/**
 * Issue 10: 505,000 keyless requests used to push the admin lockout and the SMS limits out of the
 * memory store. Scaled down by KV_MEMORY_MAX_ENTRIES: keyless requests leave nothing behind, and a
 * flood of what does (captchas from many addresses) meets a refusal, not the security counters.
 */
describe('a flood of keyless requests (in-memory store, small cap)', () => {
  const v = useVerificationApp({ KV_MEMORY_MAX_ENTRIES: String(CAP) });
  const store = () => v.store as MemoryKvStore;

  it('leaves the admin lockout and the SMS limits as they were', async () => {
    expect(v.store).toBeInstanceOf(MemoryKvStore);
    const { username, password } = TEST_SUPER_ADMIN;
    for (let i = 0; i < ADMIN_LOGIN_LIMITS.perUsername; i++) {
      await new AdminClient(v.t).post('/admin/login', { username, password: `guess${i}abcdefg` }).expect(401);
    }
    const lockedOut = () => new AdminClient(v.t).post('/admin/login', { username, password }).expect(429);
    await lockedOut();

    const client = await v.loggedIn();
    const phone = newPhone();
    await v.send(client, phone, await client.captcha()).expect(200);
    const nextCaptcha = await client.captcha();
    const entries = store().size;

    const session = { [HEADER.platformCode]: 'wxmp', [HEADER.authToken]: client.token! };
    const keyless = await flood(FLOOD, 50, (i, ip) => v.t.http().get(i % 2 ? '/companies' : '/em_status').set({ ...session, 'X-Forwarded-For': ip }));
    expect(keyless.filter((res) => res.status !== 200)).toEqual([]);
    expect(new Set(keyless.map((res) => res.headers['x-unique-key'])).size).toBe(FLOOD);
    expect(store().size).toBe(entries);

    // What does take room, from many addresses: refused once the short-lived budget is spent.
    const captchas = await flood(200, 20, (_, ip) => v.t.http().get('/captcha?format=json').set({ [HEADER.platformCode]: 'wxmp', 'X-Forwarded-For': ip }));
    const refused = captchas.filter((res) => res.status === 503);
    expect(refused.length).toBeGreaterThan(150);
    expect(refused[0].body).toEqual({ status: ErrorCode.StoreUnavailable, msg: '服务暂时不可用，请稍后重试', data: null });
    expect(captchas.every((res) => res.status === 200 || res.status === 503)).toBe(true);
    expect(store().size).toBeLessThanOrEqual(CAP);
    expect(v.t.logs.lines.filter((line) => line.context === 'MemoryKvStore').map((line) => line.msg)).toEqual([
      expect.stringMatching(/^full: \d+ short-lived entries, refusing new ones/),
    ]);

    await lockedOut();
    expect((await v.send(client, phone, nextCaptcha).expect(429)).body).toMatchObject({ status: ErrorCode.SmsTooFrequent });
  });

  it('keeps the key it issued, checked without storage, and replaces one it did not issue', async () => {
    const anonymous = (uniqueKey?: string) => v.t.http().get('/em_status').set({ [HEADER.platformCode]: 'wxmp', ...(uniqueKey ? { [HEADER.uniqueKey]: uniqueKey } : {}) }).expect(401);
    const key = (await anonymous()).headers['x-unique-key'];
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect((await anonymous(key.toUpperCase())).headers['x-unique-key']).toBeUndefined();

    const forged = key.slice(0, 16) + (key[16] === '0' ? '1' : '0') + key.slice(17);
    const replaced = await anonymous(forged);
    expect(replaced.headers['x-unique-key']).toMatch(/^[0-9a-f]{32}$/);
    expect(replaced.headers['x-unique-key']).not.toBe(key);
  });
});
