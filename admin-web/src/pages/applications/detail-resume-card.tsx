import { ReloadOutlined } from '@ant-design/icons';
import type { ApplicationResume, DictRow, EmployeeEducation, EmployeeWorkExperience, Page, RevealIdNumberResponse } from '@shanqian/shared';
import { DictItem } from '@shanqian/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Image, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/request';
import { errorText } from '../../components/form-errors';
import { GENDER_LABELS, HOUSEHOLD_LABELS, joined, MARITAL_LABELS, POLITICAL_LABELS } from './detail-labels';

/** Education types by key (`dict_key` of Edu_Type), for the education table; the key itself until they load. */
function useEducationTypes(): Map<string, string> {
  const query = useQuery({
    queryKey: ['admin', 'dicts', DictItem.EduType],
    queryFn: ({ signal }) => api<Page<DictRow>>('GET', '/admin/dicts', { query: { dict_item: DictItem.EduType, page_size: 100 }, signal }),
    staleTime: 10 * 60_000,
  });
  return new Map(query.data?.list.map((row) => [row.dict_key, row.dict_value]));
}

/**
 * The masked ID number, and the full one on request: the confirmation says the reveal is in the
 * audit log, and the number stays on this page only (not in any cache).
 */
function IdNumber({ applicationId, masked }: { applicationId: number; masked: string }) {
  const { message, modal } = App.useApp();
  const [full, setFull] = useState<string | null>(null);
  const reveal = useMutation({
    mutationFn: () => api<RevealIdNumberResponse>('POST', `/admin/applications/${applicationId}/reveal`),
    onSuccess: (answer) => setFull(answer.id_number),
    onError: (error) => message.error(`显示完整号码失败：${errorText(error)}`),
  });
  if (full) {
    return (
      <Space size={4}>
        <Typography.Text copyable>{full}</Typography.Text>
        <Button type="link" size="small" onClick={() => setFull(null)}>
          隐藏
        </Button>
      </Space>
    );
  }
  const confirm = () =>
    modal.confirm({
      title: '显示完整身份证号码？',
      content: '此操作将记入审计日志（操作人、时间与 IP）。请仅在核对身份时查看。',
      okText: '显示号码',
      onOk: () => reveal.mutateAsync().catch(() => undefined),
    });
  return (
    <Space size={4}>
      <span>{masked}</span>
      <Button type="link" size="small" loading={reveal.isPending} onClick={confirm}>
        显示完整号码
      </Button>
    </Space>
  );
}

/**
 * One ID card photo through its expiring link. A link that no longer loads (expired after about an
 * hour, or the network) offers to fetch the detail again, which signs fresh links.
 */
function IdCardPhoto({ title, url, onRefresh, refreshing }: { title: string; url: string; onRefresh: () => void; refreshing: boolean }) {
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  return (
    <figure style={{ margin: 0, width: 240 }}>
      {failedUrl === url ? (
        <div style={{ height: 150, border: '1px dashed #d9d9d9', borderRadius: 8, display: 'grid', placeItems: 'center', textAlign: 'center', padding: 8 }}>
          <Space orientation="vertical" size={8}>
            <Typography.Text type="secondary">照片链接已过期或加载失败</Typography.Text>
            <Button size="small" icon={<ReloadOutlined />} loading={refreshing} onClick={onRefresh}>
              重新加载
            </Button>
          </Space>
        </div>
      ) : (
        <Image src={url} alt={title} width={240} height={150} style={{ objectFit: 'cover', borderRadius: 8 }} onError={() => setFailedUrl(url)} />
      )}
      <figcaption style={{ marginTop: 4, color: 'rgba(0, 0, 0, 0.65)' }}>{title}</figcaption>
    </figure>
  );
}

const period = (row: { start_date: string; end_date: string }) => `${row.start_date || '?'} 至 ${row.end_date || '至今'}`;

/** The worker's resume as submitted: identity, household, address, emergency contact, ID card photos, education and work. */
export function ResumeCard(props: { applicationId: number; resume: ApplicationResume; onRefresh: () => void; refreshing: boolean }) {
  const { applicationId, resume: r, onRefresh, refreshing } = props;
  const educationTypes = useEducationTypes();
  return (
    <Card title="简历" styles={{ body: { display: 'grid', gap: 24 } }}>
      <Descriptions size="small" column={{ xs: 1, lg: 2 }} bordered>
        <Descriptions.Item label="姓名">{r.real_name}</Descriptions.Item>
        <Descriptions.Item label="手机号">{r.phone}</Descriptions.Item>
        <Descriptions.Item label="身份证号" span={2}>
          <IdNumber applicationId={applicationId} masked={r.id_number_masked} />
        </Descriptions.Item>
        <Descriptions.Item label="性别">{GENDER_LABELS[r.gender]}</Descriptions.Item>
        <Descriptions.Item label="年龄">{r.age}</Descriptions.Item>
        <Descriptions.Item label="民族">{r.nation}</Descriptions.Item>
        <Descriptions.Item label="婚姻状况">{MARITAL_LABELS[r.marital_sts] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="政治面貌">{POLITICAL_LABELS[r.political_sts] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="户口类型">{HOUSEHOLD_LABELS[r.acct_type] ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="户籍地址" span={2}>
          {joined(r.acct_prc_name, r.acct_city_name, r.acct_coy_name, r.acct_addr)}
        </Descriptions.Item>
        <Descriptions.Item label="现住址" span={2}>
          {joined(r.province_name, r.city_name, r.county_name, r.addr)}
        </Descriptions.Item>
        <Descriptions.Item label="紧急联系人">{joined(r.em_contact_name, r.em_contact_relationship && `（${r.em_contact_relationship}）`)}</Descriptions.Item>
        <Descriptions.Item label="紧急联系电话">{r.em_contact_phone || '—'}</Descriptions.Item>
      </Descriptions>

      <section aria-label="身份证照片">
        <Typography.Title level={5}>身份证照片</Typography.Title>
        <Image.PreviewGroup>
          <Space size={16} wrap>
            <IdCardPhoto title="人像面" url={r.id_card_front} onRefresh={onRefresh} refreshing={refreshing} />
            <IdCardPhoto title="国徽面" url={r.id_card_back} onRefresh={onRefresh} refreshing={refreshing} />
          </Space>
        </Image.PreviewGroup>
      </section>

      <section aria-label="教育经历">
        <Typography.Title level={5}>教育经历</Typography.Title>
        <Table<EmployeeEducation & { key: number }>
          size="small"
          pagination={false}
          dataSource={r.employee_edu.map((row, key) => ({ ...row, key }))}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写教育经历" /> }}
          columns={[
            { title: '学校', dataIndex: 'school' },
            { title: '专业', dataIndex: 'major' },
            { title: '学历', dataIndex: 'edu_type', render: (key: string) => educationTypes.get(key) ?? key },
            { title: '时间', key: 'period', render: (_, row) => period(row) },
          ]}
        />
      </section>

      <section aria-label="工作经历">
        <Typography.Title level={5}>工作经历</Typography.Title>
        <Table<EmployeeWorkExperience & { key: number }>
          size="small"
          pagination={false}
          dataSource={r.work_exp.map((row, key) => ({ ...row, key }))}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未填写工作经历" /> }}
          columns={[
            { title: '单位', dataIndex: 'company_name' },
            { title: '职位', dataIndex: 'position' },
            { title: '时间', key: 'period', render: (_, row) => period(row) },
            { title: '工作内容', dataIndex: 'description', render: (text?: string) => text || '—' },
          ]}
        />
      </section>
    </Card>
  );
}
