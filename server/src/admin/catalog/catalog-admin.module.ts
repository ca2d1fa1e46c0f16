import { Module } from '@nestjs/common';
import { CatalogAdminService } from './catalog-admin.service';
import { CompanyAdminController } from './company-admin.controller';
import { DictAdminController } from './dict-admin.controller';
import { WorkPositionAdminController } from './work-position-admin.controller';

/** /admin/companies, /admin/work-positions, /admin/dicts. */
@Module({
  controllers: [CompanyAdminController, WorkPositionAdminController, DictAdminController],
  providers: [CatalogAdminService],
})
export class CatalogAdminModule {}
