import { Module } from '@nestjs/common';
import { CatalogBootstrapService } from './catalog-bootstrap.service';
import { CatalogController } from './catalog.controller';
import { CatalogRepository } from './catalog.repository';
import { CatalogService } from './catalog.service';

@Module({
  controllers: [CatalogController],
  providers: [CatalogService, CatalogRepository, CatalogBootstrapService],
  exports: [CatalogService, CatalogRepository],
})
export class CatalogModule {}
