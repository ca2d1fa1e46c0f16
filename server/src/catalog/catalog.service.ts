import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CompanyRef, DictEntry, DictItem, EnabledFlag, ErrorCode, HandlerRef } from '@shanqian/shared';
import { Repository } from 'typeorm';
import { AdminUser } from '../admin/admin-user.entity';
import { AppException } from '../common/app.exception';
import { Company } from './company.entity';
import { DictionaryEntry } from './dictionary-entry.entity';
import { WorkPosition } from './work-position.entity';

/** The enabled choices a worker picks from: dictionaries, positions, HR handlers, companies. */
@Injectable()
export class CatalogService {
  constructor(
    @InjectRepository(DictionaryEntry) private readonly dictionary: Repository<DictionaryEntry>,
    @InjectRepository(WorkPosition) private readonly positions: Repository<WorkPosition>,
    @InjectRepository(AdminUser) private readonly admins: Repository<AdminUser>,
    @InjectRepository(Company) private readonly companies: Repository<Company>,
  ) {}

  async dict(item: string): Promise<DictEntry[]> {
    const rows = await this.dictionary.find({
      where: { dictItem: item, status: EnabledFlag.Enabled },
      order: { sort: 'ASC', id: 'ASC' },
      select: { dictKey: true, dictValue: true },
    });
    if (!rows.length) throw new AppException(ErrorCode.DictNotFound, `字典 ${item} 不存在`);
    return rows.map((row) => ({ dict_key: row.dictKey, dict_value: row.dictValue }));
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
