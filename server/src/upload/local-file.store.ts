import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { FileStore } from './file-store';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Files under one folder of the local disk (DATA_DIR/uploads): for a single instance. */
export class LocalFileStore implements FileStore {
  readonly description = 'local disk';

  constructor(readonly dir: string) {}

  async init(): Promise<void> {
    // ID card photos: readable by the server's user only.
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
  }

  /**
   * Written under a temporary name, flushed, then renamed: a reader (or a crash) never sees a
   * half-written file under the real name. Temporary names never match STORAGE_KEY, so they are never served.
   */
  async put(storageKey: string, bytes: Uint8Array): Promise<void> {
    const temp = join(this.dir, `.${storageKey}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
      await handle.close();
      await rename(temp, join(this.dir, storageKey));
    } catch (error) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async get(storageKey: string): Promise<Readable | null> {
    try {
      // Opened here rather than by the stream, so a missing file is a null and not a stream error.
      const handle = await open(join(this.dir, storageKey), 'r');
      return handle.createReadStream();
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async size(storageKey: string): Promise<number | null> {
    try {
      const info = await stat(join(this.dir, storageKey));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async remove(storageKey: string): Promise<void> {
    try {
      await unlink(join(this.dir, storageKey));
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async ping(): Promise<void> {
    await access(this.dir, constants.R_OK | constants.W_OK);
  }
}
