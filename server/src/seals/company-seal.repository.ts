import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CompanySeal } from './company-seal.entity';

export type SealChanges = Partial<Omit<CompanySeal, 'companyId' | 'createdAt' | 'updatedAt'>>;

/** Every query of `company_seal`. */
@Injectable()
export class CompanySealRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  find(companyId: number): Promise<CompanySeal | null> {
    return this.db.getRepository(CompanySeal).findOneBy({ companyId });
  }

  /** Creates the company's row on its first change (in one statement, so two first changes cannot collide); other columns keep their values. */
  async save(companyId: number, changes: SealChanges, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.getRepository(CompanySeal).upsert({ companyId, ...changes }, { conflictPaths: ['companyId'] });
  }
}
