import type { AdminUserRow, AuditLogRow, Page } from '@shanqian/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Flex, InputNumber, Select, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/request';
import { AdminUserSelect } from '../../components/admin-user-select';
import { DateRangeFilter, type DayRange, dayRangeOf, daysOf } from '../../components/date-range-filter';
import { FilterBar, FilterField } from '../../components/filter-bar';
import { PagedTable } from '../../components/paged-table';
import { ACTION_OPTIONS, actionLabel, TARGET_TYPE_OPTIONS, targetTypeLabel } from './audit-actions';
import { detailSummary, detailText } from './audit-detail';
import { AUDIT_PAGE_SIZES, type AuditLogFilters, auditSearch, isAuditFiltered, parseAuditFilters } from './audit-log-filters';

/** Record kinds whose page opens one record by its id. */
const TARGET_LINKS: Record<string, (id: number) => string> = {
  sign_apply: (id) => `/applications/${id}`,
  application: (id) => `/applications/${id}`,
};

interface FilterValues {
  action?: string;
  admin_id?: number;
  target_type?: string;
  target_id?: number | null;
  period?: DayRange;
}

const NO_FILTERS: Partial<AuditLogFilters> = { action: undefined, admin_id: undefined, target_type: undefined, target_id: undefined, from: undefined, to: undefined };

const valuesOf = (filters: AuditLogFilters): FilterValues => ({
  action: filters.action,
  admin_id: filters.admin_id,
  target_type: filters.target_type,
  target_id: filters.target_id ?? null,
  period: dayRangeOf(filters),
});

const filtersOf = (values: FilterValues): Partial<AuditLogFilters> => ({
  action: values.action ?? undefined,
  admin_id: values.admin_id ?? undefined,
  target_type: values.target_type ?? undefined,
  target_id: values.target_id ?? undefined,
  ...daysOf(values.period),
});

const adminLabel = (admin: AdminUserRow) => (admin.name ? `${admin.name}（${admin.username}）` : admin.username);

function AuditFilterForm({ filters, onSearch }: { filters: AuditLogFilters; onSearch: (change: Partial<AuditLogFilters>) => void }) {
  return (
    <FilterBar name="audit-filters" filters={filters} valuesOf={valuesOf} filtersOf={filtersOf} cleared={NO_FILTERS} onSearch={onSearch}>
      <FilterField xs={24} md={12} xl={5} label="操作" name="action">
        <Select
          allowClear
          placeholder="全部操作"
          aria-label="操作"
          options={ACTION_OPTIONS}
          showSearch={{ filterOption: (input, option) => !!option && 'value' in option && `${option.label} ${option.value}`.includes(input.trim()) }}
        />
      </FilterField>
      <FilterField xs={24} md={12} xl={4} label="管理员" name="admin_id">
        <AdminUserSelect noun="管理员" pageSize={50} optionLabel={adminLabel} failedText="管理员列表加载失败，请重新搜索" />
      </FilterField>
      <FilterField xs={12} md={6} xl={3} label="对象类型" name="target_type">
        <Select allowClear placeholder="全部" aria-label="对象类型" options={TARGET_TYPE_OPTIONS} popupMatchSelectWidth={false} />
      </FilterField>
      <FilterField xs={12} md={6} xl={3} label="对象编号" name="target_id">
        <InputNumber min={1} max={2_147_483_647} precision={0} controls={false} placeholder="如 12" style={{ width: '100%' }} aria-label="对象编号" />
      </FilterField>
      <FilterField xs={24} md={12} xl={5} label="日期" name="period">
        <DateRangeFilter aria-label="日期" />
      </FilterField>
    </FilterBar>
  );
}

const columns: TableColumnsType<AuditLogRow> = [
  {
    title: '时间',
    dataIndex: 'created_at',
    width: 170,
    render: (time: string) => dayjs(time).format('YYYY-MM-DD HH:mm:ss'),
  },
  {
    title: '管理员',
    dataIndex: 'admin_username',
    width: 130,
    // A failed login under a name no admin has: the name typed, marked as unknown.
    render: (username: string, row) => (row.admin_id === null ? <Tooltip title="不是任何管理员的用户名">{username}（未知）</Tooltip> : username),
  },
  {
    title: '操作',
    dataIndex: 'action',
    width: 190,
    render: (action: string) => (
      <Flex vertical>
        <span>{actionLabel(action)}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {action}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: '对象',
    key: 'target',
    width: 140,
    render: (_, row) => {
      if (!row.target_type) return '—';
      const text = `${targetTypeLabel(row.target_type)}${row.target_id === null ? '' : ` #${row.target_id}`}`;
      const link = row.target_id === null ? undefined : TARGET_LINKS[row.target_type]?.(row.target_id);
      return link ? <Link to={link}>{text}</Link> : text;
    },
  },
  {
    title: '详情',
    dataIndex: 'detail',
    ellipsis: true,
    render: (detail: unknown) => {
      const summary = detailSummary(detail);
      return summary ? <span title={summary}>{summary}</span> : <Typography.Text type="secondary">—</Typography.Text>;
    },
  },
  { title: 'IP', dataIndex: 'ip', width: 140 },
];

/** The audit trail (super admins only): who did what, when, to which record, from where; newest first. */
export default function AuditLogPage() {
  const [search, setSearch] = useSearchParams();
  const filters = parseAuditFilters(search);
  const key = auditSearch(filters).toString();
  // A change of what is shown starts again at page 1; a change of page keeps the rest.
  const change = (next: Partial<AuditLogFilters>) => {
    const paging = Object.keys(next).every((name) => name === 'page' || name === 'page_size');
    const resized = next.page_size !== undefined && next.page_size !== filters.page_size;
    setSearch(auditSearch({ ...filters, ...next, page: paging && !resized ? (next.page ?? filters.page) : 1 }));
  };
  const list = useQuery({
    queryKey: ['audit-logs', key],
    queryFn: ({ signal }) => api<Page<AuditLogRow>>('GET', '/admin/audit-logs', { query: { ...filters }, signal }),
    placeholderData: keepPreviousData,
  });

  return (
    <Flex vertical gap={16}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          审计日志
        </Typography.Title>
        <Typography.Text type="secondary">后台每一次登录、修改、审核和查看个人信息的记录，只能查看，不能修改或删除。日期按北京时间。</Typography.Text>
      </div>
      <Card>
        <AuditFilterForm filters={filters} onSearch={change} />
        <PagedTable<AuditLogRow>
          list={list}
          errorTitle="审计日志加载失败"
          emptyText={{ failed: '日志未能加载', none: '没有符合条件的记录' }}
          onClearFilters={isAuditFiltered(filters) ? () => change(NO_FILTERS) : undefined}
          paging={filters}
          pageSizes={AUDIT_PAGE_SIZES}
          totalText={(total) => `共 ${total} 条`}
          onPage={change}
          columns={columns}
          scroll={{ x: 1000 }}
          expandable={{
            rowExpandable: (row) => row.detail !== null,
            expandedRowRender: (row) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }} aria-label={`第 ${row.id} 条记录的详情`}>
                {detailText(row.detail)}
              </pre>
            ),
          }}
        />
      </Card>
    </Flex>
  );
}
