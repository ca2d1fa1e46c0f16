import type { Readable } from 'node:stream';

/**
 * Where the bytes of stored files live, by storage key: the local disk or an S3-compatible bucket.
 * Keys reach a store already checked (`STORAGE_KEY`), and a store never sees a partly written
 * file under its real name: `put` is all or nothing.
 */
export interface FileStore {
  /** A short name for logs and readiness answers ('local disk', 's3://bucket/prefix'). */
  readonly description: string;
  put(storageKey: string, bytes: Uint8Array): Promise<void>;
  /** The file's bytes as a stream, or null when there is no such file. */
  get(storageKey: string): Promise<Readable | null>;
  /** The file's size, or null when there is no such file. */
  size(storageKey: string): Promise<number | null>;
  /** Succeeds when the file is not there (any more). */
  remove(storageKey: string): Promise<void>;
  /** Throws unless the store can be written to and read from now (readiness). */
  ping(): Promise<void>;
}
