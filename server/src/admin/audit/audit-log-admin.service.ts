import { Injectable } from '@nestjs/common';
import { AuditLogRow, Page } from '@shanqian/shared';
import { AppException } from '../../common/app.exception';
import { chinaDayStart, isCalendarDate } from '../../common/china-time';
import { AuditLog } from '../audit-log.entity';
import { AuditLogRepository } from '../audit-log.repository';
import { AuditLogQueryDto } from './audit-log-query.dto';

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
  created_at: row.createdAt.toISOString(),
});

/** Reads the audit trail. There is deliberately nothing here that changes it. */
@Injectable()
export class AuditLogAdminService {
  constructor(private readonly auditLogs: AuditLogRepository) {}

  async list(query: AuditLogQueryDto): Promise<Page<AuditLogRow>> {
    const dayOnlyTo = !!query.to && !query.to.includes('T');
    const filters = {
      adminId: query.admin_id,
      action: query.action,
      targetType: query.target_type,
      targetId: query.target_id,
      from: query.from ? instant('from', query.from, 'start') : null,
      to: query.to ? instant('to', query.to, dayOnlyTo ? 'next-day' : 'start') : null,
      toInclusive: !dayOnlyTo,
    };
    return this.auditLogs.page(filters, query, toRow);
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
