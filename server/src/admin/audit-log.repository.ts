import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@shanqian/shared';
import { DataSource, EntityManager } from 'typeorm';
import { paginate, PageQueryDto } from '../common/pagination';
import { AuditLog } from './audit-log.entity';

export type NewAuditLog = Pick<AuditLog, 'adminId' | 'adminUsername' | 'action' | 'targetType' | 'targetId' | 'detail' | 'ip'>;

/** What the audit trail is searched by; null or absent filters are ignored. */
export interface AuditLogFilters {
  adminId?: number | null;
  action?: string | null;
  targetType?: string | null;
  targetId?: number | null;
  /** Entries written at or after. */
  from?: Date | null;
  /** Entries written before (or at, when `toInclusive`). */
  to?: Date | null;
  toInclusive?: boolean;
}

/** Every query of `admin_audit_log`. It only ever inserts and reads. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** With the transaction's manager, the entry stands or falls with the action it records. */
  async insert(entry: NewAuditLog, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.insert(AuditLog, entry);
  }

  /** Newest first. */
  page<T>(filters: AuditLogFilters, page: PageQueryDto, map: (row: AuditLog) => T): Promise<Page<T>> {
    const builder = this.db.createQueryBuilder(AuditLog, 'l');
    const equals: [string, unknown][] = [
      ['l.admin_id', filters.adminId],
      ['l.action', filters.action],
      ['l.target_type', filters.targetType],
      ['l.target_id', filters.targetId],
    ];
    equals.forEach(([column, value], i) => {
      if (value !== null && value !== undefined) builder.andWhere(`${column} = :value${i}`, { [`value${i}`]: value });
    });
    if (filters.from) builder.andWhere('l.created_at >= :from', { from: filters.from });
    if (filters.to) builder.andWhere(filters.toInclusive ? 'l.created_at <= :to' : 'l.created_at < :to', { to: filters.to });
    // By id: several entries share a second, and ids follow the order they were written in.
    return paginate(builder.orderBy('l.id', 'DESC'), page, map);
  }
}
