import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Page } from '@shanqian/shared';
import { DataSource, EntityManager } from 'typeorm';
import { paginate } from '../../common/pagination';
import { Contract } from './contract.entity';
import { Upload } from '../../upload/upload.entity';
import { applyListFilters } from '../records/admin-records.repository';
import { ContractListQueryDto } from './contract.dto';

/** A contract as the back office shows it: with its company and the upload row of its template. */
export type LoadedContract = Contract & { template?: Upload | null };

/**
 * The queries of contract templates (`contract`) beyond AdminRecordsService's generic ones: the
 * list and rows with their company and template file, and the lookup an approval makes.
 */
@Injectable()
export class ContractRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  findById(id: number, manager: EntityManager = this.db.manager): Promise<Contract | null> {
    return manager.findOneBy(Contract, { id });
  }

  findLoaded(id: number): Promise<LoadedContract | null> {
    return this.loaded().where('r.id = :id', { id }).getOne();
  }

  /** Newest first. */
  page<T>(query: ContractListQueryDto, map: (row: LoadedContract) => T): Promise<Page<T>> {
    const builder = applyListFilters(this.loaded(), query, ['r.contract_name', 'r.contract_body'], 'r.status');
    if (query.company_id) builder.andWhere('r.company_id = :companyId', { companyId: query.company_id });
    return paginate(builder.orderBy('r.id', 'DESC'), query, map);
  }

  private loaded() {
    return this.db
      .createQueryBuilder(Contract, 'r')
      .leftJoinAndSelect('r.company', 'c')
      .leftJoinAndMapOne('r.template', Upload, 'u', 'u.storage_key = r.file_url');
  }
}
