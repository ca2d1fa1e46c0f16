import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Upload } from './upload.entity';

export type NewUpload = Pick<Upload, 'storageKey' | 'ownerUserId' | 'mime' | 'size' | 'sha256'>;

/** Every query of `upload`: the row that says who a stored file belongs to. */
@Injectable()
export class UploadRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  insert(values: NewUpload): Promise<Upload> {
    const uploads = this.db.getRepository(Upload);
    return uploads.save(uploads.create(values));
  }

  async deleteByIds(ids: number[]): Promise<void> {
    if (ids.length) await this.db.getRepository(Upload).delete(ids);
  }

  findByStorageKey(storageKey: string): Promise<Upload | null> {
    return this.db.getRepository(Upload).findOneBy({ storageKey });
  }
}
