import { Controller, Get, Param } from '@nestjs/common';
import type { CompanyRef, DictEntry, HandlerRef } from '@shanqian/shared';
import { CatalogService } from './catalog.service';

@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('dict/:item')
  dict(@Param('item') item: string): Promise<DictEntry[]> {
    return this.catalog.dict(item);
  }

  @Get('work_pos')
  workPositions(): Promise<string[]> {
    return this.catalog.workPositions();
  }

  @Get('handlers')
  handlers(): Promise<HandlerRef[]> {
    return this.catalog.handlers();
  }

  @Get('companies')
  companies(): Promise<CompanyRef[]> {
    return this.catalog.enabledCompanies();
  }
}
