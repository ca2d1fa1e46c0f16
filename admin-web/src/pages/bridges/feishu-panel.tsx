import { type ApplicationRow, ErrorCode, type FeishuExternalApplications, type FeishuLinkRequest, type FeishuLinkView, type Page } from '@shanqian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/request';
import { errorText, showFormError } from '../../components/form-errors';
import { QueryError } from '../../components/query-state';
import { ServerSearchSelect } from '../../components/server-search-select';
import { BRIDGE_STATUS_KEY } from './bridge-queries';

/** Feishu Hire's ids, as the server checks them. */
const TALENT_ID = /^[0-9A-Za-z_-]{1,32}$/;
const MIRROR_POLL_MS = 5000;

const applicationLabel = (row: ApplicationRow) => `${row.real_name} ${row.phone} · ${row.status_label} · #${row.id}`;

/** One of our applications, found by name or phone: one request per search, the server matching. */
function ApplicationPicker({ value, onChange, id }: { value?: number; onChange?: (value: number | undefined) => void; id?: string }) {
  return (
    <ServerSearchSelect<ApplicationRow>
      id={id}
      value={value}
      onChange={onChange}
      aria-label="签约申请"
      placeholder="输入姓名或手机号查找"
      allowClear
      search={(keyword) => ({
        queryKey: ['applications', 'list', 'feishu-picker', keyword],
        queryFn: ({ signal }) => api<Page<ApplicationRow>>('GET', '/admin/applications', { query: { keyword: keyword || undefined, page_size: 20 }, signal }),
      })}
      optionLabel={applicationLabel}
      missingLabel={(_, picked) => picked && applicationLabel(picked)}
      notFound={{ failed: '申请加载失败，请重新搜索', none: '没有匹配的申请' }}
    />
  );
}

/** The application's link as it stands; null when it has none. */
function useCurrentLink(applicationId: number | undefined) {
  return useQuery({
    queryKey: ['bridges', 'feishu', 'link', applicationId],
    queryFn: async ({ signal }) => {
      try {
        return await api<FeishuLinkView>('GET', `/admin/bridges/feishu/links/${applicationId}`, { signal });
      } catch (error) {
        if (error instanceof ApiError && error.code === ErrorCode.RecordNotFound) return null;
        throw error;
      }
    },
    enabled: applicationId !== undefined,
    // The mirror is created by a queued job: follow the link until Feishu has answered its id.
    refetchInterval: (query) => (query.state.data && !query.state.data.external_application_id ? MIRROR_POLL_MS : false),
  });
}

function LinkDetails({ link }: { link: FeishuLinkView }) {
  return (
    <Descriptions
      size="small"
      column={2}
      bordered
      items={[
        { key: 'talent', label: '飞书人才 ID', children: <Typography.Text copyable>{link.talent_id}</Typography.Text> },
        { key: 'external', label: '外部投递 ID', children: link.external_application_id ?? '创建中（已排队）' },
        { key: 'stage', label: '已同步阶段', children: link.last_stage ?? '—' },
        { key: 'synced', label: '飞书确认于', children: link.synced_at ? dayjs(link.synced_at).format('YYYY-MM-DD HH:mm:ss') : '尚未确认' },
      ]}
    />
  );
}

/** The talent's external applications in Feishu Hire: that the talent is the right person, before linking. */
function TalentApplications({ talent }: { talent: FeishuExternalApplications }) {
  return (
    <Table
      size="small"
      rowKey={(item) => item.id ?? `${item.talent_id}-${item.create_time}`}
      pagination={false}
      dataSource={talent.items}
      locale={{ emptyText: '该人才在飞书招聘中还没有外部投递' }}
      columns={[
        { title: '职位', dataIndex: 'job_title', render: (title?: string) => title || '—' },
        { title: '阶段', dataIndex: 'stage', render: (stage?: string) => stage || '—' },
        { title: '来源', dataIndex: 'resume_source', render: (source?: string) => source || '—' },
        { title: '投递时间', dataIndex: 'create_time', render: (ms?: number) => (ms ? dayjs(ms).format('YYYY-MM-DD HH:mm') : '—') },
      ]}
    />
  );
}

/** Feishu Hire's action: link one of our applications to a talent, whose external application then follows its status. */
export function FeishuPanel() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FeishuLinkRequest>();
  const applicationId = Form.useWatch('application_id', form);
  const current = useCurrentLink(applicationId);
  const [talent, setTalent] = useState<FeishuExternalApplications | null>(null);

  const lookingUp = useMutation({
    mutationFn: (talentId: string) => api<FeishuExternalApplications>('GET', '/admin/bridges/feishu/external-applications', { query: { talent_id: talentId } }),
    onSuccess: setTalent,
    onError: (error) => {
      setTalent(null);
      form.setFields([{ name: 'talent_id', errors: [error instanceof ApiError ? error.problem : errorText(error)] }]);
    },
  });
  const linking = useMutation({
    mutationFn: (body: FeishuLinkRequest) => api<FeishuLinkView>('POST', '/admin/bridges/feishu/link', { body }),
    onSuccess: (link) => {
      queryClient.setQueryData(['bridges', 'feishu', 'link', link.application_id], link);
      message.success('已关联，申请状态会同步到飞书招聘');
    },
    onError: (error) => {
      const text = showFormError(form, error);
      if (text) message.error(`关联失败：${text}`);
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: BRIDGE_STATUS_KEY }),
  });

  const lookUp = async () => {
    const { talent_id } = await form.validateFields(['talent_id']);
    lookingUp.mutate(talent_id.trim());
  };

  return (
    <Card size="small" title="关联飞书招聘人才">
      <Typography.Paragraph type="secondary">
        把一份签约申请关联到飞书招聘中的人才：系统会在该人才下创建一条外部投递，此后申请的每次状态变化都会同步过去。关联到另一位人才会在那里新建外部投递，原来的保留在飞书中。
      </Typography.Paragraph>
      <Form form={form} name="feishu-link" layout="vertical" onFinish={(values) => linking.mutate({ ...values, talent_id: values.talent_id.trim() })} style={{ maxWidth: 720 }}>
        <Form.Item label="签约申请" name="application_id" rules={[{ required: true, message: '请选择签约申请' }]}>
          <ApplicationPicker />
        </Form.Item>
        {applicationId !== undefined && (
          <div style={{ marginBottom: 16 }}>
            {current.isPending ? (
              <Typography.Text type="secondary">正在读取该申请的关联…</Typography.Text>
            ) : current.isError ? (
              <QueryError title="关联情况读取失败" error={current.error} onRetry={() => void current.refetch()} />
            ) : current.data ? (
              <Flex vertical gap={8}>
                <Typography.Text>
                  该申请已关联（<Link to={`/applications/${applicationId}`}>查看申请</Link>）：
                </Typography.Text>
                <LinkDetails link={current.data} />
              </Flex>
            ) : (
              <Typography.Text type="secondary">该申请尚未关联飞书人才。</Typography.Text>
            )}
          </div>
        )}
        <Form.Item label="飞书人才 ID" required extra="在飞书招聘的人才详情页地址中可以找到，如 6891234567890123456">
          <Flex gap={8}>
            <Form.Item
              name="talent_id"
              noStyle
              rules={[
                { required: true, whitespace: true, message: '请输入飞书人才 ID' },
                { pattern: TALENT_ID, message: '应为飞书招聘的 ID（数字、字母、_ 或 -，最多 32 位）' },
              ]}
            >
              <Input aria-label="飞书人才 ID" maxLength={32} onChange={() => setTalent(null)} style={{ flex: 1 }} />
            </Form.Item>
            <Button onClick={() => void lookUp().catch(() => undefined)} loading={lookingUp.isPending}>
              查询人才
            </Button>
          </Flex>
        </Form.Item>
        {talent && (
          <div style={{ marginBottom: 16 }}>
            <Typography.Paragraph>
              人才 {talent.talent_id} 在飞书招聘中有 {talent.count} 条外部投递：
            </Typography.Paragraph>
            <TalentApplications talent={talent} />
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={linking.isPending}>
          {current.data ? '重新关联' : '关联'}
        </Button>
      </Form>
      {linking.data?.application_id === applicationId && !linking.isPending && (
        <Alert style={{ marginTop: 16 }} type="success" showIcon role="status" title={`申请 #${linking.data.application_id} 已关联到人才 ${linking.data.talent_id}`} />
      )}
    </Card>
  );
}
