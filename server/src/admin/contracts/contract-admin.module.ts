import { Module } from '@nestjs/common';
import { UploadModule } from '../../upload/upload.module';
import { ContractAdminController } from './contract-admin.controller';
import { ContractAdminService } from './contract-admin.service';

/** /admin/contracts: UploadModule stores the templates and brings the multer setup the upload routes share. */
@Module({
  imports: [UploadModule],
  controllers: [ContractAdminController],
  providers: [ContractAdminService],
})
export class ContractAdminModule {}
