import { Injectable } from '@nestjs/common';
import { CompanyRef, DictEntry, DictItem, ErrorCode, HandlerRef } from '@shanqian/shared';
import { AdminUser } from '../admin/admin-user.entity';
import { AdminUserRepository } from '../admin/admin-user.repository';
import { AppException } from '../common/app.exception';
import { CatalogRepository } from './catalog.repository';
import { Company } from './company.entity';

/** The enabled choices a worker picks from: dictionaries, positions, HR handlers, companies. */
@Injectable()
export class CatalogService {
  constructor(
    private readonly catalog: CatalogRepository,
    private readonly adminUsers: AdminUserRepository,
  ) {}

  async dict(item: string): Promise<DictEntry[]> {
    const entries = await this.catalog.enabledDictEntries(item);
    if (!entries.length) throw new AppException(ErrorCode.DictNotFound, `字典 ${item} 不存在`);
    return entries;
  }

  async workPositions(): Promise<string[]> {
    const rows = await this.catalog.enabledWorkPositions();
    return rows.map((row) => row.name);
  }

  async handlers(): Promise<HandlerRef[]> {
    const rows = await this.adminUsers.enabledHandlers();
    return rows.map(handlerRef);
  }

  async enabledCompanies(): Promise<CompanyRef[]> {
    const rows = await this.catalog.enabledCompanies();
    return rows.map(companyRef);
  }

  enabledCompany(id: number): Promise<Company | null> {
    return this.catalog.enabledCompany(id);
  }

  enabledHandler(id: number): Promise<AdminUser | null> {
    return this.adminUsers.enabledHandler(id);
  }

  isEnabledWorkPosition(name: string): Promise<boolean> {
    return this.catalog.isEnabledWorkPosition(name);
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
