import { Module } from '@nestjs/common';
import { EmployeeAdminController } from './employee-admin.controller';
import { EmployeeAdminService } from './employee-admin.service';

/** GET /admin/employees. */
@Module({
  controllers: [EmployeeAdminController],
  providers: [EmployeeAdminService],
})
export class EmployeeAdminModule {}
