import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { StorageConfig } from '../config/app-config';
import { FileStore } from './file-store';

type S3Config = Extract<StorageConfig, { type: 's3' }>;

/**
 * Bounds on every call, so an unreachable store answers an upload within seconds instead of holding
 * the request (and its worker's retries) open: a connection within 3 s, a whole call within 30 s
 * (a few MB over a slow link), tried twice.
 */
const S3_TIMEOUTS = { connectionTimeout: 3_000, requestTimeout: 30_000 } as const;
const S3_ATTEMPTS = 2;

/** GetObject answers NoSuchKey; HeadObject, which has no body to say more, a bare 404 named NotFound. */
const isMissing = (error: unknown): boolean => ['NoSuchKey', 'NotFound'].includes((error as { name?: string })?.name ?? '');

/**
 * Files as objects of one bucket of an S3-compatible store (Tencent COS, Aliyun OSS, MinIO, AWS),
 * under an optional prefix: what several instances of the server share. A PUT is atomic in S3, so
 * no object is ever seen half-written.
 */
export class S3FileStore implements FileStore {
  readonly description: string;
  private readonly client: S3Client;

  constructor(private readonly config: S3Config) {
    this.description = `s3://${config.bucket}/${config.prefix}`;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint ?? undefined,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      maxAttempts: S3_ATTEMPTS,
      requestHandler: S3_TIMEOUTS,
    });
  }

  async put(storageKey: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ ...this.object(storageKey), Body: bytes, ContentLength: bytes.length }));
  }

  async get(storageKey: string): Promise<Readable | null> {
    try {
      const answer = await this.client.send(new GetObjectCommand(this.object(storageKey)));
      // In Node the body is the HTTP response itself: a Readable.
      return answer.Body as Readable;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async size(storageKey: string): Promise<number | null> {
    try {
      return (await this.client.send(new HeadObjectCommand(this.object(storageKey)))).ContentLength ?? null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(storageKey: string): Promise<void> {
    // S3 answers 204 whether or not the object was there.
    await this.client.send(new DeleteObjectCommand(this.object(storageKey)));
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.bucket }));
  }

  close(): void {
    this.client.destroy();
  }

  private object(storageKey: string): { Bucket: string; Key: string } {
    return { Bucket: this.config.bucket, Key: this.config.prefix ? `${this.config.prefix}/${storageKey}` : storageKey };
  }
}
