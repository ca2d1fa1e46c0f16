import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module';
import { UploadModule } from '../upload/upload.module';
import { CertificateService } from './certificate.service';
import { CompanyCertificateController } from './company-certificate.controller';
import { CompanyCertificateRepository } from './company-certificate.repository';

/** The platform's CA, the company and event certificates it issues, and /admin/companies/:id/certificate. */
@Module({
  imports: [CatalogModule, UploadModule],
  controllers: [CompanyCertificateController],
  providers: [CertificateService, CompanyCertificateRepository],
  exports: [CertificateService],
})
export class CertificatesModule {}
