import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { UploadModule } from '../upload/upload.module';
import { VerificationModule } from '../verification/verification.module';
import { EmployeeController } from './employee.controller';
import { EmployeeService } from './employee.service';

@Module({
  imports: [CatalogModule, UploadModule, VerificationModule],
  controllers: [EmployeeController],
  providers: [EmployeeService],
})
export class EmployeeModule {}
