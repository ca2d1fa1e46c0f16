import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminUser } from '../admin/admin-user.entity';
import { CatalogBootstrapService } from './catalog-bootstrap.service';
import { CatalogController } from './catalog.controller';
import { CatalogService } from './catalog.service';
import { Company } from './company.entity';
import { WorkPosition } from './work-position.entity';

@Module({
  imports: [TypeOrmModule.forFeature([WorkPosition, AdminUser, Company])],
  controllers: [CatalogController],
  providers: [CatalogService, CatalogBootstrapService],
  exports: [CatalogService],
})
export class CatalogModule {}
