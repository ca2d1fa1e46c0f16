import { Controller, Get, Query } from '@nestjs/common';
import type { AuditLogRow, Page } from '@shanqian/shared';
import { AdminRoles } from '../admin-route.decorator';
import { AuditLogAdminService } from './audit-log-admin.service';
import { AuditLogQueryDto } from './audit-log-query.dto';

/** Super admins only: the trail shows every admin's actions. Append-only, so there is no route that edits or deletes it. */
@AdminRoles('super')
@Controller('admin/audit-logs')
export class AuditLogAdminController {
  constructor(private readonly auditLogs: AuditLogAdminService) {}

  @Get()
  list(@Query() query: AuditLogQueryDto): Promise<Page<AuditLogRow>> {
    return this.auditLogs.list(query);
  }
}
