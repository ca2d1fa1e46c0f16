import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DictEntry, EnabledFlag } from '@shanqian/shared';
import { DataSource, EntityManager } from 'typeorm';
import { PreparedQuery } from '../database/prepared-query';
import { Company } from './company.entity';
import { DictionaryEntry } from './dictionary-entry.entity';
import { Platform } from './platform.entity';
import { WorkPosition } from './work-position.entity';

/**
 * Every query of the catalog the forms choose from: platforms, companies, work positions and
 * dictionary entries (the back office edits them through AdminRecordsService's generic queries).
 */
@Injectable()
export class CatalogRepository {
  /** Built once: the mini-program asks for dictionaries on every form. */
  private readonly dictEntriesQuery: PreparedQuery<DictEntry>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.dictEntriesQuery = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(DictionaryEntry, 'd')
        .select(['d.dict_key AS dict_key', 'd.dict_value AS dict_value'])
        .where('d.dict_item = :item')
        .andWhere('d.status = :enabled')
        .orderBy('d.sort', 'ASC')
        .addOrderBy('d.id', 'ASC'),
    );
  }

  enabledDictEntries(item: string): Promise<DictEntry[]> {
    return this.dictEntriesQuery.all({ item, enabled: EnabledFlag.Enabled });
  }

  enabledWorkPositions(): Promise<WorkPosition[]> {
    return this.db.getRepository(WorkPosition).find({ where: { status: EnabledFlag.Enabled }, order: { sort: 'ASC', id: 'ASC' } });
  }

  isEnabledWorkPosition(name: string): Promise<boolean> {
    return this.db.getRepository(WorkPosition).existsBy({ name, status: EnabledFlag.Enabled });
  }

  enabledCompanies(): Promise<Company[]> {
    return this.db.getRepository(Company).find({ where: { status: EnabledFlag.Enabled }, order: { id: 'ASC' } });
  }

  enabledCompany(id: number): Promise<Company | null> {
    return this.db.getRepository(Company).findOneBy({ id, status: EnabledFlag.Enabled });
  }

  /** Enabled or not (a partner mirrors them all). */
  company(id: number): Promise<Company | null> {
    return this.db.getRepository(Company).findOneBy({ id });
  }

  /** Enabled or not, by id. */
  allCompanies(): Promise<Company[]> {
    return this.db.getRepository(Company).find({ order: { id: 'ASC' } });
  }

  async hasCompanies(): Promise<boolean> {
    return (await this.db.getRepository(Company).count()) > 0;
  }

  async addPlatformIfMissing(code: string, name: string): Promise<void> {
    const platforms = this.db.getRepository(Platform);
    if (!(await platforms.existsBy({ code }))) await platforms.insert({ code, name });
  }

  /** Companies, and positions by name (existing ones get the given sort), for the demo data. */
  async addDemoEntries(companyNames: string[], positionNames: string[], manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(Company, companyNames.map((companyName) => ({ companyName })));
    await manager.upsert(WorkPosition, positionNames.map((name, sort) => ({ name, sort })), ['name']);
  }
}
