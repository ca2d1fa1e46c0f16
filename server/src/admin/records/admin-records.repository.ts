import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@shanqian/shared';
import { Brackets, DataSource, DeepPartial, EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity, SelectQueryBuilder } from 'typeorm';
import { paginate, whereContains } from '../../common/pagination';
import { forUpdate } from '../../database/row-lock';
import type { EnabledListQueryDto } from './admin-list-query.dto';

export interface AdminRecord extends ObjectLiteral {
  id: number;
}

/** How a back-office list of one table is searched and ordered. */
export interface ListSpec {
  /** Columns the `keyword` is searched in. */
  keywordColumns: string[];
  /** The column `status` filters, when the table has one. */
  statusColumn?: string;
  /** Extra exact filters by column; null or absent values are ignored. */
  equals?: Record<string, unknown>;
  /** Column paths and directions. */
  order: [string, 'ASC' | 'DESC'][];
}

/** `keyword` matched anywhere in any of the columns, and `status` when given. */
export function applyListFilters<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  filters: Pick<EnabledListQueryDto, 'keyword' | 'status'>,
  keywordColumns: string[],
  statusColumn?: string,
): SelectQueryBuilder<E> {
  const keyword = filters.keyword;
  if (keyword) query.andWhere(new Brackets((any) => keywordColumns.forEach((column, i) => any.orWhere(...whereContains(column, `keyword${i}`, keyword)))));
  if (statusColumn && filters.status !== null && filters.status !== undefined) query.andWhere(`${statusColumn} = :status`, { status: filters.status });
  return query;
}

/**
 * The queries AdminRecordsService runs on any back-office table (companies, positions, dictionary
 * entries, contracts, admin users): one generic implementation rather than the same five in each
 * table's repository. Writes take the transaction's manager.
 */
@Injectable()
export class AdminRecordsRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById<E extends AdminRecord>(entity: EntityTarget<E>, id: number, manager: EntityManager = this.db.manager): Promise<E | null> {
    return manager.findOneBy(entity, { id } as never);
  }

  /** The row, locked until the transaction ends (MariaDB/MySQL). */
  findByIdForUpdate<E extends AdminRecord>(entity: EntityTarget<E>, id: number, manager: EntityManager): Promise<E | null> {
    return forUpdate(manager.createQueryBuilder(entity, 'r').where('r.id = :id', { id })).getOne();
  }

  /**
   * Whether a row other than `exceptId` has these values (property → value). `lock` reads with a
   * lock (MariaDB/MySQL) where no unique index backs the rule, so two concurrent writes of the same
   * value cannot both pass.
   */
  async exists<E extends AdminRecord>(entity: EntityTarget<E>, values: Partial<E>, exceptId: number | undefined, lock: boolean, manager: EntityManager): Promise<boolean> {
    const query = manager.createQueryBuilder(entity, 'r').select('r.id');
    Object.entries(values).forEach(([property, value], i) => query.andWhere(`r.${property} = :value${i}`, { [`value${i}`]: value }));
    if (exceptId !== undefined) query.andWhere('r.id <> :self', { self: exceptId });
    return !!(await (lock ? forUpdate(query) : query).limit(1).getOne());
  }

  /** The new row's id. */
  async insert<E extends AdminRecord>(entity: EntityTarget<E>, row: E, manager: EntityManager): Promise<number> {
    return (await manager.save(entity, row)).id;
  }

  /** The entity with the values set, not yet stored (for the checks before the insert). */
  build<E extends AdminRecord>(entity: EntityTarget<E>, values: Partial<E>): E {
    return this.db.manager.create(entity, values as DeepPartial<E>);
  }

  async update<E extends AdminRecord>(entity: EntityTarget<E>, id: number, changes: Partial<E>, manager: EntityManager): Promise<void> {
    await manager.update(entity, id, changes as QueryDeepPartialEntity<E>);
  }

  page<E extends AdminRecord, Row>(entity: EntityTarget<E>, filters: EnabledListQueryDto, spec: ListSpec, map: (row: E) => Row): Promise<Page<Row>> {
    const builder = applyListFilters(this.db.createQueryBuilder(entity, 'r'), filters, spec.keywordColumns, spec.statusColumn);
    Object.entries(spec.equals ?? {}).forEach(([column, value], i) => {
      if (value !== null && value !== undefined) builder.andWhere(`${column} = :equals${i}`, { [`equals${i}`]: value });
    });
    spec.order.forEach(([path, direction]) => builder.addOrderBy(path, direction));
    return paginate(builder, filters, map);
  }
}
