import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { CompanyRef, DictEntry, DictItem, EnabledFlag, ErrorCode, HandlerRef } from '@shanqian/shared';
import { DataSource, Repository } from 'typeorm';
import { AdminUser } from '../admin/admin-user.entity';
import { AppException } from '../common/app.exception';
import { PreparedQuery } from '../database/prepared-query';
import { Company } from './company.entity';
import { DictionaryEntry } from './dictionary-entry.entity';
import { WorkPosition } from './work-position.entity';

/** The enabled choices a worker picks from: dictionaries, positions, HR handlers, companies. */
@Injectable()
export class CatalogService {
  /** Built once: the mini-program asks for dictionaries on every form. */
  private readonly dictEntries: PreparedQuery<DictEntry>;

  constructor(
    @InjectDataSource() db: DataSource,
    @InjectRepository(WorkPosition) private readonly positions: Repository<WorkPosition>,
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
  ) {
    this.dictEntries = new PreparedQuery(db, (ds) =>
      ds
        .createQueryBuilder(DictionaryEntry, 'd')
        .select(['d.dict_key AS dict_key', 'd.dict_value AS dict_value'])
        .where('d.dict_item = :item')
        .andWhere('d.status = :enabled')
        .orderBy('d.sort', 'ASC')
        .addOrderBy('d.id', 'ASC'),
    );
  }

  async dict(item: string): Promise<DictEntry[]> {
    const entries = await this.dictEntries.all({ item, enabled: EnabledFlag.Enabled });
    if (!entries.length) throw new AppException(ErrorCode.DictNotFound, `字典 ${item} 不存在`);
    return entries;
  }

  async workPositions(): Promise<string[]> {
    const rows = await this.positions.find({ where: { status: EnabledFlag.Enabled }, order: { sort: 'ASC', id: 'ASC' } });
    return rows.map((row) => row.name);
  }

  async handlers(): Promise<HandlerRef[]> {
    const rows = await this.admins.find({ where: { status: EnabledFlag.Enabled, role: 'hr' }, order: { id: 'ASC' } });
    return rows.map(handlerRef);
  }

  async enabledCompanies(): Promise<CompanyRef[]> {
    const rows = await this.companies.find({ where: { status: EnabledFlag.Enabled }, order: { id: 'ASC' } });
    return rows.map(companyRef);
  }

  async enabledCompany(id: number): Promise<Company | null> {
    return this.companies.findOneBy({ id, status: EnabledFlag.Enabled });
  }

  async enabledHandler(id: number): Promise<AdminUser | null> {
    return this.admins.findOneBy({ id, status: EnabledFlag.Enabled, role: 'hr' });
  }

  async isEnabledWorkPosition(name: string): Promise<boolean> {
    return this.positions.existsBy({ name, status: EnabledFlag.Enabled });
  }

  async dictKeys(item: DictItem): Promise<Set<string>> {
    return new Set((await this.dict(item)).map((entry) => entry.dict_key));
  }

  async dictValues(item: DictItem): Promise<Set<string>> {
    return new Set((await this.dict(item)).map((entry) => entry.dict_value));
  }
}

export const companyRef = (company: Company): CompanyRef => ({ id: company.id, company_name: company.companyName });
export const handlerRef = (admin: AdminUser): HandlerRef => ({ id: admin.id, name: admin.name ?? admin.username });
