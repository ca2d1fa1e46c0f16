import { ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { type ApplicationStats, SIGN_APPLICATION_STATUS_LABELS, SignApplicationStatus } from '@shanqian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Flex, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/request';
import { useAdmin } from '../../auth/use-admin';
import { QueryError } from '../../components/query-state';
import { DEFAULT_QUEUE_FILTERS, type QueueFilters, queueSearch } from '../applications/queue-filters';
import { ApplicationStatusTag } from '../applications/queue-status-tag';
import { ApplicationTrendChart } from './application-trend-chart';

/** Under `applications`, so that a decision in the queue (which refreshes `applications`) refreshes these figures too. */
const STATS_QUERY_KEY = ['applications', 'stats'] as const;

/** Overdue figures in Ant Design's darker red and orange: they read at AA on white. */
const OVERDUE_COLOR = '#cf1322';
const LATE_COLOR = '#ad4e00';

const STATUSES = [
  SignApplicationStatus.Applied,
  SignApplicationStatus.PendingSignature,
  SignApplicationStatus.Signed,
  SignApplicationStatus.Rejected,
  SignApplicationStatus.Cancelled,
] as const;

/** The review queue narrowed to what a figure counts. */
const queueLink = (filters: Partial<QueueFilters>) => `/applications?${queueSearch({ ...DEFAULT_QUEUE_FILTERS, ...filters })}`;

interface FigureProps {
  title: string;
  value: number;
  /** The queue filtered to what it counts: the whole card is the link. */
  to: string;
  hint?: ReactNode;
  color?: string;
}

function Figure({ title, value, to, hint, color }: FigureProps) {
  return (
    <Link to={to} aria-label={`${title} ${value}，查看列表`} style={{ display: 'block', height: '100%' }}>
      <Card hoverable size="small" style={{ height: '100%' }}>
        <Statistic title={title} value={value} styles={{ content: color && value > 0 ? { color } : undefined }} />
        {hint && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {hint}
          </Typography.Text>
        )}
      </Card>
    </Link>
  );
}

function DashboardSkeleton() {
  return (
    <Flex vertical gap={16} aria-busy="true" aria-label="正在加载工作台">
      <Row gutter={[16, 16]}>
        {[0, 1, 2, 3].map((i) => (
          <Col key={i} xs={12} lg={6}>
            <Card size="small">
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card>
        <Skeleton active paragraph={{ rows: 7 }} />
      </Card>
    </Flex>
  );
}

function Figures({ stats }: { stats: ApplicationStats }) {
  // Oldest first: the overdue ones lead the list.
  const oldestFirst = 'apply_time' as const;
  const figures: FigureProps[] = [
    { title: '今日新增申请', value: stats.new_today, to: queueLink({ from: stats.today, to: stats.today }), hint: '含驳回或取消后重新提交的' },
    {
      title: '待审核超过 24 小时',
      value: stats.waiting_over_24h,
      color: OVERDUE_COLOR,
      to: queueLink({ status: SignApplicationStatus.Applied, sort: oldestFirst }),
      hint: '按申请时间从早到晚查看',
    },
    {
      title: '审核通过超过 3 天未签约',
      value: stats.unsigned_over_3d,
      color: LATE_COLOR,
      to: queueLink({ status: SignApplicationStatus.PendingSignature, sort: oldestFirst }),
      hint: '可提醒工人尽快签署',
    },
    { title: '本周已签约', value: stats.signed_this_week, to: queueLink({ status: SignApplicationStatus.Signed }), hint: '自本周一 0 点起' },
  ];
  return (
    <Flex vertical gap={16}>
      <section aria-label="待处理">
        <Row gutter={[16, 16]}>
          {figures.map((figure) => (
            <Col key={figure.title} xs={12} lg={6}>
              <Figure {...figure} />
            </Col>
          ))}
        </Row>
      </section>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title="近 30 天申请与签约" style={{ height: '100%' }}>
            {stats.total === 0 ? (
              <Empty description="还没有签约申请：工人在小程序提交简历后，申请和签约会出现在这里" />
            ) : (
              <ApplicationTrendChart daily={stats.daily} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title="各状态申请" extra={`共 ${stats.total} 份`} style={{ height: '100%' }} styles={{ body: { paddingBlock: 8 } }}>
            <nav aria-label="按状态查看申请">
              {STATUSES.map((status) => (
                <Link key={status} to={queueLink({ status })} aria-label={`${SIGN_APPLICATION_STATUS_LABELS[status]} ${stats.by_status[status]} 份，查看列表`}>
                  <Flex justify="space-between" align="center" style={{ padding: '12px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <ApplicationStatusTag status={status} />
                    <Space>
                      <Typography.Text strong style={{ fontSize: 20 }}>
                        {stats.by_status[status]}
                      </Typography.Text>
                      <RightOutlined style={{ color: 'rgba(0, 0, 0, 0.45)' }} />
                    </Space>
                  </Flex>
                </Link>
              ))}
            </nav>
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

/** The index page: what needs HR's attention now, the applications per status, and the last 30 days. */
export default function DashboardPage() {
  const admin = useAdmin()!;
  const stats = useQuery({
    queryKey: STATS_QUERY_KEY,
    queryFn: ({ signal }) => api<ApplicationStats>('GET', '/admin/applications/stats', { signal }),
    refetchInterval: 60_000,
  });
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            工作台
          </Typography.Title>
          <Typography.Text type="secondary">
            {admin.role === 'super' ? '全部签约申请' : '您可查看的签约申请'}，按北京时间统计
            {stats.dataUpdatedAt > 0 && `，更新于 ${dayjs(stats.dataUpdatedAt).format('HH:mm:ss')}`}
          </Typography.Text>
        </div>
        <Button icon={<ReloadOutlined />} onClick={() => void stats.refetch()} loading={stats.isFetching && !stats.isPending}>
          刷新
        </Button>
      </Flex>
      {stats.isPending ? (
        <DashboardSkeleton />
      ) : stats.data ? (
        <>
          {stats.isError && <QueryError error={stats.error} onRetry={() => void stats.refetch()} title="刷新失败，下面是上次加载的数据" />}
          <Figures stats={stats.data} />
        </>
      ) : (
        <QueryError error={stats.error} onRetry={() => void stats.refetch()} title="工作台数据加载失败" />
      )}
    </Flex>
  );
}
