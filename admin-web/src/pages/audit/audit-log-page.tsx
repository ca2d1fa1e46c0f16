import type { AdminUserListQuery, AdminUserRow, AuditLogRow, Page } from '@shanqian/shared';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Flex, Form, InputNumber, Row, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/request';
import { QueryError } from '../../components/query-state';
import { ACTION_OPTIONS, actionLabel, TARGET_TYPE_OPTIONS, targetTypeLabel } from './audit-actions';
import { detailSummary, detailText } from './audit-detail';
import { AUDIT_PAGE_SIZES, type AuditLogFilters, auditSearch, isAuditFiltered, parseAuditFilters } from './audit-log-filters';

const DAY = 'YYYY-MM-DD';
const SEARCH_DEBOUNCE_MS = 300;

const RANGE_PRESETS = [
  { label: '今天', value: (): [Dayjs, Dayjs] => [dayjs().startOf('day'), dayjs().endOf('day')] },
  { label: '最近 7 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(6, 'day').startOf('day'), dayjs().endOf('day')] },
  { label: '最近 30 天', value: (): [Dayjs, Dayjs] => [dayjs().subtract(29, 'day').startOf('day'), dayjs().endOf('day')] },
];

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
  period?: [Dayjs | null, Dayjs | null] | null;
}

const NO_FILTERS: Partial<AuditLogFilters> = { action: undefined, admin_id: undefined, target_type: undefined, target_id: undefined, from: undefined, to: undefined };

const valuesOf = (filters: AuditLogFilters): FilterValues => ({
  action: filters.action,
  admin_id: filters.admin_id,
  target_type: filters.target_type,
  target_id: filters.target_id ?? null,
  period: filters.from || filters.to ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null,
});

/**
 * Any admin, disabled ones too (the trail names them all), found by name or login on the server: one
 * request per search. A super admin's page, and GET /admin/users is theirs.
 */
function AdminSelect(props: { value?: number; onChange?: (value: number | undefined) => void; id?: string }) {
  const { value, onChange, id } = props;
  const [typed, setTyped] = useState('');
  const [keyword, setKeyword] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setKeyword(typed.trim()), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const query: AdminUserListQuery = { keyword: keyword || undefined, page_size: 50 };
  const admins = useQuery({
    queryKey: ['admin', 'users', query],
    queryFn: ({ signal }) => api<Page<AdminUserRow>>('GET', '/admin/users', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = (admins.data?.list ?? []).map((admin) => ({ value: admin.id, label: admin.name ? `${admin.name}（${admin.username}）` : admin.username }));
  if (value !== undefined && !options.some((option) => option.value === value)) options.unshift({ value, label: `管理员 #${value}` });
  return (
    <Select<number>
      id={id}
      aria-label="管理员"
      placeholder="全部管理员"
      allowClear
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={admins.isFetching}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      notFoundContent={admins.isError ? '管理员列表加载失败，请重新搜索' : admins.isFetching ? '加载中…' : '没有匹配的管理员'}
    />
  );
}

function AuditFilterForm({ filters, onSearch }: { filters: AuditLogFilters; onSearch: (change: Partial<AuditLogFilters>) => void }) {
  const [form] = Form.useForm<FilterValues>();

  useEffect(() => {
    form.setFieldsValue(valuesOf(filters));
  }, [filters, form]);

  const search = (values: FilterValues) => {
    const [from, to] = values.period ?? [null, null];
    onSearch({
      action: values.action ?? undefined,
      admin_id: values.admin_id ?? undefined,
      target_type: values.target_type ?? undefined,
      target_id: values.target_id ?? undefined,
      from: from?.format(DAY),
      to: to?.format(DAY),
    });
  };

  return (
    <Form form={form} name="audit-filters" layout="vertical" onFinish={search} initialValues={valuesOf(filters)}>
      <Row gutter={16} align="bottom">
        <Col xs={24} md={12} xl={5}>
          <Form.Item label="操作" name="action" style={{ marginBottom: 16 }}>
            <Select
              allowClear
              placeholder="全部操作"
              aria-label="操作"
              options={ACTION_OPTIONS}
              showSearch={{ filterOption: (input, option) => !!option && 'value' in option && `${option.label} ${option.value}`.includes(input.trim()) }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={4}>
          <Form.Item label="管理员" name="admin_id" style={{ marginBottom: 16 }}>
            <AdminSelect />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label="对象类型" name="target_type" style={{ marginBottom: 16 }}>
            <Select allowClear placeholder="全部" aria-label="对象类型" options={TARGET_TYPE_OPTIONS} popupMatchSelectWidth={false} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Form.Item label="对象编号" name="target_id" style={{ marginBottom: 16 }}>
            <InputNumber min={1} max={2_147_483_647} precision={0} controls={false} placeholder="如 12" style={{ width: '100%' }} aria-label="对象编号" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Form.Item label="日期" name="period" style={{ marginBottom: 16 }}>
            <DatePicker.RangePicker style={{ width: '100%' }} format={DAY} allowEmpty={[true, true]} presets={RANGE_PRESETS} aria-label="日期" />
          </Form.Item>
        </Col>
        <Col xs={24} xl={4} style={{ marginBottom: 16 }}>
          <Space>
            <Button type="primary" htmlType="submit">
              查询
            </Button>
            <Button
              onClick={() => {
                // Typed but not yet applied values go too, even when the address does not change.
                form.setFieldsValue(valuesOf({ page: 1, page_size: filters.page_size }));
                onSearch(NO_FILTERS);
              }}
            >
              重置
            </Button>
          </Space>
        </Col>
      </Row>
    </Form>
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
  const page = list.data;

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
        {list.isError && (
          <div style={{ marginBottom: 12 }}>
            <QueryError title="审计日志加载失败" error={list.error} onRetry={() => void list.refetch()} />
          </div>
        )}
        <Table<AuditLogRow>
          rowKey="id"
          size="middle"
          sticky
          columns={columns}
          dataSource={page?.list ?? []}
          loading={list.isFetching}
          scroll={{ x: 1000 }}
          expandable={{
            rowExpandable: (row) => row.detail !== null,
            expandedRowRender: (row) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }} aria-label={`第 ${row.id} 条记录的详情`}>
                {detailText(row.detail)}
              </pre>
            ),
          }}
          locale={{
            emptyText: list.isError ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="日志未能加载" />
            ) : list.isPending ? (
              ' '
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有符合条件的记录">
                {isAuditFiltered(filters) && <Button onClick={() => change(NO_FILTERS)}>清除筛选条件</Button>}
              </Empty>
            ),
          }}
          pagination={{
            current: filters.page,
            pageSize: filters.page_size,
            total: page?.count ?? 0,
            showSizeChanger: true,
            showQuickJumper: true,
            pageSizeOptions: AUDIT_PAGE_SIZES.map(String),
            showTotal: (total) => `共 ${total} 条`,
          }}
          onChange={(pagination, _filters, _sorter, { action }) => {
            if (action === 'paginate') change({ page: pagination.current, page_size: pagination.pageSize });
          }}
        />
      </Card>
    </Flex>
  );
}
