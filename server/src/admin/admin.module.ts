import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminAuthService } from './admin-auth.service';
import { AdminUserRepository } from './admin-user.repository';
import { AuditLogAdminModule } from './audit/audit-log-admin.module';
import { AuditLogRepository } from './audit-log.repository';
import { AuditLogService } from './audit-log.service';
import { CatalogAdminModule } from './catalog/catalog-admin.module';
import { ContractAdminModule } from './contracts/contract-admin.module';
import { AdminRecordsRepository } from './records/admin-records.repository';
import { AdminRecordsService } from './records/admin-records.service';
import { AdminUsersModule } from './users/admin-users.module';

/**
 * Back-office authentication and accounts (AdminUserRepository: the HR handlers other modules
 * read), the audit trail every back-office domain writes to, and the AdminRecordsService that
 * writes records together with their audit entries; the management screens live in the sub-modules.
 */
@Global()
@Module({
  imports: [CatalogAdminModule, AdminUsersModule, ContractAdminModule, AuditLogAdminModule],
  controllers: [AdminAuthController],
  providers: [
    AdminAuthService,
    AdminUserRepository,
    AuditLogService,
    AuditLogRepository,
    AdminRecordsService,
    AdminRecordsRepository,
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
  exports: [AdminAuthService, AdminUserRepository, AuditLogService, AuditLogRepository, AdminRecordsService],
})
export class AdminModule {}
