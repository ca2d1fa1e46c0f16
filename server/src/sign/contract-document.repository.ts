import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ContractDocument } from './contract-document.entity';

/** Every query of `contract_document`: the filled contract of an approval and, once signed, the signed file. */
@Injectable()
export class ContractDocumentRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findByApplication(applicationId: number): Promise<ContractDocument | null> {
    return this.db.getRepository(ContractDocument).findOneBy({ applicationId });
  }

  findBySignedSha256(signedSha256: string): Promise<ContractDocument | null> {
    return this.db.getRepository(ContractDocument).findOneBy({ signedSha256 });
  }

  async insert(fields: Partial<ContractDocument>): Promise<void> {
    await this.db.getRepository(ContractDocument).insert(fields);
  }

  /** Pass the manager when the change stands or falls with others (the signature with the application's status). */
  async update(id: number, changes: Partial<ContractDocument>, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.update(ContractDocument, id, changes);
  }
}
