import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { AppException } from '../common/app.exception';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FileStore } from './file-store';
import { LocalFileStore } from './local-file.store';
import type { S3FileStore } from './s3-file.store';

/** 128 random bits in hex: the only names ever given to stored files, so the only ones ever looked up. */
export const STORAGE_KEY = /^[0-9a-f]{32}$/;

export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The bytes of stored files, one per storage key, in the store STORAGE_URL names (the local disk
 * without it). Only this class hands a key to the store, and only after checking its format, so no
 * request can name a file outside it. A store that fails answers 503 StorageUnavailable: the
 * request may be retried, and the cause goes to the log, not to the client.
 */
@Injectable()
export class FileStorageService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(FileStorageService.name);
  private readonly store: LocalFileStore | S3FileStore;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    if (config.storage.type === 'local') {
      this.store = new LocalFileStore(config.storage.dir);
      return;
    }
    // The AWS SDK is loaded only for an S3 store (about 0.3 s of start-up otherwise spent for nothing).
    const { S3FileStore } = require('./s3-file.store') as typeof import('./s3-file.store');
    this.store = new S3FileStore(config.storage);
  }

  async onModuleInit(): Promise<void> {
    // A bucket is not created here: that is the operator's (with its access policy); /readyz says whether it answers.
    if (this.store instanceof LocalFileStore) await this.store.init();
    this.logger.log(`files stored on ${this.store.description}`);
  }

  onApplicationShutdown(): void {
    if (!(this.store instanceof LocalFileStore)) this.store.close();
  }

  async write(storageKey: string, bytes: Uint8Array): Promise<void> {
    await this.call('write', storageKey, (store, key) => store.put(key, bytes));
  }

  /** The file's bytes as a stream, or null when it is not there. */
  async open(storageKey: string): Promise<Readable | null> {
    return this.call('read', storageKey, (store, key) => store.get(key));
  }

  /** The whole file, which must be there (a contract template, a filled document). */
  async read(storageKey: string): Promise<Buffer> {
    const stream = await this.open(storageKey);
    if (!stream) throw new Error(`Stored file ${storageKey} is missing`);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (error) {
      throw this.unavailable('read', storageKey, error);
    }
    return Buffer.concat(chunks);
  }

  /** Size of the stored file, or null when it is not there. */
  async size(storageKey: string): Promise<number | null> {
    return this.call('read', storageKey, (store, key) => store.size(key));
  }

  /** Best effort: it runs while another error is already on its way to the client. */
  async remove(storageKey: string): Promise<void> {
    try {
      await this.store.remove(this.checked(storageKey));
    } catch (error) {
      this.logger.warn(`Could not remove ${storageKey} from ${this.store.description}: ${String(error)}`);
    }
  }

  /** For the readiness check: throws, naming the store, unless it answers now. */
  async ping(): Promise<void> {
    try {
      await this.store.ping();
    } catch (error) {
      throw new Error(`file store ${this.store.description} unreachable: ${String(error)}`);
    }
  }

  private async call<T>(operation: string, storageKey: string, work: (store: FileStore, key: string) => Promise<T>): Promise<T> {
    const key = this.checked(storageKey);
    try {
      return await work(this.store, key);
    } catch (error) {
      throw this.unavailable(operation, storageKey, error);
    }
  }

  private unavailable(operation: string, storageKey: string, error: unknown): AppException {
    this.logger.error(`Could not ${operation} ${storageKey} on ${this.store.description}: ${String(error)}`);
    return new AppException(ErrorCode.FileStorageUnavailable);
  }

  private checked(storageKey: string): string {
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`Malformed storage key: ${JSON.stringify(storageKey)}`);
    return storageKey;
  }
}
