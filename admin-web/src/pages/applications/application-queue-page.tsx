import { DownloadOutlined } from '@ant-design/icons';
import { type ApplicationRow, BULK_DECISION_MAX, type Page, SIGN_APPLICATION_STATUS_LABELS, SignApplicationStatus } from '@shanqian/shared';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Flex, Space, Tabs, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api, download, saveFile } from '../../api/request';
import { useIsSuper } from '../../auth/use-admin';
import { errorText } from '../../components/form-errors';
import { PagedTable } from '../../components/paged-table';
import { APPLICATIONS_KEY, BulkDecisionDialog, type BulkDecisionKind } from './bulk-decision-dialog';
import { QueueFilterBar } from './queue-filter-bar';
import { exportQuery, isFiltered, parseQueueFilters, QUEUE_PAGE_SIZES, type QueueFilters, queueQuery, queueSearch, withFilters } from './queue-filters';
import { ApplicationStatusTag } from './queue-status-tag';

const STATUS_TABS = [
  { key: 'all', label: '全部' },
  ...Object.values(SignApplicationStatus)
    .filter((value): value is SignApplicationStatus => typeof value === 'number')
    .map((status) => ({ key: String(status), label: SIGN_APPLICATION_STATUS_LABELS[status] })),
];

/** Where the detail page's 返回 goes: this queue as it was, filters and page included. */
export interface QueueLocationState {
  queue: string;
}

const NO_FILTERS: Partial<QueueFilters> = { status: undefined, company_id: undefined, handler_id: undefined, keyword: undefined, from: undefined, to: undefined };

const reviewable = (row: ApplicationRow) => row.status === SignApplicationStatus.Applied;

/**
 * 签约审核: the applications HR may see, filtered, sorted by apply time and paged by the server, all
 * of it in the address; approve or reject one, or a selection at once; export what the filters match.
 */
export default function ApplicationQueuePage() {
  const [search, setSearch] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const isSuper = useIsSuper();
  const { message } = App.useApp();

  // An hr admin has no handler filter: a handler in a shared address would narrow their queue invisibly.
  const filters = useMemo(() => {
    const parsed = parseQueueFilters(search);
    return isSuper ? parsed : { ...parsed, handler_id: undefined };
  }, [search, isSuper]);
  const change = (next: Partial<QueueFilters>) => setSearch(queueSearch(withFilters(filters, next)));
  const query = queueQuery(filters);

  const list = useQuery({
    queryKey: [...APPLICATIONS_KEY, 'queue', query],
    queryFn: ({ signal }) => api<Page<ApplicationRow>>('GET', '/admin/applications', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });
  const page = list.data;

  // Decisions can empty the last page of a status: show the page that now holds the last rows.
  const emptiedPage = page && !list.isPlaceholderData && page.list.length === 0 && page.count > 0 && filters.page > page.total ? page.total : null;
  useEffect(() => {
    if (emptiedPage) setSearch(queueSearch({ ...filters, page: emptiedPage }), { replace: true });
  }, [emptiedPage, filters, setSearch]);

  const [selected, setSelected] = useState<Map<number, ApplicationRow>>(new Map());
  // A selection belongs to what the filters show; paging keeps it.
  const shown = queueSearch({ ...filters, page: 1 }).toString();
  useEffect(() => setSelected(new Map()), [shown]);

  const [deciding, setDeciding] = useState<{ kind: BulkDecisionKind; applications: ApplicationRow[] } | null>(null);
  const closeDecision = (decided: number[]) => {
    setDeciding(null);
    setSelected((current) => new Map([...current].filter(([id]) => !decided.includes(id))));
  };

  const exporting = useMutation({
    mutationFn: () => download('/admin/applications/export', { query: { ...exportQuery(filters) } }),
    onSuccess: (file) => {
      saveFile(file);
      message.success(`已导出 ${file.filename}`);
    },
    onError: (error) => message.error(`导出失败：${errorText(error)}`),
  });

  const open = (id: number) => void navigate(`/applications/${id}`, { state: { queue: location.search } satisfies QueueLocationState });
  const rowsById = new Map(page?.list.map((row) => [row.id, row]));
  const rows = page?.list ?? [];
  const companyName = rows.find((row) => row.company_id === filters.company_id)?.company_name;
  const handlerName = rows.find((row) => row.handler_id === filters.handler_id)?.handler_name;

  // Sized to fit 1280 px without scrolling: the phone under the name, the terms or the reason under the status.
  const columns: ColumnsType<ApplicationRow> = [
    { title: '申请编号', dataIndex: 'id', width: 72, fixed: 'left' },
    {
      title: '姓名 / 手机号',
      dataIndex: 'real_name',
      width: 124,
      fixed: 'left',
      render: (name: string, row) => (
        <>
          <Link to={`/applications/${row.id}`} state={{ queue: location.search } satisfies QueueLocationState}>
            {name}
          </Link>
          <Typography.Text type="secondary" style={{ display: 'block' }}>
            {row.phone}
          </Typography.Text>
        </>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (status: SignApplicationStatus, row) => (
        <>
          <ApplicationStatusTag status={status} />
          {row.entry_date && status !== SignApplicationStatus.Cancelled ? (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {row.entry_date} 入职 · {row.salary} 元
            </Typography.Text>
          ) : (
            row.reason && (
              <Typography.Text type="secondary" style={{ display: 'block' }} ellipsis={{ tooltip: row.reason }}>
                {row.reason}
              </Typography.Text>
            )
          )}
        </>
      ),
    },
    { title: '用人单位', dataIndex: 'company_name', ellipsis: { showTitle: true } },
    { title: '岗位', dataIndex: 'work_pos', width: 96, ellipsis: { showTitle: true } },
    { title: '处理人', dataIndex: 'handler_name', width: 88, ellipsis: { showTitle: true } },
    {
      title: '申请时间',
      dataIndex: 'apply_time',
      width: 150,
      sorter: true,
      sortOrder: filters.sort === 'apply_time' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend'],
      render: (time: string) => dayjs(time).format('YYYY-MM-DD HH:mm'),
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      fixed: 'right',
      render: (_, row) =>
        reviewable(row) ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDeciding({ kind: 'approve', applications: [row] })}>
              通过
            </Button>
            <Button type="link" size="small" danger onClick={() => setDeciding({ kind: 'reject', applications: [row] })}>
              驳回
            </Button>
          </Space>
        ) : (
          <Button type="link" size="small" onClick={() => open(row.id)}>
            详情
          </Button>
        ),
    },
  ];

  const chosen = [...selected.values()];
  const companies = new Set(chosen.map((row) => row.company_id)).size;
  const tooMany = chosen.length > BULK_DECISION_MAX ? `一次最多 ${BULK_DECISION_MAX} 份，请减少选择` : null;
  const approveBlocked =
    tooMany ?? (companies > 1 ? `所选申请属于 ${companies} 个用人单位。合同模板按用人单位签发，请按用人单位分别批量通过（可先按用人单位筛选）` : null);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          签约审核
        </Typography.Title>
        <Typography.Text type="secondary">审核工人的签约申请：通过时签发合同、月薪和入职日期，驳回时写明原因。</Typography.Text>
      </div>
      <Card>
        <QueueFilterBar filters={filters} companyName={companyName} handlerName={handlerName} onSearch={change} />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={filters.status === undefined ? 'all' : String(filters.status)}
          items={STATUS_TABS}
          onChange={(key) => change({ status: key === 'all' ? undefined : (Number(key) as SignApplicationStatus) })}
        />
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          {chosen.length ? (
            <Space wrap>
              <Typography.Text>已选择 {chosen.length} 份申请</Typography.Text>
              <Tooltip title={approveBlocked}>
                <Button type="primary" disabled={!!approveBlocked} onClick={() => setDeciding({ kind: 'approve', applications: chosen })}>
                  批量通过
                </Button>
              </Tooltip>
              <Tooltip title={tooMany}>
                <Button danger disabled={!!tooMany} onClick={() => setDeciding({ kind: 'reject', applications: chosen })}>
                  批量驳回
                </Button>
              </Tooltip>
              <Button type="link" onClick={() => setSelected(new Map())}>
                清空选择
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary">勾选「签约申请」状态的申请可批量通过或驳回</Typography.Text>
          )}
          <Tooltip title="导出当前筛选条件下的全部申请（不限于本页），身份证号已脱敏">
            <Button icon={<DownloadOutlined />} loading={exporting.isPending} disabled={page?.count === 0} onClick={() => exporting.mutate()}>
              导出 CSV
            </Button>
          </Tooltip>
        </Flex>
        <PagedTable<ApplicationRow>
          list={list}
          errorTitle="申请列表加载失败"
          emptyText={{ failed: '列表未能加载', none: '没有符合条件的申请' }}
          onClearFilters={isFiltered(filters) ? () => change(NO_FILTERS) : undefined}
          paging={filters}
          pageSizes={QUEUE_PAGE_SIZES}
          totalText={(total) => `共 ${total} 份申请`}
          onPage={change}
          onSort={(order) => change({ sort: order === 'ascend' ? 'apply_time' : '-apply_time' })}
          columns={columns}
          scroll={{ x: 940 }}
          rowSelection={{
            selectedRowKeys: [...selected.keys()],
            preserveSelectedRowKeys: true,
            getCheckboxProps: (row) => ({ disabled: !reviewable(row), title: reviewable(row) ? undefined : '只有「签约申请」状态的申请可以审核' }),
            onChange: (keys) =>
              setSelected((current) => new Map(keys.map((key) => [Number(key), rowsById.get(Number(key)) ?? current.get(Number(key))!]))),
          }}
          onRow={(row) => ({
            onClick: (event) => {
              // The row opens the application; its checkbox, link and buttons do what they say instead.
              if ((event.target as HTMLElement).closest('a, button, input, label, .ant-table-selection-column')) return;
              open(row.id);
            },
            style: { cursor: 'pointer' },
          })}
        />
      </Card>
      {deciding && <BulkDecisionDialog kind={deciding.kind} applications={deciding.applications} onClose={closeDecision} />}
    </Space>
  );
}
