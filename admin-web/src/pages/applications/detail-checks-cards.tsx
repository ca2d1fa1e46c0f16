import type { ApplicationDetail, LeapinInterviewView, RealnameCheckView } from '@shanqian/shared';
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { dateTime, LEAPIN_REPORT_LABELS, LEAPIN_STATUS_LABELS, REALNAME_OUTCOME_LABELS, VERIFY_LABELS, yuan } from './detail-labels';

/** The worker's real-name status and the latest checks behind it (provider, selfie, outcome, request id). */
export function RealnameCard({ detail }: { detail: ApplicationDetail }) {
  const status = VERIFY_LABELS[detail.verify_status];
  return (
    <Card
      title="实名认证"
      extra={
        <Space>
          <Tag color={status.color}>{status.text}</Tag>
          {detail.verify_reason && <Typography.Text type="danger">{detail.verify_reason}</Typography.Text>}
        </Space>
      }
    >
      <Table<RealnameCheckView & { key: number }>
        size="small"
        pagination={false}
        dataSource={detail.realname_checks.map((check, key) => ({ ...check, key }))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="劳动者尚未进行实名认证" /> }}
        columns={[
          { title: '时间', dataIndex: 'created_at', render: dateTime, width: 170 },
          { title: '服务', dataIndex: 'provider' },
          { title: '人脸比对', dataIndex: 'with_selfie', render: (selfie: boolean) => (selfie ? '是' : '否') },
          {
            title: '结果',
            dataIndex: 'outcome',
            render: (outcome: RealnameCheckView['outcome']) => <Tag color={REALNAME_OUTCOME_LABELS[outcome].color}>{REALNAME_OUTCOME_LABELS[outcome].text}</Tag>,
          },
          { title: '原因', dataIndex: 'reason', render: (reason: string) => reason || '—' },
          { title: '请求编号', dataIndex: 'request_id', render: (id: string | null) => (id ? <Typography.Text copyable>{id}</Typography.Text> : '—') },
          { title: 'IP', dataIndex: 'ip' },
        ]}
      />
    </Card>
  );
}

/** An external link to a partner's page, opened apart from the console. */
const external = (url: string | null, text: string) =>
  url ? (
    <Typography.Link href={url} target="_blank" rel="noopener noreferrer">
      {text}
    </Typography.Link>
  ) : (
    '—'
  );

/** What the partner systems know of this person: LeapIn's AI interviews (scores, reports) and the Moka offer the resume came from. */
export function PartnersCard({ detail }: { detail: ApplicationDetail }) {
  const { leapin, moka } = detail;
  return (
    <Card title="合作方数据" styles={{ body: { display: 'grid', gap: 24 } }}>
      <section aria-label="LeapIn AI 面试">
        <Typography.Title level={5}>LeapIn AI 面试</Typography.Title>
        <Table<LeapinInterviewView>
          size="small"
          pagination={false}
          rowKey="job_id"
          dataSource={leapin}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未邀请 LeapIn 面试（可在“合作系统”中邀请）" /> }}
          columns={[
            { title: '职位 ID', dataIndex: 'job_id' },
            {
              title: '状态',
              key: 'status',
              // No LeapIn application id yet: the invitation is still in the queue.
              render: (_, row) => (row.leapin_application_id === null ? '邀请发送中' : row.status === null ? '—' : (LEAPIN_STATUS_LABELS[row.status] ?? row.status)),
            },
            { title: '总分', dataIndex: 'leapin_total_score', render: (score: string | null) => score ?? '—' },
            { title: '排名', dataIndex: 'leapin_rank', render: (rank: number | null) => rank ?? '—' },
            {
              title: '报告',
              key: 'report',
              render: (_, row) => (row.leapin_report_url ? external(row.leapin_report_url, '查看报告') : (LEAPIN_REPORT_LABELS[row.report_status ?? 0] ?? '—')),
            },
            { title: '面试链接', dataIndex: 'interview_url', render: (url: string | null) => external(url, '打开') },
            { title: '邀请时间', dataIndex: 'invited_at', render: dateTime },
            { title: '同步时间', dataIndex: 'pulled_at', render: dateTime },
          ]}
        />
      </section>
      <section aria-label="Moka 来源">
        <Typography.Title level={5}>Moka 来源</Typography.Title>
        {moka ? (
          <Descriptions size="small" column={{ xs: 1, lg: 2 }} bordered>
            <Descriptions.Item label="Moka 申请编号">{moka.moka_application_id}</Descriptions.Item>
            <Descriptions.Item label="阶段">{moka.stage}</Descriptions.Item>
            <Descriptions.Item label="职位">{moka.position ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Offer 入职日期">{moka.entry_date ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Offer 薪资">{yuan(moka.salary)}</Descriptions.Item>
            <Descriptions.Item label="邮箱">{moka.email ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="首次导入">{dateTime(moka.imported_at)}</Descriptions.Item>
            <Descriptions.Item label="最近更新">{dateTime(moka.updated_at)}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">简历不是从 Moka 导入的。</Typography.Text>
        )}
      </section>
    </Card>
  );
}
