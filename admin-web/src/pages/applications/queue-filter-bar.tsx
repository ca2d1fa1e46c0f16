import { EnabledFlag, type AdminUserRow } from '@shanqian/shared';
import { Input } from 'antd';
import { useIsSuper } from '../../auth/use-admin';
import { AdminUserSelect } from '../../components/admin-user-select';
import { DateRangeFilter, type DayRange, dayRangeOf, daysOf } from '../../components/date-range-filter';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { CompanySelect } from '../catalog/company-select';
import type { QueueFilters } from './queue-filters';

interface FilterValues {
  keyword?: string;
  company_id?: number;
  handler_id?: number;
  applied?: DayRange;
}

/** How a handler reads in the queue's filter: the name the workers chose them by, the login beside it. */
const handlerLabel = (admin: AdminUserRow) =>
  `${admin.name || admin.username}（${admin.username}）${admin.status === EnabledFlag.Enabled ? '' : '（已停用）'}`;

/** The status is the tabs': 重置 leaves it. */
const CLEARED: Partial<QueueFilters> = { keyword: undefined, company_id: undefined, handler_id: undefined, from: undefined, to: undefined };

const valuesOf = (filters: QueueFilters): FilterValues => ({
  keyword: filters.keyword,
  company_id: filters.company_id,
  handler_id: filters.handler_id,
  applied: dayRangeOf(filters),
});

const filtersOf = (values: FilterValues): Partial<QueueFilters> => ({
  keyword: values.keyword?.trim() || undefined,
  company_id: values.company_id ?? undefined,
  handler_id: values.handler_id ?? undefined,
  ...daysOf(values.applied),
});

/**
 * The queue's search form. Handler is a super admin's filter: an hr admin sees the applications they
 * handle.
 */
export function QueueFilterBar(props: {
  filters: QueueFilters;
  /** Names already known from the rows shown, for a chosen company or handler beyond the options' first page. */
  companyName?: string;
  handlerName?: string;
  onSearch: (change: Partial<QueueFilters>) => void;
}) {
  const { filters, companyName, handlerName, onSearch } = props;
  const isSuper = useIsSuper();

  return (
    <FilterBar name="queue-filters" filters={filters} valuesOf={valuesOf} filtersOf={filtersOf} cleared={CLEARED} onSearch={onSearch}>
      <FilterField xs={24} md={12} xl={6} label="姓名或手机号" name="keyword">
        <Input allowClear maxLength={32} placeholder="输入姓名或手机号，可只输入一部分" />
      </FilterField>
      <FilterField xs={24} md={12} xl={5} label="用人单位" name="company_id">
        <CompanySelect allowClear placeholder="全部用人单位" aria-label="用人单位" knownName={companyName} />
      </FilterField>
      {isSuper && (
        <FilterField xs={24} md={12} xl={4} label="处理人" name="handler_id">
          <AdminUserSelect noun="处理人" pageSize={100} optionLabel={handlerLabel} failedText="处理人加载失败，请重新搜索" knownName={handlerName} />
        </FilterField>
      )}
      <FilterField xs={24} md={12} xl={isSuper ? 5 : 7} label="申请日期" name="applied">
        <DateRangeFilter thisMonth aria-label="申请日期" />
      </FilterField>
    </FilterBar>
  );
}
