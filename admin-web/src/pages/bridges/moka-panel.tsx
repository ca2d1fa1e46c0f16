import type {
  MokaDepartmentSyncMode,
  MokaDepartmentSyncReport,
  MokaDepartmentSyncRequest,
  MokaImportRequest,
  MokaImportResponse,
  MokaRunReport,
  MokaUserSyncReport,
  MokaUserSyncRequest,
} from '@shanqian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Select, Space, Spin, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/request';
import { errorText, showFormError } from '../../components/form-errors';
import { QueryError } from '../../components/query-state';
import { BRIDGE_STATUS_KEY } from './bridge-queries';

const STAGES: { value: MokaImportRequest['stage']; label: string }[] = [
  { value: 'offer', label: 'Offer 阶段' },
  { value: 'pending_checkin', label: '待入职阶段' },
  { value: 'all', label: '以上两个阶段' },
];

const MODES: { value: MokaDepartmentSyncMode; label: string }[] = [
  { value: 'incremental', label: '只同步新增的用人单位' },
  { value: 'update', label: '只同步名称变更的用人单位' },
  { value: 'full', label: '全量同步（Moka 中多出的部门会被标为删除）' },
];

/** How long the sync request itself waits for the queued work; the run is followed after that. */
const WAIT_SECONDS = 5;
const RUN_POLL_MS = 2000;
const MOMENT = 'YYYY-MM-DD HH:mm:ss';

interface ImportValues {
  stage: MokaImportRequest['stage'];
  moved?: [Dayjs | null, Dayjs | null] | null;
}

function ImportResult({ result }: { result: MokaImportResponse }) {
  return (
    <Flex vertical gap={8} role="status">
      <Alert
        type={result.failed.length ? 'warning' : 'success'}
        showIcon
        title={`导入完成：新增 ${result.imported} 条，更新 ${result.updated} 条，未变 ${result.skipped} 条${result.failed.length ? `，${result.failed.length} 条未能导入` : ''}`}
      />
      {result.failed.length > 0 && (
        <Table
          size="small"
          rowKey="applicationId"
          pagination={result.failed.length > 10 ? { pageSize: 10 } : false}
          dataSource={result.failed}
          columns={[
            { title: 'Moka 申请 ID', dataIndex: 'applicationId', width: 180 },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      )}
    </Flex>
  );
}

function MokaImport() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ImportValues>();
  const importing = useMutation({
    mutationFn: (body: MokaImportRequest) => api<MokaImportResponse>('POST', '/admin/bridges/moka/import', { body }),
    onSuccess: (result) => message.success(`已从 Moka 导入 ${result.imported + result.updated} 条候选人`),
    onError: (error) => {
      const text = showFormError(form, error);
      if (text) message.error(`导入失败：${text}`);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: BRIDGE_STATUS_KEY }),
  });
  const submit = ({ stage, moved }: ImportValues) => {
    const [from, to] = moved ?? [null, null];
    importing.mutate({ stage, moved_from: from?.format(MOMENT), moved_to: to?.format(MOMENT) });
  };
  return (
    <Card size="small" title="导入 Moka 候选人">
      <Typography.Paragraph type="secondary">
        读取 Moka 中处于所选阶段的申请，保存为预填资料：工人用同一手机号登录小程序后，简历自动填好。重复导入只会更新有变化的记录。
      </Typography.Paragraph>
      <Form form={form} name="moka-import" layout="inline" initialValues={{ stage: 'offer' }} onFinish={submit} style={{ rowGap: 12, marginBottom: 12 }}>
        <Form.Item label="阶段" name="stage" rules={[{ required: true, message: '请选择阶段' }]}>
          <Select options={STAGES} style={{ width: 160 }} aria-label="阶段" />
        </Form.Item>
        <Form.Item label="进入阶段的时间" name="moved" tooltip="不填则不限时间（北京时间）">
          <DatePicker.RangePicker showTime format={MOMENT} allowEmpty={[true, true]} aria-label="进入阶段的时间" />
        </Form.Item>
        {/* The import answers only once every application is saved: seconds for a few hundred. */}
        <Button type="primary" htmlType="submit" loading={importing.isPending}>
          {importing.isPending ? '正在导入…' : '开始导入'}
        </Button>
      </Form>
      {importing.isError && !importing.isPending && (
        <Alert type="error" showIcon title="导入失败" description={errorText(importing.error)} action={<Button size="small" onClick={() => form.submit()}>重试</Button>} />
      )}
      {importing.data && !importing.isPending && <ImportResult result={importing.data} />}
    </Card>
  );
}

function RunReport({ report }: { report: MokaRunReport }) {
  const queued = report.state === 'queued';
  const failures: { key: string; who: string; reason: string }[] =
    report.kind === 'sync-users'
      ? report.failed.map((f) => ({ key: `u${f.user_id}`, who: `${f.username}${f.email ? ` <${f.email}>` : ''}`, reason: f.reason }))
      : report.failed.map((f) => ({ key: `c${f.company_id}`, who: f.company_name || `用人单位 #${f.company_id}`, reason: f.reason }));
  const items =
    report.kind === 'sync-users'
      ? [
          { key: 'users', label: '管理员', children: report.users },
          { key: 'synced', label: 'Moka 已接受', children: report.synced },
        ]
      : [
          { key: 'companies', label: '用人单位', children: report.companies },
          { key: 'synced', label: 'Moka 已接受', children: report.synced },
          ...(report.counts ? [{ key: 'counts', label: 'Moka 统计', children: `新增 ${report.counts.new}，更新 ${report.counts.update}，删除 ${report.counts.delete}` }] : []),
        ];
  return (
    <Flex vertical gap={8} role="status">
      <Space>
        {queued && <Spin size="small" />}
        <Typography.Text strong>{queued ? '同步进行中，结果会自动刷新…' : '同步完成'}</Typography.Text>
      </Space>
      {report.kind === 'sync-departments' && report.error && <Alert type="error" showIcon title={`Moka 拒绝了这次同步：${report.error}`} />}
      <Descriptions size="small" column={3} items={[...items, { key: 'failed', label: '失败', children: failures.length }]} />
      {failures.length > 0 && (
        <Table
          size="small"
          rowKey="key"
          pagination={failures.length > 10 ? { pageSize: 10 } : false}
          dataSource={failures}
          columns={[
            { title: report.kind === 'sync-users' ? '管理员' : '用人单位', dataIndex: 'who', width: 260 },
            { title: '原因', dataIndex: 'reason' },
          ]}
        />
      )}
    </Flex>
  );
}

/** A run's report, read again while its jobs are still queued. */
function FollowedRun({ first }: { first: MokaRunReport }) {
  const run = useQuery({
    queryKey: ['bridges', 'moka', 'run', first.run_id],
    queryFn: ({ signal }) => api<MokaRunReport>('GET', `/admin/bridges/moka/runs/${first.run_id}`, { signal }),
    initialData: first,
    // The answer just came: the first read is RUN_POLL_MS later.
    initialDataUpdatedAt: Date.now(),
    staleTime: RUN_POLL_MS,
    refetchInterval: (query) => (query.state.data?.state === 'queued' ? RUN_POLL_MS : false),
  });
  return (
    <Flex vertical gap={8}>
      {run.isError && <QueryError title="同步进度读取失败" error={run.error} onRetry={() => void run.refetch()} />}
      <RunReport report={run.data} />
    </Flex>
  );
}

function MokaSyncs() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<MokaDepartmentSyncMode>('incremental');
  const [run, setRun] = useState<MokaRunReport | null>(null);
  const syncing = useMutation({
    mutationFn: (sync: { path: 'sync-users'; body: MokaUserSyncRequest } | { path: 'sync-departments'; body: MokaDepartmentSyncRequest }) =>
      api<MokaUserSyncReport | MokaDepartmentSyncReport>('POST', `/admin/bridges/moka/${sync.path}`, { body: sync.body }),
    onSuccess: (report) => {
      setRun(report);
      if (report.state === 'queued') message.info('同步已开始，进度见下方');
      else if (report.failed.length) message.warning(`同步完成，${report.failed.length} 项未能同步`);
      else message.success('同步完成');
    },
    onError: (error) => message.error(`同步未能开始：${errorText(error)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: BRIDGE_STATUS_KEY }),
  });
  const syncDepartments = () => {
    if (mode !== 'full') return syncing.mutate({ path: 'sync-departments', body: { mode, wait_seconds: WAIT_SECONDS } });
    modal.confirm({
      title: '全量同步用人单位到 Moka？',
      content: 'Moka 会以本系统的用人单位列表为准：Moka 中不在列表里的部门会被标为删除。',
      okText: '全量同步',
      okButtonProps: { danger: true },
      onOk: () => syncing.mutate({ path: 'sync-departments', body: { mode, confirm: true, wait_seconds: WAIT_SECONDS } }),
    });
  };
  return (
    <Card size="small" title="同步到 Moka">
      <Typography.Paragraph type="secondary">把本系统的管理员（需有邮箱）和用人单位同步为 Moka 的用户和部门。同步在后台排队进行，可离开此页。</Typography.Paragraph>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Button onClick={() => syncing.mutate({ path: 'sync-users', body: { wait_seconds: WAIT_SECONDS } })} loading={syncing.isPending && syncing.variables?.path === 'sync-users'}>
          同步管理员
        </Button>
        <Space.Compact>
          <Select value={mode} onChange={setMode} options={MODES} style={{ width: 300 }} aria-label="用人单位同步方式" />
          <Button onClick={syncDepartments} loading={syncing.isPending && syncing.variables?.path === 'sync-departments'}>
            同步用人单位
          </Button>
        </Space.Compact>
      </Flex>
      {run && <FollowedRun key={run.run_id} first={run} />}
    </Card>
  );
}

/** Moka's actions: a super admin's, once the bridge is configured. */
export function MokaPanel() {
  return (
    <Flex vertical gap={16}>
      <MokaImport />
      <MokaSyncs />
    </Flex>
  );
}
