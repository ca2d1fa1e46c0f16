import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@shanqian/shared';
import { DataSource } from 'typeorm';
import { AppException } from '../../common/app.exception';
import { chinaDayStart, isCalendarDate } from '../../common/china-time';
import { paginate } from '../../common/pagination';
import { AuditLog } from '../audit-log.entity';
import { AuditLogQueryDto } from './audit-log-query.dto';

export interface AuditLogRow {
  id: number;
  admin_id: number | null;
  admin_username: string;
  action: string;
  target_type: string | null;
  target_id: number | null;
  /** The JSON the entry was written with; the raw text if it was cut at 2000 characters. */
  detail: unknown;
  ip: string;
  created_at: Date;
}

const DAY_MS = 24 * 3600 * 1000;

function parseDetail(detail: string | null): unknown {
  if (detail === null) return null;
  try {
    return JSON.parse(detail);
  } catch {
    return detail;
  }
}

const toRow = (row: AuditLog): AuditLogRow => ({
  id: row.id,
  admin_id: row.adminId,
  admin_username: row.adminUsername,
  action: row.action,
  target_type: row.targetType,
  target_id: row.targetId,
  detail: parseDetail(row.detail),
  ip: row.ip,
  created_at: row.createdAt,
});

/** Reads the audit trail. There is deliberately nothing here that changes it. */
@Injectable()
export class AuditLogAdminService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(query: AuditLogQueryDto): Promise<Page<AuditLogRow>> {
    const builder = this.db.createQueryBuilder(AuditLog, 'l');
    const equals: [string, unknown][] = [
      ['l.admin_id', query.admin_id],
      ['l.action', query.action],
      ['l.target_type', query.target_type],
      ['l.target_id', query.target_id],
    ];
    equals.forEach(([column, value], i) => {
      if (value !== null && value !== undefined) builder.andWhere(`${column} = :value${i}`, { [`value${i}`]: value });
    });
    if (query.from) builder.andWhere('l.created_at >= :from', { from: instant('from', query.from, 'start') });
    if (query.to) {
      const dayOnly = !query.to.includes('T');
      builder.andWhere(dayOnly ? 'l.created_at < :to' : 'l.created_at <= :to', { to: instant('to', query.to, dayOnly ? 'next-day' : 'start') });
    }
    // By id: several entries share a second, and ids follow the order they were written in.
    return paginate(builder.orderBy('l.id', 'DESC'), query, toRow);
  }
}

/** A day means that day in China; `next-day` gives the start of the following one, for an inclusive end. */
function instant(field: string, value: string, edge: 'start' | 'next-day'): Date {
  if (!value.includes('T')) {
    if (!isCalendarDate(value)) throw AppException.invalid(field, '不是有效的日期');
    return new Date(+chinaDayStart(value) + (edge === 'next-day' ? DAY_MS : 0));
  }
  const parsed = new Date(value);
  if (Number.isNaN(+parsed)) throw AppException.invalid(field, '不是有效的时间');
  return parsed;
}
