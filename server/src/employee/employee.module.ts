import { Module } from '@nestjs/common';
import { ApplicationsModule } from '../applications/applications.module';
import { AuthModule } from '../auth/auth.module';
import { CatalogModule } from '../catalog/catalog.module';
import { UploadModule } from '../upload/upload.module';
import { VerificationModule } from '../verification/verification.module';
import { EmployeeController } from './employee.controller';
import { EmployeeRepository } from './employee.repository';
import { EmployeeService } from './employee.service';

/** The worker's resume (seed §3.2): submitting it applies, through ApplicationsService. */
@Module({
  imports: [ApplicationsModule, AuthModule, CatalogModule, UploadModule, VerificationModule],
  controllers: [EmployeeController],
  providers: [EmployeeRepository, EmployeeService],
  exports: [EmployeeService],
})
export class EmployeeModule {}
