import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { UploadModule } from '../upload/upload.module';
import { CompanySealRepository } from './company-seal.repository';
import { SealAdminController } from './seal-admin.controller';
import { SealService } from './seal.service';

/**
 * Company seals and the authorization to seal (/admin/companies/:id/seal*). SealService is what the
 * approval checks (assertAuthorized) and what signing seals with (artworkToSeal, then sealAppearance).
 * UploadModule stores uploaded seals and brings the multer setup; AdminModule (global) the password
 * check and the audit log.
 */
@Module({
  imports: [UploadModule, CatalogModule],
  controllers: [SealAdminController],
  providers: [SealService, CompanySealRepository],
  exports: [SealService],
})
export class SealsModule {}
