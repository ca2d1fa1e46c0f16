import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';

/** s3rver accepts any signature made with these (its defaults). */
const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;
const REGION = 'us-east-1';

/**
 * An S3-compatible server on a free local port (s3rver, objects in a temporary folder), with one
 * bucket, for the app's S3 store to talk to as it would to COS, OSS or MinIO. `stop()` and `start()`
 * again on the same port and folder: an outage and its end, with the objects kept.
 */
export class LocalS3Server {
  private readonly directory = mkdtempSync(join(tmpdir(), 'shanqian-s3-'));
  private server: S3rver | null = null;
  private port = 0;

  constructor(readonly bucket = 'shanqian-test') {}

  async start(): Promise<void> {
    this.server = new S3rver({
      port: this.port,
      address: '127.0.0.1',
      silent: true,
      directory: this.directory,
      configureBuckets: [{ name: this.bucket, configs: [] }],
    });
    this.port = (await this.server.run()).port;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  /** Stops the server and deletes its objects. */
  async close(): Promise<void> {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The app's environment for storing under `prefix` in this server's bucket. */
  env(prefix = 'uploads'): Record<string, string> {
    return {
      STORAGE_URL: `s3://${this.bucket}/${prefix}?endpoint=${encodeURIComponent(this.endpoint)}&region=${REGION}&force_path_style=1`,
      STORAGE_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      STORAGE_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
    };
  }

  /** The names of the objects in the bucket, sorted (what a test compares before and after). */
  async objects(): Promise<string[]> {
    const client = new S3Client({ region: REGION, endpoint: this.endpoint, forcePathStyle: true, credentials: CREDENTIALS });
    try {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: this.bucket, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((object) => object.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return keys.sort();
    } finally {
      client.destroy();
    }
  }
}
