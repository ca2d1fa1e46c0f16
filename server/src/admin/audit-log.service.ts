import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AdminPrincipal } from './admin-route.decorator';
import { AuditLogRepository } from './audit-log.repository';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: number;
  /** Serialised as JSON; keep personal data out (masked ID numbers only). */
  detail?: Record<string, unknown>;
}

type Actor = Pick<AdminPrincipal, 'adminId' | 'username'> | { adminId: null; username: string };

/** Writes the audit trail of the back office; it only ever inserts. */
@Injectable()
export class AuditLogService {
  constructor(private readonly auditLogs: AuditLogRepository) {}

  /** Pass the transaction's manager when the action is written in one, so the entry stands or falls with it. */
  async record(actor: Actor, ip: string, entry: AuditEntry, manager?: EntityManager): Promise<void> {
    const row = {
      adminId: actor.adminId,
      adminUsername: actor.username.slice(0, 32),
      action: entry.action,
      targetType: entry.targetType ?? null,
      targetId: entry.targetId ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail).slice(0, 2000) : null,
      ip,
    };
    await this.auditLogs.insert(row, manager);
  }
}
