import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { AppException } from '../common/app.exception';
import { WechatUser } from '../auth/wechat-user.entity';
import { MiniProgramClient } from '../test/api-client';
import { startTestApp, TestApp } from '../test/test-app';
import { Upload } from './upload.entity';
import { UploadRepository } from './upload.repository';
import { UploadService } from './upload.service';

/** A real 1x1 RGBA PNG, chunk by chunk, with real CRCs. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0); // width
  header.writeUInt32BE(1, 4); // height
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const scanline = Buffer.from([0, 0xc0, 0x30, 0x30, 0xff]); // filter 0, one red pixel
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanline)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 1x1 greyscale JFIF JPEG and a 1x1 lossless WebP, the well-known smallest valid ones. */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const WEBP = Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64');
const PNG = tinyPng();

const LINK = /^(.+)\/image\/([0-9a-f]{32})\?expires=(\d+)&sig=([0-9a-f]{64})$/;

function parseLink(url: string): { base: string; key: string; expires: number; sig: string; path: string } {
  const match = LINK.exec(url);
  if (!match) throw new Error(`not a signed link: ${url}`);
  return { base: match[1], key: match[2], expires: Number(match[3]), sig: match[4], path: url.slice(match[1].length) };
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const storedFiles = (t: TestApp) => readdirSync(join(t.config.dataDir, 'uploads'));
const userId = async (t: TestApp, code: string) => (await t.db.getRepository(WechatUser).findOneByOrFail({ openid: `o_${code}` })).id;

async function loggedIn(t: TestApp, code: string): Promise<MiniProgramClient> {
  const client = new MiniProgramClient(t);
  await client.login(code);
  return client;
}

describe('POST /image and signed GET /image/:key', () => {
  let t: TestApp;
  let alice: MiniProgramClient;
  beforeAll(async () => {
    t = await startTestApp();
    alice = await loggedIn(t, 'up_alice');
  });
  afterAll(() => t.close());

  it.each([
    ['JPEG', JPEG, 'front.jpg', 'image/jpeg'],
    ['PNG', PNG, 'front.png', 'image/png'],
    ['WebP', WEBP, 'front.webp', 'image/webp'],
  ])('accepts a %s, stores it privately under a random name, and answers a signed link', async (_, bytes, name, mime) => {
    const before = Math.floor(Date.now() / 1000);
    const res = await alice.request('post', '/image').attach('file', bytes, name).expect(200);
    expect(res.body).toEqual({ status: 0, msg: '', error_code: 0, data: { url: expect.any(String) } });
    const link = parseLink(res.body.data.url);
    expect(link.base).toBe(t.baseUrl);
    expect(link.expires).toBeGreaterThanOrEqual(before + 3600);
    expect(link.expires).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3600);

    const row = await t.db.getRepository(Upload).findOneByOrFail({ storageKey: link.key });
    expect(row).toMatchObject({ ownerUserId: await userId(t, 'up_alice'), mime, size: bytes.length, sha256: sha256(bytes) });
    const onDisk = join(t.config.dataDir, 'uploads', link.key);
    expect(readFileSync(onDisk).equals(bytes)).toBe(true);
    expect(statSync(onDisk).mode & 0o777).toBe(0o600);

    // As an <image> tag fetches it: no protocol headers, no session.
    const served = await fetch(res.body.data.url);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe(mime);
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe('inline');
    // An ID card photo: kept by no cache, not even the phone's or the HR computer's own.
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each([
    ['a text file named .png, claimed image/png', Buffer.from('hello, this is not a picture at all\n'), 'id.png', 'image/png'],
    ['a GIF named .jpg, claimed image/jpeg', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'id.jpg', 'image/jpeg'],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'id.svg', 'image/svg+xml'],
    ['a PDF named .webp', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 'id.webp', 'image/webp'],
  ])('refuses %s with 415 by its content, writing nothing', async (_, bytes, filename, contentType) => {
    const rows = await t.db.getRepository(Upload).count();
    const files = storedFiles(t);
    const res = await alice.request('post', '/image').attach('file', bytes, { filename, contentType }).expect(415);
    expect(res.body).toEqual({ status: 15003, error_code: 15003, msg: '只支持 JPEG、PNG 或 WebP 图片', data: null });
    expect(await t.db.getRepository(Upload).count()).toBe(rows);
    expect(storedFiles(t)).toEqual(files);
  });

  it('answers 400 when there is no file in field `file`', async () => {
    const onlyField = await alice.request('post', '/image').field('name', 'front').expect(400);
    expect(onlyField.body).toMatchObject({ status: 15001, error_code: 15001, data: null });
    expect(onlyField.body.msg).toMatch(/file/);

    const otherField = await alice.request('post', '/image').attach('photo', JPEG, 'front.jpg').expect(400);
    expect(otherField.body).toMatchObject({ status: 15001, error_code: 15001 });

    const noBody = await alice.request('post', '/image').expect(400);
    expect(noBody.body).toMatchObject({ status: 15001, error_code: 15001 });

    const empty = await alice.request('post', '/image').attach('file', Buffer.alloc(0), 'empty.jpg').expect(400);
    expect(empty.body).toMatchObject({ status: 15001, error_code: 15001 });
  });

  it('answers 400 to two files in one request', async () => {
    const res = await alice.request('post', '/image').attach('file', JPEG, 'a.jpg').attach('file', PNG, 'b.png').expect(400);
    expect(res.body).toMatchObject({ status: 10001, error_code: 10001, msg: expect.stringMatching(/^file: /) });
  });

  it('answers 415 to a body that is not multipart/form-data', async () => {
    const json = await alice.request('post', '/image').send({ file: 'data:image/png;base64,AAAA' }).expect(415);
    expect(json.body).toMatchObject({ status: 10007, error_code: 10007, data: null });
    expect(json.body.msg).toMatch(/multipart\/form-data/);
    const raw = await alice.request('post', '/image').set('Content-Type', 'image/png').send(PNG).expect(415);
    expect(raw.body).toMatchObject({ status: 10007 });
  });

  it('needs a session and a platform code to upload', async () => {
    const anonymous = await new MiniProgramClient(t).request('post', '/image').attach('file', JPEG, 'a.jpg').expect(401);
    expect(anonymous.body).toMatchObject({ status: 11001, error_code: 11001, data: null });

    const noPlatform = await t.http().post('/image').set('X-auth-token', alice.token!).attach('file', JPEG, 'a.jpg').expect(400);
    expect(noPlatform.body).toMatchObject({ status: 10002, data: null });
  });

  it('removes the stored file when the database refuses the row', async () => {
    const save = jest.spyOn(t.app.get(UploadRepository), 'insert').mockRejectedValueOnce(new Error('database went away'));
    try {
      const files = storedFiles(t);
      const res = await alice.request('post', '/image').attach('file', JPEG, 'a.jpg').expect(500);
      expect(res.body).toMatchObject({ status: 10009, error_code: 10009 });
      expect(storedFiles(t)).toEqual(files);
    } finally {
      save.mockRestore();
    }
  });

  describe('signed links', () => {
    let link: ReturnType<typeof parseLink>;
    let url: string;
    beforeAll(async () => {
      url = (await alice.request('post', '/image').attach('file', PNG, 'a.png').expect(200)).body.data.url;
      link = parseLink(url);
    });

    const get = (path: string) => t.http().get(path);

    it('serves conditional requests and needs neither a session nor a platform code', async () => {
      const first = await get(link.path).expect(200);
      expect(first.headers['x-unique-key']).toBeUndefined();
      expect(first.headers.etag).toBeDefined();
      await get(link.path).set('If-None-Match', first.headers.etag).expect(304);
    });

    it.each([
      ['a tampered signature', (l: typeof link) => `/image/${l.key}?expires=${l.expires}&sig=${l.sig.replace(/^./, (c) => (c === '0' ? '1' : '0'))}`],
      ['a prolonged expiry', (l: typeof link) => `/image/${l.key}?expires=${l.expires + 3600}&sig=${l.sig}`],
      ['a signature moved to another key', (l: typeof link) => `/image/${'0'.repeat(32)}?expires=${l.expires}&sig=${l.sig}`],
      ['no signature', (l: typeof link) => `/image/${l.key}?expires=${l.expires}`],
      ['no expiry', (l: typeof link) => `/image/${l.key}?sig=${l.sig}`],
      ['no query at all', (l: typeof link) => `/image/${l.key}`],
      ['a repeated sig', (l: typeof link) => `/image/${l.key}?expires=${l.expires}&sig=${l.sig}&sig=${l.sig}`],
      ['an upper-case signature', (l: typeof link) => `/image/${l.key}?expires=${l.expires}&sig=${l.sig.toUpperCase()}`],
    ])('answers 403 to %s', async (_, tamper) => {
      const res = await get(tamper(link)).expect(403);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toMatchObject({ status: 15004, data: null });
    });

    it('answers 403 to an authentic but expired link', async () => {
      const expired = parseLink(t.app.get(UploadService).signedUrl(link.key, t.baseUrl, -10));
      const res = await get(expired.path).expect(403);
      expect(res.body).toMatchObject({ status: 15004, data: null });
      expect(res.body.msg).toMatch(/过期/);
    });

    it('answers 404 to an authentic link to an unknown key, and to malformed keys', async () => {
      const unknown = parseLink(t.app.get(UploadService).signedUrl('f'.repeat(32), t.baseUrl));
      expect((await get(unknown.path).expect(404)).body).toMatchObject({ status: 15005, data: null });
      for (const key of ['..%2F..%2Fdata-key', '..%2Fdata-key', `${link.key.toUpperCase()}`, `${link.key}.png`, '%2e%2e']) {
        const res = await get(`/image/${key}?expires=${link.expires}&sig=${link.sig}`).expect(404);
        expect(res.body).toMatchObject({ status: 15005 });
      }
    });
  });

  describe('UploadService.resolveOwned', () => {
    let service: UploadService;
    let url: string;
    let key: string;
    beforeAll(async () => {
      service = t.app.get(UploadService);
      url = (await alice.request('post', '/image').attach('file', JPEG, 'a.jpg').expect(200)).body.data.url;
      key = parseLink(url).key;
    });

    const rejection = async (promise: Promise<unknown>): Promise<AppException> => {
      const error = await promise.then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppException);
      return error as AppException;
    };

    it('returns the upload behind the owner’s own link, from any host or path prefix', async () => {
      const owner = await userId(t, 'up_alice');
      const upload = await service.resolveOwned(url, owner, 'id_card_front');
      expect(upload).toMatchObject({ storageKey: key, ownerUserId: owner, mime: 'image/jpeg' });
      const { path } = parseLink(url);
      expect((await service.resolveOwned(`https://cdn.example.com/api${path}`, owner, 'id_card_front')).id).toBe(upload.id);
      expect((await service.resolveOwned(path, owner, 'id_card_front')).id).toBe(upload.id);
    });

    it('accepts an authentic link that has expired', async () => {
      const expired = service.signedUrl(key, 'https://old.example.com', -7200);
      expect((await service.resolveOwned(expired, await userId(t, 'up_alice'), 'id_card_back')).storageKey).toBe(key);
    });

    it.each([
      ['a tampered signature', (u: string) => u.replace(/sig=(.)/, (_, c: string) => `sig=${c === 'a' ? 'b' : 'a'}`)],
      ['a prolonged expiry', (u: string) => u.replace(/expires=(\d+)/, (_, e: string) => `expires=${Number(e) + 1}`)],
      ['no signature', (u: string) => u.replace(/&sig=.*$/, '')],
      ['not a link', () => 'not a url at all'],
      ['an empty string', () => ''],
      ['another path', (u: string) => u.replace('/image/', '/files/')],
    ])('rejects %s with a 400 naming the field', async (_, change) => {
      const error = await rejection(service.resolveOwned(change(url), await userId(t, 'up_alice'), 'id_card_front'));
      expect(error.httpStatus).toBe(400);
      expect(error.code).toBe(10001);
      expect(error.message).toMatch(/^id_card_front: /);
    });

    it('rejects a non-string value', async () => {
      const error = await rejection(service.resolveOwned(42 as unknown as string, 1, 'id_card_back'));
      expect(error.message).toMatch(/^id_card_back: /);
    });

    it('rejects another user’s upload and an authentic link whose upload is gone', async () => {
      await loggedIn(t, 'up_mallory');
      const error = await rejection(service.resolveOwned(url, await userId(t, 'up_mallory'), 'id_card_back'));
      expect(error.httpStatus).toBe(400);
      expect(error.message).toMatch(/^id_card_back: .*自己/);

      const ghost = service.signedUrl('e'.repeat(32), t.baseUrl);
      const missing = await rejection(service.resolveOwned(ghost, await userId(t, 'up_alice'), 'id_card_back'));
      expect(missing.message).toMatch(/^id_card_back: /);
    });
  });
});
