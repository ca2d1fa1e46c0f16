import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminAuthService } from './admin-auth.service';
import { AuditLogAdminModule } from './audit/audit-log-admin.module';
import { AuditLogService } from './audit-log.service';
import { CatalogAdminModule } from './catalog/catalog-admin.module';
import { ContractAdminModule } from './contracts/contract-admin.module';
import { AdminRecordsService } from './records/admin-records.service';
import { AdminUsersModule } from './users/admin-users.module';

/**
 * Back-office authentication, the audit trail every back-office domain writes to, and the
 * AdminRecordsService that writes records together with their audit entries; the management
 * screens live in the sub-modules.
 */
@Global()
@Module({
  imports: [CatalogAdminModule, AdminUsersModule, ContractAdminModule, AuditLogAdminModule],
  controllers: [AdminAuthController],
  providers: [AdminAuthService, AuditLogService, AdminRecordsService, { provide: APP_GUARD, useClass: AdminAuthGuard }],
  exports: [AdminAuthService, AuditLogService, AdminRecordsService],
})
export class AdminModule {}
