import type { CompanyRow, DictRow, WorkPositionRow } from '@shanqian/shared';
import { Company } from '../../catalog/company.entity';
import { DictionaryEntry } from '../../catalog/dictionary-entry.entity';
import { WorkPosition } from '../../catalog/work-position.entity';
import { CatalogResource } from './catalog-admin.service';

export const COMPANIES: CatalogResource<Company, CompanyRow> = {
  entity: Company,
  type: 'company',
  label: '用人单位',
  // The schema has no unique index on the name; two companies of one name would be indistinguishable in the pickers.
  unique: [{ fields: ['companyName'], message: (row) => `用人单位「${row.companyName}」已存在`, unindexed: true }],
  keywordColumns: ['r.company_name'],
  order: [['r.id', 'ASC']],
  toRow: (row) => ({ id: row.id, company_name: row.companyName, status: row.status, created_at: row.createdAt.toISOString(), updated_at: row.updatedAt.toISOString() }),
};

export const WORK_POSITIONS: CatalogResource<WorkPosition, WorkPositionRow> = {
  entity: WorkPosition,
  type: 'work_position',
  label: '岗位',
  unique: [{ fields: ['name'], message: (row) => `岗位「${row.name}」已存在` }],
  keywordColumns: ['r.name'],
  order: [['r.sort', 'ASC'], ['r.id', 'ASC']],
  toRow: (row) => ({ id: row.id, name: row.name, sort: row.sort, status: row.status }),
};

export const DICTS: CatalogResource<DictionaryEntry, DictRow> = {
  entity: DictionaryEntry,
  type: 'dict',
  label: '字典项',
  unique: [{ fields: ['dictItem', 'dictKey'], message: (row) => `字典 ${row.dictItem} 中已有 dict_key「${row.dictKey}」` }],
  keywordColumns: ['r.dict_key', 'r.dict_value'],
  order: [['r.dictItem', 'ASC'], ['r.sort', 'ASC'], ['r.id', 'ASC']],
  // Resumes store dict_key values (edu_type, say): renaming a key would orphan them. Disable and add a new entry instead.
  immutable: [
    { property: 'dictItem', field: 'dict_item' },
    { property: 'dictKey', field: 'dict_key' },
  ],
  toRow: (row) => ({ id: row.id, dict_item: row.dictItem, dict_key: row.dictKey, dict_value: row.dictValue, sort: row.sort, status: row.status }),
};
