import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminAuthController } from './admin-auth.controller';
import { AdminAuthGuard } from './admin-auth.guard';
import { AdminAuthService } from './admin-auth.service';
import { AuditLogService } from './audit-log.service';

/** Back-office authentication and the audit trail, which every back-office domain writes to. */
@Global()
@Module({
  controllers: [AdminAuthController],
  providers: [AdminAuthService, AuditLogService, { provide: APP_GUARD, useClass: AdminAuthGuard }],
  exports: [AdminAuthService, AuditLogService],
})
export class AdminModule {}
