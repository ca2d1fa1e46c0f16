import { Injectable } from '@nestjs/common';
import { EnabledFlag, Page } from '@shanqian/shared';
import { AppException } from '../../common/app.exception';
import { AdminPrincipal } from '../admin-route.decorator';
import { EnabledListQueryDto } from '../records/admin-list-query.dto';
import { AdminRecord } from '../records/admin-records.repository';
import { AdminRecordsService, RecordKind } from '../records/admin-records.service';

type Switchable = AdminRecord & { status: EnabledFlag };

/** A catalog table the back office manages (companies, work positions, dictionary entries): its rules and how the API shows a row. */
export interface CatalogResource<E extends Switchable, Row> extends RecordKind<E> {
  /** Columns the `keyword` is searched in. */
  keywordColumns: string[];
  /** Property paths and directions, the order of the list (the pickers' order where they have one). */
  order: [string, 'ASC' | 'DESC'][];
  /** Properties fixed at creation because stored data refers to them by value. */
  immutable?: { property: keyof E & string; field: string }[];
  toRow(row: E): Row;
}

/** The one implementation behind /admin/companies, /admin/work-positions and /admin/dicts. */
@Injectable()
export class CatalogAdminService {
  constructor(private readonly records: AdminRecordsService) {}

  /** `equals`: extra exact filters by column (dicts by dict_item); null values are ignored. */
  list<E extends Switchable, Row>(resource: CatalogResource<E, Row>, query: EnabledListQueryDto, equals: Record<string, unknown> = {}): Promise<Page<Row>> {
    const spec = { keywordColumns: resource.keywordColumns, statusColumn: 'r.status', equals, order: resource.order };
    return this.records.list(resource, query, spec, (row) => resource.toRow(row));
  }

  async create<E extends Switchable, Row>(resource: CatalogResource<E, Row>, values: Partial<E>, admin: AdminPrincipal, ip: string): Promise<Row> {
    return resource.toRow(await this.records.create(resource, values, admin, ip));
  }

  async update<E extends Switchable, Row>(resource: CatalogResource<E, Row>, id: number, values: Partial<E>, admin: AdminPrincipal, ip: string): Promise<Row> {
    const check = async (_: unknown, after: E, before: E | null) => {
      for (const { property, field } of resource.immutable ?? []) {
        if (before && after[property] !== before[property]) throw AppException.invalid(field, '创建后不能修改；如需更换，请停用此条并新建一条');
      }
    };
    return resource.toRow(await this.records.update(resource, id, values, admin, ip, { check }));
  }

  async setEnabled<E extends Switchable, Row>(resource: CatalogResource<E, Row>, id: number, enabled: boolean, admin: AdminPrincipal, ip: string): Promise<Row> {
    return resource.toRow(await this.records.setEnabled(resource, id, enabled, admin, ip));
  }
}
