import { Module } from '@nestjs/common';
import { UploadModule } from '../upload/upload.module';
import { ApplicationAdminController } from './application-admin.controller';
import { ApplicationAdminService } from './application-admin.service';
import { EmployeeAdminController } from './employee-admin.controller';
import { EmployeeAdminService } from './employee-admin.service';

/** The sign application: its lifecycle, its history, who may see it, and HR's screens over it. */
@Module({
  imports: [UploadModule],
  controllers: [ApplicationAdminController, EmployeeAdminController],
  providers: [ApplicationAdminService, EmployeeAdminService],
})
export class ApplicationsModule {}
