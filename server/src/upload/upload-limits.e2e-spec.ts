import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { WechatUser } from '../auth/wechat-user.entity';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';
import { Upload } from './upload.entity';
import { chinaDay, msUntilChinaMidnight } from '../common/china-time';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { UPLOAD_LIMITS, UploadService } from './upload.service';

// A file of its own because it needs an app configured differently (one app per test file).

/** The 1x1 JPEG of upload.e2e-spec.ts: its magic bytes are what make the padded files JPEGs. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const LINK = /^(.+)(\/image\/[0-9a-f]{32}\?expires=\d+&sig=[0-9a-f]{64})$/;

const storedFiles = (t: TestApp) => readdirSync(join(t.config.dataDir, 'uploads'));

describe('POST /image with UPLOAD_MAX_BYTES and PUBLIC_BASE_URL', () => {
  let t: TestApp;
  let client: MiniProgramClient;
  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: '2048', PUBLIC_BASE_URL: 'https://files.example.com/api/' });
    client = new MiniProgramClient(t);
    await client.login('up_carol');
  });
  afterAll(() => t.close());

  /** A JPEG header padded to `size` bytes: large enough to matter, typed by its magic bytes. */
  const paddedJpeg = (size: number) => Buffer.concat([JPEG, Buffer.alloc(size - JPEG.length, 0)]);

  it('answers 413 with error_code above the limit, writing nothing', async () => {
    const res = await client.request('post', '/image').attach('file', paddedJpeg(2049), 'big.jpg').expect(413);
    expect(res.body).toMatchObject({ status: 15002, error_code: 15002, data: null });
    expect(res.body.msg).toContain('2 KB');
    const far = await client.request('post', '/image').attach('file', paddedJpeg(200_000), 'huge.jpg').expect(413);
    expect(far.body).toMatchObject({ status: 15002, error_code: 15002 });
    expect(await t.db.getRepository(Upload).count()).toBe(0);
    expect(storedFiles(t)).toEqual([]);
  });

  it('accepts a file of exactly the limit, and links it under PUBLIC_BASE_URL', async () => {
    const bytes = paddedJpeg(2048);
    const res = await client.request('post', '/image').attach('file', bytes, 'edge.jpg').expect(200);
    const [, base, path] = LINK.exec(res.body.data.url) ?? [];
    expect(base).toBe('https://files.example.com/api');
    // The proxy in front would strip /api; here the app is reached directly.
    const served = await t.http().get(path).expect(200);
    expect(Buffer.from(served.body).equals(bytes)).toBe(true);
    const carol = await t.db.getRepository(WechatUser).findOneByOrFail({ openid: 'o_up_carol' });
    const upload = await t.app.get(UploadService).resolveOwned(res.body.data.url, carol.id, 'id_card_front');
    expect(upload.size).toBe(2048);
  });

  it('takes at most 20 uploads a minute from one user, atomically under racing uploads, and 100 a day', async () => {
    const racer = new MiniProgramClient(t);
    await racer.login('up_racer');
    const rowsBefore = await t.db.getRepository(Upload).count();
    const answers = await Promise.all(Array.from({ length: 25 }, () => racer.request('post', '/image').attach('file', JPEG, 'id.jpg')));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(UPLOAD_LIMITS.perMinute);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(5);
    for (const r of refused) {
      expect(r.body).toMatchObject({ status: 10008, error_code: 10008, data: null });
      expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
    expect(await t.db.getRepository(Upload).count()).toBe(rowsBefore + UPLOAD_LIMITS.perMinute);
    expect(storedFiles(t)).toHaveLength(rowsBefore + UPLOAD_LIMITS.perMinute);
    // Somebody else is not held up by it
    await client.request('post', '/image').attach('file', JPEG, 'id.jpg').expect(200);

    const daily = new MiniProgramClient(t);
    await daily.login('up_daily');
    const user = await t.db.getRepository(WechatUser).findOneByOrFail({ openid: 'o_up_daily' });
    await t.app.get<KvStore>(KV_STORE).set(`upload:user-day:${user.id}:${chinaDay()}`, String(UPLOAD_LIMITS.perDay), msUntilChinaMidnight());
    const res = await daily.request('post', '/image').attach('file', JPEG, 'id.jpg').expect(429);
    expect(res.body.msg).toMatch(/今日/);
  });
});
