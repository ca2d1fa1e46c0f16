import { ArrowLeftOutlined, CheckOutlined, CloseOutlined, StopOutlined } from '@ant-design/icons';
import { type ApplicationDetail, SignApplicationStatus } from '@shanqian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Result, Row, Skeleton, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../api/request';
import { QueryError } from '../../components/query-state';
import type { QueueLocationState } from './application-queue-page';
import { APPLICATIONS_KEY } from './bulk-decision-dialog';
import { PartnersCard, RealnameCard } from './detail-checks-cards';
import { DECISIONS_FROM, DecisionDialog, type DecisionKind } from './detail-decision-dialog';
import { dateTime, yuan } from './detail-labels';
import { ResumeCard } from './detail-resume-card';
import { SigningCard } from './detail-signing-card';
import { TimelineCard } from './detail-timeline-card';
import { ApplicationStatusTag } from './queue-status-tag';

/** Links signed by the server expire (about an hour): a minute of margin before one is used. */
const LINK_MARGIN_MS = 60_000;

const ACTIONS: Record<DecisionKind, { label: string; icon: ReactNode; primary?: boolean; danger?: boolean }> = {
  approve: { label: '审核通过', icon: <CheckOutlined />, primary: true },
  reject: { label: '驳回', icon: <CloseOutlined />, danger: true },
  cancel: { label: '取消申请', icon: <StopOutlined />, danger: true },
};

export const applicationDetailKey = (id: number) => [...APPLICATIONS_KEY, 'detail', id] as const;

/** 申请详情: everything about one application, and the decisions its status allows. */
export default function ApplicationDetailPage() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const fromQueue = (useLocation().state as QueueLocationState | null)?.queue !== undefined;
  const [deciding, setDeciding] = useState<DecisionKind | null>(null);
  const valid = Number.isSafeInteger(id) && id > 0;

  const query = useQuery({
    queryKey: applicationDetailKey(id),
    queryFn: ({ signal }) => api<ApplicationDetail>('GET', `/admin/applications/${id}`, { signal }),
    enabled: valid,
  });

  // Back to the queue as the clerk left it (filters, page) when they came from it.
  const back = () => void (fromQueue ? navigate(-1) : navigate('/applications'));
  const header = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={back} style={{ paddingInline: 0 }}>
      返回签约审核列表
    </Button>
  );

  if (!valid || (query.error instanceof ApiError && query.error.httpStatus === 404)) {
    return (
      <Result
        status="404"
        title="签约申请不存在"
        subTitle="它可能已被删除，或不在您负责的范围内。"
        extra={
          <Button type="primary" onClick={back}>
            返回签约审核列表
          </Button>
        }
      />
    );
  }
  if (query.isError) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {header}
        <QueryError error={query.error} onRetry={() => void query.refetch()} title="申请详情加载失败" />
      </Space>
    );
  }
  if (!query.data) {
    return (
      <Space orientation="vertical" style={{ width: '100%' }}>
        {header}
        <Card>
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      </Space>
    );
  }

  const detail = query.data;
  const a = detail.application;
  const actions = DECISIONS_FROM[a.status];
  // The signed PDF's link as it stands, or signed anew by fetching the detail again when it has expired.
  const freshDocumentUrl = async (): Promise<string | null> => {
    const document = detail.document;
    if (document && Date.now() - query.dataUpdatedAt < document.expires_in * 1000 - LINK_MARGIN_MS) return document.url;
    const { data } = await query.refetch({ throwOnError: true });
    return data?.document?.url ?? null;
  };

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      {header}
      <Card>
        <div style={{ display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: 16 }}>
          <Space align="center" size={12} wrap>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {a.real_name}
            </Typography.Title>
            <ApplicationStatusTag status={a.status} />
            <Typography.Text type="secondary">申请编号 SQ{String(a.id).padStart(8, '0')}</Typography.Text>
          </Space>
          {actions.length > 0 && (
            <Space wrap>
              {actions.map((kind) => (
                <Button key={kind} type={ACTIONS[kind].primary ? 'primary' : 'default'} danger={ACTIONS[kind].danger} icon={ACTIONS[kind].icon} onClick={() => setDeciding(kind)}>
                  {ACTIONS[kind].label}
                </Button>
              ))}
            </Space>
          )}
        </div>
        <Descriptions style={{ marginTop: 16 }} size="small" column={{ xs: 1, md: 2, xl: 4 }}>
          <Descriptions.Item label="用人单位">{a.company_name}</Descriptions.Item>
          <Descriptions.Item label="岗位">{a.work_pos}</Descriptions.Item>
          <Descriptions.Item label="处理人">{a.handler_name}</Descriptions.Item>
          <Descriptions.Item label="申请时间">{dateTime(a.apply_time)}</Descriptions.Item>
          {a.entry_date && <Descriptions.Item label="入职日期">{a.entry_date}</Descriptions.Item>}
          {a.contract_id !== null && <Descriptions.Item label="月薪">{yuan(a.salary)}</Descriptions.Item>}
          {a.status === SignApplicationStatus.Rejected && <Descriptions.Item label="驳回原因">{a.reason || '—'}</Descriptions.Item>}
          {a.status === SignApplicationStatus.Cancelled && <Descriptions.Item label="取消原因">{a.reason || '—'}</Descriptions.Item>}
        </Descriptions>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <ResumeCard applicationId={a.id} resume={detail.resume} onRefresh={() => void query.refetch()} refreshing={query.isFetching} />
            <RealnameCard detail={detail} />
            <PartnersCard detail={detail} />
          </Space>
        </Col>
        <Col xs={24} xl={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SigningCard detail={detail} freshDocumentUrl={freshDocumentUrl} />
            <TimelineCard events={detail.events} chain={detail.event_chain} contract={detail.contract} />
          </Space>
        </Col>
      </Row>

      {deciding && <DecisionDialog kind={deciding} application={a} onClose={() => setDeciding(null)} />}
    </Space>
  );
}
