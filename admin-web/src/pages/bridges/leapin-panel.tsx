import {
  type ApplicationListQuery,
  type ApplicationRow,
  type LeapinInviteRequest,
  type LeapinInviteResponse,
  type LeapinJobList,
  type LeapinPullResponse,
  type Page,
  SignApplicationStatus,
} from '@shanqian/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/request';
import { errorText } from '../../components/form-errors';
import { QueryError } from '../../components/query-state';
import { BRIDGE_STATUS_KEY } from './bridge-queries';

/** The server's limit per invitation request. */
const INVITE_MAX = 100;
const PAGE_SIZES = [10, 20, 50];

const columns: TableColumnsType<ApplicationRow> = [
  { title: '姓名', dataIndex: 'real_name', width: 100, render: (name: string, row) => <Link to={`/applications/${row.id}`}>{name}</Link> },
  { title: '手机号', dataIndex: 'phone', width: 130 },
  { title: '用人单位', dataIndex: 'company_name', ellipsis: true },
  { title: '岗位', dataIndex: 'work_pos', width: 120, ellipsis: true },
  { title: '处理人', dataIndex: 'handler_name', width: 100 },
  { title: '申请时间', dataIndex: 'apply_time', width: 150, render: (time: string) => dayjs(time).format('YYYY-MM-DD HH:mm') },
];

function InviteOutcome({ result, names }: { result: LeapinInviteResponse; names: Map<number, string> }) {
  const who = (ids: number[]) => ids.map((id) => names.get(id) ?? `#${id}`).join('、');
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      title={`已为 ${result.queued.length} 人排队发送 AI 面试邀请`}
      description={
        <>
          {result.queued.length > 0 && <div>LeapIn 生成面试链接后会显示在申请详情中：{who(result.queued)}</div>}
          {result.already_invited.length > 0 && <div>此前已邀请过该职位，未重复邀请：{who(result.already_invited)}</div>}
        </>
      }
    />
  );
}

/** LeapIn's actions: invite applications waiting for review to a job's AI interview, and read the outcomes now. */
export function LeapinPanel() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<number>();
  const [triggerNotice, setTriggerNotice] = useState(false);
  const [expireDays, setExpireDays] = useState<number | null>(null);
  const [keyword, setKeyword] = useState<string>();
  const [paging, setPaging] = useState({ page: 1, page_size: PAGE_SIZES[0] });
  // Kept across pages and searches: the clerk picks from several.
  const [selected, setSelected] = useState(new Map<number, ApplicationRow>());
  const [outcome, setOutcome] = useState<{ result: LeapinInviteResponse; names: Map<number, string> } | null>(null);

  const jobs = useQuery({
    queryKey: ['bridges', 'leapin', 'jobs'],
    queryFn: ({ signal }) => api<LeapinJobList>('GET', '/admin/bridges/leapin/jobs', { signal }),
    staleTime: 5 * 60_000,
  });
  const query: ApplicationListQuery = { status: SignApplicationStatus.Applied, keyword, sort: 'apply_time', ...paging };
  const waiting = useQuery({
    queryKey: ['applications', 'list', 'leapin-invite', query],
    queryFn: ({ signal }) => api<Page<ApplicationRow>>('GET', '/admin/applications', { query: { ...query }, signal }),
    placeholderData: keepPreviousData,
  });

  const inviting = useMutation({
    mutationFn: (body: LeapinInviteRequest) => api<LeapinInviteResponse>('POST', '/admin/bridges/leapin/invite', { body }),
    onSuccess: (result) => {
      setOutcome({ result, names: new Map([...selected.values()].map((row) => [row.id, row.real_name])) });
      setSelected(new Map());
      message.success(`已为 ${result.queued.length} 人排队发送邀请`);
    },
    onError: (error) => message.error(`邀请失败：${errorText(error)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: BRIDGE_STATUS_KEY }),
  });
  const pulling = useMutation({
    mutationFn: () => api<LeapinPullResponse>('POST', '/admin/bridges/leapin/pull'),
    onSuccess: (result) => message.success(`已读取 ${result.jobs} 个职位的 ${result.invites} 个邀请，${result.updated} 个有更新`),
    onError: (error) => message.error(`拉取失败：${errorText(error)}`),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: BRIDGE_STATUS_KEY }),
  });

  const invite = () =>
    inviting.mutate({ job_id: jobId!, application_ids: [...selected.keys()], trigger_notice: triggerNotice, ...(expireDays ? { expire_days: expireDays } : {}) });
  const page = waiting.data;

  return (
    <Card
      size="small"
      title="邀请 AI 面试"
      extra={
        <Button onClick={() => pulling.mutate()} loading={pulling.isPending}>
          立即拉取面试结果
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        选择 LeapIn 职位和待审核的申请人，LeapIn 会为每人生成 AI 面试链接。邀请在后台排队发送；面试结果每隔一段时间自动拉回，也可立即拉取。
      </Typography.Paragraph>
      <Form layout="inline" style={{ rowGap: 12, marginBottom: 12 }}>
        <Form.Item label="LeapIn 职位" required>
          <Select
            value={jobId}
            onChange={setJobId}
            placeholder={jobs.isError ? '职位列表未能加载' : '选择职位'}
            loading={jobs.isPending}
            style={{ width: 260 }}
            aria-label="LeapIn 职位"
            showSearch={{ optionFilterProp: 'label' }}
            options={jobs.data?.results.map((job) => ({ value: job.id, label: job.status === 0 ? job.name : `${job.name}（已关闭）`, disabled: job.status !== 0 }))}
            notFoundContent={jobs.isPending ? '加载中…' : 'LeapIn 中没有职位'}
          />
        </Form.Item>
        <Form.Item label="链接有效天数" tooltip="不填为 LeapIn 默认的 7 天">
          <InputNumber min={1} max={365} precision={0} value={expireDays} onChange={setExpireDays} placeholder="7" style={{ width: 90 }} aria-label="链接有效天数" />
        </Form.Item>
        <Form.Item>
          <Checkbox checked={triggerNotice} onChange={(event) => setTriggerNotice(event.target.checked)}>
            由 LeapIn 通知申请人
          </Checkbox>
        </Form.Item>
      </Form>
      {jobs.isError && (
        <div style={{ marginBottom: 12 }}>
          <QueryError title="LeapIn 职位加载失败" error={jobs.error} onRetry={() => void jobs.refetch()} />
        </div>
      )}
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          maxLength={32}
          placeholder="按姓名或手机号查找待审核的申请"
          aria-label="按姓名或手机号查找"
          style={{ width: 320 }}
          onSearch={(text) => {
            setKeyword(text.trim() || undefined);
            setPaging((current) => ({ ...current, page: 1 }));
          }}
        />
        <Flex align="center" gap={12}>
          <Typography.Text>
            已选 {selected.size} 人{selected.size >= INVITE_MAX && `（一次最多 ${INVITE_MAX} 人）`}
          </Typography.Text>
          {selected.size > 0 && <Button onClick={() => setSelected(new Map())}>清空</Button>}
          <Button type="primary" disabled={!jobId || selected.size === 0} loading={inviting.isPending} onClick={invite} title={jobId ? undefined : '先选择 LeapIn 职位'}>
            发送邀请
          </Button>
        </Flex>
      </Flex>
      {outcome && (
        <div style={{ marginBottom: 12 }}>
          <InviteOutcome result={outcome.result} names={outcome.names} />
        </div>
      )}
      {waiting.isError && (
        <div style={{ marginBottom: 12 }}>
          <QueryError title="待审核申请加载失败" error={waiting.error} onRetry={() => void waiting.refetch()} />
        </div>
      )}
      <Table<ApplicationRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={page?.list ?? []}
        loading={waiting.isFetching}
        scroll={{ x: 800 }}
        rowSelection={{
          selectedRowKeys: [...selected.keys()],
          preserveSelectedRowKeys: true,
          getCheckboxProps: (row) => ({ disabled: selected.size >= INVITE_MAX && !selected.has(row.id) }),
          onChange: (keys, rows) =>
            setSelected((current) => {
              const next = new Map<number, ApplicationRow>();
              // Rows of other pages come back undefined: keep what was known of them.
              for (const [index, key] of keys.entries()) next.set(Number(key), rows[index] ?? current.get(Number(key))!);
              return next;
            }),
        }}
        locale={{ emptyText: waiting.isPending ? ' ' : keyword ? '没有符合条件的待审核申请' : '没有待审核的申请' }}
        pagination={{
          current: paging.page,
          pageSize: paging.page_size,
          total: page?.count ?? 0,
          showSizeChanger: true,
          pageSizeOptions: PAGE_SIZES.map(String),
          showTotal: (total) => `待审核 ${total} 份`,
          onChange: (current, size) => setPaging({ page: size === paging.page_size ? current : 1, page_size: size }),
        }}
      />
    </Card>
  );
}
