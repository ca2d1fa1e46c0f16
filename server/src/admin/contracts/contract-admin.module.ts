import { Module } from '@nestjs/common';
import { CatalogModule } from '../../catalog/catalog.module';
import { UploadModule } from '../../upload/upload.module';
import { ContractAdminController } from './contract-admin.controller';
import { ContractAdminService } from './contract-admin.service';
import { ContractRepository } from './contract.repository';

/** /admin/contracts: UploadModule stores the templates and brings the multer setup the upload routes share. */
@Module({
  imports: [UploadModule, CatalogModule],
  controllers: [ContractAdminController],
  providers: [ContractAdminService, ContractRepository],
  exports: [ContractRepository],
})
export class ContractAdminModule {}
