import { Module } from '@nestjs/common';
import { AuditLogAdminController } from './audit-log-admin.controller';
import { AuditLogAdminService } from './audit-log-admin.service';

/** GET /admin/audit-logs. */
@Module({
  controllers: [AuditLogAdminController],
  providers: [AuditLogAdminService],
})
export class AuditLogAdminModule {}
