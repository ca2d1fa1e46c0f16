import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** 128 random bits in hex: the only names ever given to stored files, so the only ones ever looked up. */
export const STORAGE_KEY = /^[0-9a-f]{32}$/;

export function newStorageKey(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The bytes of uploads, under DATA_DIR/uploads, one file per storage key. Only this class turns a key
 * into a path, and only after checking its format, so no request can name a file outside the folder.
 */
@Injectable()
export class FileStorageService implements OnModuleInit {
  private readonly logger = new Logger(FileStorageService.name);
  readonly dir: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.dir = join(config.dataDir, 'uploads');
  }

  async onModuleInit(): Promise<void> {
    // ID card photos: readable by the server's user only.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  path(storageKey: string): string {
    if (!STORAGE_KEY.test(storageKey)) throw new Error(`Malformed storage key: ${JSON.stringify(storageKey)}`);
    return join(this.dir, storageKey);
  }

  /**
   * Written under a temporary name, flushed, then renamed: a reader (or a crash) never sees a
   * half-written file under the real name. Temporary names never match STORAGE_KEY, so they are never served.
   */
  async write(storageKey: string, bytes: Uint8Array): Promise<void> {
    const target = this.path(storageKey);
    const temp = join(this.dir, `.${storageKey}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await this.unlinkQuietly(temp);
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, target);
    } catch (error) {
      await this.unlinkQuietly(temp);
      throw error;
    }
  }

  async read(storageKey: string): Promise<Buffer> {
    return readFile(this.path(storageKey));
  }

  /** Size of the stored file, or null when it is not there. */
  async size(storageKey: string): Promise<number | null> {
    try {
      const info = await stat(this.path(storageKey));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Best effort: it runs while another error is already on its way to the client. */
  async remove(storageKey: string): Promise<void> {
    await this.unlinkQuietly(this.path(storageKey));
  }

  private async unlinkQuietly(path: string): Promise<void> {
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.logger.warn(`Could not remove ${path}: ${String(error)}`);
    }
  }
}
