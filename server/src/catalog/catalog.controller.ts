import { Controller, Get, Param } from '@nestjs/common';
import type { CompanyRef, DictEntry, HandlerRef } from '@shanqian/shared';
import { NoPersonalData } from '../common/http-hardening';
import { CatalogService } from './catalog.service';

@Controller()
export class CatalogController {
  constructor(private readonly catalog: CatalogService) {}

  @Get('dict/:item')
  @NoPersonalData()
  dict(@Param('item') item: string): Promise<DictEntry[]> {
    return this.catalog.dict(item);
  }

  @Get('work_pos')
  @NoPersonalData()
  workPositions(): Promise<string[]> {
    return this.catalog.workPositions();
  }

  @Get('handlers')
  @NoPersonalData()
  handlers(): Promise<HandlerRef[]> {
    return this.catalog.handlers();
  }

  @Get('companies')
  @NoPersonalData()
  companies(): Promise<CompanyRef[]> {
    return this.catalog.enabledCompanies();
  }
}
