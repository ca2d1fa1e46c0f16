import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { chinaDay, msUntilChinaMidnight } from '../common/china-time';
import { SecretsService, sha256Hex } from '../common/crypto/secrets.service';
import { KV_STORE, KvStore } from '../common/kv/kv-store';
import { takeQuota } from '../common/quota';
import { FileStorageService, newStorageKey, STORAGE_KEY } from './file-storage.service';
import { detectImageMime } from './image-type';
import { Upload } from './upload.entity';
import { UploadRepository } from './upload.repository';

/**
 * Uploads one WeChat user may make: a worker needs a handful (two ID photos, a few retakes), and
 * every upload takes disk space, so a runaway client is stopped early.
 */
export const UPLOAD_LIMITS = { perMinute: 20, perDay: 100 } as const;

/** About an hour, as the issue asks: long enough to view a form, short enough that a leaked link soon dies. */
export const FILE_LINK_TTL_SECONDS = 3600;

const EXPIRES = /^\d{1,12}$/;
const SIGNATURE = /^[0-9a-f]{64}$/;
/** The path may carry a prefix (PUBLIC_BASE_URL behind a reverse proxy at /api, say). */
const LINK_PATH = /\/image\/([^/]+)$/;

/** A file that a signed link may serve: what it is, and its bytes. */
export interface SignedFile {
  upload: Upload;
  body: Readable;
}

/** Bytes already judged by the caller (an image, a contract PDF, a signed document), to be stored. */
export interface FileToStore {
  bytes: Uint8Array;
  mime: string;
  /** The worker they belong to; null for the back office's. */
  ownerUserId: number | null;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * Uploaded images and the signed links to them. A link is `<base>/image/<key>?expires=<unix s>&sig=<hex>`
 * with sig = HMAC('file-links', `<key>.<expires>`): the signature, not a session, is what lets a
 * file be fetched, because <image> tags send no headers.
 */
@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);

  constructor(
    private readonly uploads: UploadRepository,
    private readonly files: FileStorageService,
    private readonly secrets: SecretsService,
    @Inject(KV_STORE) private readonly store: KvStore,
  ) {}

  /** Checks that the file is a JPEG, PNG or WebP by its bytes and within the user's quota, stores it, and records who uploaded it. */
  async storeImage(ownerUserId: number, file: Express.Multer.File | undefined): Promise<Upload> {
    if (!file?.buffer) throw new AppException(ErrorCode.UploadMissing);
    if (file.buffer.length === 0) throw new AppException(ErrorCode.UploadMissing, 'file: 上传的文件是空的');
    const mime = await detectImageMime(file.buffer);
    if (!mime) throw new AppException(ErrorCode.UploadTypeUnsupported);
    await takeQuota(this.store, { key: `upload:user-minute:${ownerUserId}`, limit: UPLOAD_LIMITS.perMinute, windowMs: 60_000 },
      ErrorCode.RateLimited, '上传过于频繁，请稍后再试');
    await takeQuota(this.store, { key: `upload:user-day:${ownerUserId}:${chinaDay()}`, limit: UPLOAD_LIMITS.perDay, windowMs: msUntilChinaMidnight() },
      ErrorCode.RateLimited, '今日上传次数已达上限，请明天再试');

    return this.storeThen([{ bytes: file.buffer, mime, ownerUserId }], ([upload]) => Promise.resolve(upload));
  }

  /**
   * Stores the files (each under a new random key, then its `upload` row), then runs `write`, the
   * database change that refers to them. When anything fails (the store, a row, `write`, a transition
   * refused because HR acted meanwhile), what was stored is removed again, files and rows: nothing
   * else would ever serve or clean up a file that no record points to.
   */
  async storeThen<T>(files: FileToStore[], write: (stored: Upload[]) => Promise<T>): Promise<T> {
    const stored: Upload[] = [];
    const written: string[] = [];
    try {
      for (const { bytes, mime, ownerUserId } of files) {
        const storageKey = newStorageKey();
        written.push(storageKey);
        await this.files.write(storageKey, bytes);
        stored.push(await this.uploads.insert({ storageKey, ownerUserId, mime, size: bytes.length, sha256: sha256Hex(Buffer.from(bytes)) }));
      }
      return await write(stored);
    } catch (error) {
      await this.discard(stored, written);
      throw error;
    }
  }

  /** The bytes of a stored file (a contract template, a filled document). */
  async read(storageKey: string): Promise<Buffer> {
    return this.files.read(storageKey);
  }

  /** An absolute link to the file, valid `ttlSeconds` from now. */
  signedUrl(storageKey: string, baseUrl: string, ttlSeconds = FILE_LINK_TTL_SECONDS): string {
    const expires = nowSeconds() + ttlSeconds;
    const sig = this.secrets.mac('file-links', `${storageKey}.${expires}`);
    return `${baseUrl.replace(/\/+$/, '')}/image/${storageKey}?expires=${expires}&sig=${sig}`;
  }

  /**
   * What GET /image/:key may serve. The signature is checked before the key is looked up, so a
   * caller without a valid link learns nothing about which files exist.
   */
  async openSigned(storageKey: string, expires: unknown, sig: unknown): Promise<SignedFile> {
    if (!STORAGE_KEY.test(storageKey)) throw new AppException(ErrorCode.FileNotFound);
    const expiresAt = this.authenticExpiry(storageKey, expires, sig);
    if (expiresAt === null) throw new AppException(ErrorCode.FileLinkInvalid);
    if (expiresAt <= nowSeconds()) throw new AppException(ErrorCode.FileLinkInvalid, '文件链接已过期，请重新获取');

    const upload = await this.uploads.findByStorageKey(storageKey);
    if (!upload) throw new AppException(ErrorCode.FileNotFound);
    const body = await this.files.open(storageKey);
    if (!body) {
      this.logger.error(`Upload ${upload.id} has a row but no file (${storageKey})`);
      throw new AppException(ErrorCode.FileNotFound);
    }
    return { upload, body };
  }

  /**
   * The upload behind a link that POST /image returned (any host, any path prefix), if the link is
   * authentic and the upload belongs to `ownerUserId`. An expired link is still accepted: filling in
   * a resume may take longer than a link lives, and the signature proves the server issued it.
   * Every problem is a 400 naming `field`.
   */
  async resolveOwned(url: string, ownerUserId: number, field: string): Promise<Upload> {
    const invalid = () => AppException.invalid(field, '不是有效的图片链接，请重新上传');
    if (typeof url !== 'string' || !url.trim()) throw invalid();
    let parsed: URL;
    try {
      // The base only makes a path-only link parseable; the host of an absolute link is ignored.
      parsed = new URL(url.trim(), 'http://localhost');
    } catch {
      throw invalid();
    }
    const storageKey = LINK_PATH.exec(parsed.pathname)?.[1] ?? '';
    if (!STORAGE_KEY.test(storageKey)) throw invalid();
    const expires = parsed.searchParams.getAll('expires');
    const sig = parsed.searchParams.getAll('sig');
    if (expires.length !== 1 || sig.length !== 1 || this.authenticExpiry(storageKey, expires[0], sig[0]) === null) throw invalid();

    const upload = await this.uploads.findByStorageKey(storageKey);
    if (!upload || (await this.files.size(storageKey)) === null) throw AppException.invalid(field, '图片不存在，请重新上传');
    if (upload.ownerUserId !== ownerUserId) throw AppException.invalid(field, '只能使用自己上传的图片，请重新上传');
    return upload;
  }

  /**
   * Best effort, like the removal of the files: it runs while the error that caused it is on its way
   * to the client, and that error is the one to answer. A key whose write failed is removed too: a
   * store may have kept the object although the call failed (a timeout after the upload went through).
   */
  private async discard(stored: Upload[], written: string[]): Promise<void> {
    try {
      await this.uploads.deleteByIds(stored.map((upload) => upload.id));
    } catch (error) {
      this.logger.warn(`Could not remove upload rows ${stored.map((upload) => upload.id).join(', ')}: ${String(error)}`);
    }
    await Promise.all(written.map((storageKey) => this.files.remove(storageKey)));
  }

  /** The link's expiry (unix seconds) when its signature is the server's, whether or not it has passed; otherwise null. */
  private authenticExpiry(storageKey: string, expires: unknown, sig: unknown): number | null {
    if (typeof expires !== 'string' || !EXPIRES.test(expires) || typeof sig !== 'string' || !SIGNATURE.test(sig)) return null;
    return this.secrets.verifyMac('file-links', `${storageKey}.${expires}`, sig) ? Number(expires) : null;
  }
}
