import { Injectable } from '@nestjs/common';
import { EnabledFlag, ErrorCode, Page } from '@shanqian/shared';
import { EntityManager, EntityTarget } from 'typeorm';
import { AppException } from '../../common/app.exception';
import { isUniqueViolation } from '../../database/query-errors';
import { TransactionRunner } from '../../database/transaction-runner';
import { AdminPrincipal } from '../admin-route.decorator';
import { AuditLogService } from '../audit-log.service';
import type { EnabledListQueryDto } from './admin-list-query.dto';
import { AdminRecord, AdminRecordsRepository, ListSpec } from './admin-records.repository';

/** Columns no two rows may share, and what to say when they would. */
export interface UniqueRule<E> {
  fields: (keyof E & string)[];
  message: (row: E) => string;
  /**
   * No unique index backs the rule (company names): on MariaDB/MySQL the check reads with a lock, so
   * two concurrent writes of the same value cannot both pass it.
   */
  unindexed?: boolean;
}

/** A kind of back-office record: its entity, how the audit log names it, and its rules. */
export interface RecordKind<E extends AdminRecord> {
  entity: EntityTarget<E>;
  /** target_type in the audit log and the prefix of its actions (`company` → `company.create`). */
  type: string;
  /** What people call it, for messages (用人单位). */
  label: string;
  unique?: UniqueRule<E>[];
  /** Properties whose values never reach the audit log; a change is recorded as `{name: 'changed'}` under the given name. */
  secret?: Partial<Record<keyof E & string, string>>;
}

export interface WriteOptions<E> {
  /**
   * In the transaction, before the record is read: the locks `check` relies on, taken first so that
   * every writer takes them in the same order (no deadlock between two writers of different rows).
   */
  prepare?: (manager: EntityManager) => Promise<void>;
  /** In the transaction, before the write: throw to refuse it. `before` is null on create. */
  check?: (manager: EntityManager, after: E, before: E | null) => Promise<void>;
  /** In the transaction, after the write (ending sessions, say): it commits or rolls back with it. */
  after?: (manager: EntityManager, after: E, before: E | null) => Promise<void>;
  /** Added to the audit detail: what the columns do not show (a file's hash). */
  detail?: Record<string, unknown>;
}

const snake = (property: string) => property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Creates, edits, enables and disables back-office records, each in one transaction with its audit
 * entry, so the log never claims a change that did not happen nor misses one that did.
 */
@Injectable()
export class AdminRecordsService {
  constructor(
    private readonly records: AdminRecordsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditLogService,
  ) {}

  /** The record, or a 404 naming it. */
  async get<E extends AdminRecord>(kind: RecordKind<E>, id: number, manager?: EntityManager): Promise<E> {
    const row = await this.records.findById(kind.entity, id, manager);
    if (!row) throw this.notFound(kind, id);
    return row;
  }

  /** One page of a back-office list, as the API shows its rows. */
  list<E extends AdminRecord, Row>(kind: RecordKind<E>, filters: EnabledListQueryDto, spec: ListSpec, map: (row: E) => Row): Promise<Page<Row>> {
    return this.records.page(kind.entity, filters, spec, map);
  }

  async create<E extends AdminRecord>(kind: RecordKind<E>, values: Partial<E>, actor: AdminPrincipal, ip: string, options: WriteOptions<E> = {}): Promise<E> {
    return this.transaction(kind, async (manager) => {
      await options.prepare?.(manager);
      const row = this.records.build(kind.entity, values);
      await this.assertUnique(manager, kind, row);
      await options.check?.(manager, row, null);
      const id = await this.records.insert(kind.entity, row, manager);
      const saved = await this.get(kind, id, manager);
      await options.after?.(manager, saved, null);
      const detail = { ...this.createdDetail(kind, values), ...options.detail };
      await this.audit.record(actor, ip, { action: `${kind.type}.create`, targetType: kind.type, targetId: id, detail }, manager);
      return saved;
    });
  }

  /**
   * Writes the properties of `values` that differ from the stored ones (undefined ones are left as
   * they are). Nothing differs: nothing is written and nothing audited.
   */
  async update<E extends AdminRecord>(
    kind: RecordKind<E>,
    id: number,
    values: Partial<E>,
    actor: AdminPrincipal,
    ip: string,
    options: WriteOptions<E> & { action?: string } = {},
  ): Promise<E> {
    return this.transaction(kind, async (manager) => {
      await options.prepare?.(manager);
      const before = await this.records.findByIdForUpdate(kind.entity, id, manager);
      if (!before) throw this.notFound(kind, id);
      const changes: Partial<E> = {};
      for (const [property, value] of Object.entries(values)) {
        if (value !== undefined && before[property] !== value) Object.assign(changes, { [property]: value });
      }
      const changed = Object.keys(changes);
      if (!changed.length) return before;

      const after = { ...before, ...changes } as E;
      await this.assertUnique(manager, kind, after, changed);
      await options.check?.(manager, after, before);
      await this.records.update(kind.entity, id, changes, manager);
      await options.after?.(manager, after, before);
      const detail = { ...this.changedDetail(kind, before, changes), ...options.detail };
      await this.audit.record(actor, ip, { action: options.action ?? `${kind.type}.update`, targetType: kind.type, targetId: id, detail }, manager);
      return this.get(kind, id, manager);
    });
  }

  /** Nothing is ever deleted: what refers to a disabled record (applications, contracts) keeps referring to it. */
  async setEnabled<E extends AdminRecord & { status: EnabledFlag }>(
    kind: RecordKind<E>,
    id: number,
    enabled: boolean,
    actor: AdminPrincipal,
    ip: string,
    options: WriteOptions<E> = {},
  ): Promise<E> {
    const status = enabled ? EnabledFlag.Enabled : EnabledFlag.Disabled;
    return this.update(kind, id, { status } as Partial<E>, actor, ip, { ...options, action: `${kind.type}.${enabled ? 'enable' : 'disable'}` });
  }

  private async transaction<E extends AdminRecord, T>(kind: RecordKind<E>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.transactions.run(work);
    } catch (error) {
      // The check before the write passed, so a concurrent request took the value in between.
      if (isUniqueViolation(error)) throw new AppException(ErrorCode.RecordDuplicate, `${kind.label}已存在`);
      throw error;
    }
  }

  /** Checks only the rules whose columns change (all of them on create), the row itself excepted. */
  private async assertUnique<E extends AdminRecord>(manager: EntityManager, kind: RecordKind<E>, row: E, changed?: string[]): Promise<void> {
    for (const rule of kind.unique ?? []) {
      if (changed && !rule.fields.some((field) => changed.includes(field))) continue;
      const values = Object.fromEntries(rule.fields.map((field) => [field, row[field]])) as Partial<E>;
      if (await this.records.exists(kind.entity, values, row.id, !!rule.unindexed, manager)) throw new AppException(ErrorCode.RecordDuplicate, rule.message(row));
    }
  }

  private notFound<E extends AdminRecord>(kind: RecordKind<E>, id: number): AppException {
    return new AppException(ErrorCode.RecordNotFound, `${kind.label} ${id} 不存在`);
  }

  private createdDetail<E extends AdminRecord>(kind: RecordKind<E>, values: Partial<E>): Record<string, unknown> {
    const secret: Record<string, string | undefined> = kind.secret ?? {};
    return Object.fromEntries(Object.entries(values).filter(([property, value]) => value !== undefined && !secret[property]).map(([property, value]) => [snake(property), value]));
  }

  private changedDetail<E extends AdminRecord>(kind: RecordKind<E>, before: E, changes: Partial<E>): Record<string, unknown> {
    const secret: Record<string, string | undefined> = kind.secret ?? {};
    return Object.fromEntries(
      Object.entries(changes).map(([property, to]) => {
        const hidden = secret[property];
        return hidden ? [hidden, 'changed'] : [snake(property), { from: before[property], to }];
      }),
    );
  }
}
