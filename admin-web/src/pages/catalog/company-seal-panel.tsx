import { SafetyCertificateOutlined, UploadOutlined } from '@ant-design/icons';
import { ErrorCode, type CompanyCertificates, type CompanyRow, type CompanySealRow, type SealAuthorizationRequest, type SealGeneratedRequest, type SigningCertificate } from '@shanqian/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Descriptions, Drawer, Empty, Flex, Form, Input, Modal, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useId, useState } from 'react';
import { api, ApiError, download } from '../../api/request';
import { errorText, showFormError } from '../../components/form-errors';
import { QueryError } from '../../components/query-state';
import { formatTime } from './catalog-table';

const sealKey = (companyId: number) => ['/admin/companies', companyId, 'seal'];
const certificateKey = (companyId: number) => ['/admin/companies', companyId, 'certificate'];

/** A blob as an object URL for an <img>, revoked when the blob changes or the image leaves the page. */
function useObjectUrl(blob: Blob | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!blob) return undefined;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [blob]);
  return url;
}

/** A company's seal, its authorization to seal automatically, and its signing certificates: a super admin's drawer. */
export function CompanySealPanel({ company, open, onClose }: { company: CompanyRow | null; open: boolean; onClose: () => void }) {
  return (
    <Drawer title={company ? `印章与证书 · ${company.company_name}` : '印章与证书'} open={open} onClose={onClose} size={680} destroyOnHidden>
      {company && (
        <Flex vertical gap={16}>
          <SealSection companyId={company.id} />
          <CertificateSection companyId={company.id} />
        </Flex>
      )}
    </Drawer>
  );
}

function SealSection({ companyId }: { companyId: number }) {
  const seal = useQuery({
    queryKey: sealKey(companyId),
    queryFn: ({ signal }) => api<CompanySealRow>('GET', `/admin/companies/${companyId}/seal`, { signal }),
  });
  if (seal.isPending) return <Skeleton active />;
  if (seal.isError) return <QueryError error={seal.error} onRetry={() => void seal.refetch()} title="印章信息加载失败" />;
  return (
    <>
      <SealArtworkCard seal={seal.data} />
      <SealAuthorizationCard seal={seal.data} />
    </>
  );
}

/** The seal's picture (fetched with the session, shown from a blob: URL, which the CSP allows), and how to change it. */
function SealArtworkCard({ seal }: { seal: CompanySealRow }) {
  const companyId = seal.company_id;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ bottom_text?: string }>();
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const [generateProblem, setGenerateProblem] = useState<string | null>(null);
  const preview = useQuery({
    queryKey: [...sealKey(companyId), 'preview'],
    queryFn: async ({ signal }) => (await download(seal.preview_png_url, { signal })).blob,
  });
  const imageUrl = useObjectUrl(preview.data);
  const changed = (row: CompanySealRow, text: string) => {
    message.success(text);
    queryClient.setQueryData(sealKey(companyId), row);
    void queryClient.invalidateQueries({ queryKey: [...sealKey(companyId), 'preview'] });
  };
  const upload = useMutation({
    mutationFn: (file: File) => {
      const body = new FormData();
      body.append('file', file);
      return api<CompanySealRow>('PUT', `/admin/companies/${companyId}/seal`, { body });
    },
    onMutate: () => setUploadProblem(null),
    onSuccess: (row) => changed(row, '已换用上传的印章图片'),
    // Not a PNG, no transparency, the wrong size (400), over 1 MB (413): the server's own words.
    onError: (error) => setUploadProblem(error instanceof ApiError ? error.problem : errorText(error)),
  });
  const generate = useMutation({
    mutationFn: ({ bottom_text }: { bottom_text?: string }) =>
      api<CompanySealRow>('PUT', `/admin/companies/${companyId}/seal`, { body: { kind: 'generated', bottom_text: bottom_text?.trim() || null } satisfies SealGeneratedRequest }),
    onMutate: () => setGenerateProblem(null),
    onSuccess: (row) => changed(row, '已使用系统生成的印章'),
    onError: (error) => setGenerateProblem(showFormError(form, error)),
  });

  return (
    <Card size="small" title="印章">
      <Flex gap={24} wrap>
        <div
          style={{ width: 180, height: 180, display: 'grid', placeItems: 'center', border: '1px solid #f0f0f0', borderRadius: 8, background: '#fafafa' }}
          aria-busy={preview.isFetching}
        >
          {preview.isError ? (
            <Space orientation="vertical" align="center">
              <Typography.Text type="danger">预览加载失败</Typography.Text>
              <Button size="small" onClick={() => void preview.refetch()}>
                重试
              </Button>
            </Space>
          ) : imageUrl ? (
            <img src={imageUrl} alt={`${seal.company_name}的印章预览`} style={{ maxWidth: 160, maxHeight: 160 }} />
          ) : (
            <Skeleton.Image active />
          )}
        </div>
        <Flex vertical gap={12} style={{ flex: 1, minWidth: 280 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'kind', label: '当前印章', children: seal.kind === 'uploaded' ? '上传的印章图片' : '系统生成的圆形印章' },
              ...(seal.kind === 'generated' ? [{ key: 'bottom', label: '下方文字', children: seal.bottom_text || '无' }] : []),
            ]}
          />
          <div>
            <Upload accept=".png,image/png" showUploadList={false} maxCount={1} beforeUpload={(file) => (upload.mutate(file), false)}>
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                上传印章图片
              </Button>
            </Upload>
            <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
              透明背景的 PNG，每边 100–2000 像素，不超过 1 MB。
            </Typography.Paragraph>
            {uploadProblem && <Alert role="alert" type="error" showIcon title="印章图片未能使用" description={uploadProblem} style={{ marginTop: 8 }} />}
          </div>
          <Form
            form={form}
            layout="vertical"
            initialValues={{ bottom_text: seal.bottom_text ?? '' }}
            onFinish={(values) => generate.mutate(values)}
          >
            <Form.Item label="系统生成印章的下方文字（可选）" name="bottom_text" rules={[{ max: 12, message: '最多 12 个字' }]} style={{ marginBottom: 8 }}>
              <Input placeholder="如：合同专用章" maxLength={12} showCount />
            </Form.Item>
            <Button htmlType="submit" loading={generate.isPending}>
              {seal.kind === 'generated' ? '保存下方文字' : '改用系统生成的印章'}
            </Button>
            {generateProblem && <Alert role="alert" type="error" showIcon title={generateProblem} style={{ marginTop: 8 }} />}
          </Form>
        </Flex>
      </Flex>
    </Card>
  );
}

function SealAuthorizationCard({ seal }: { seal: CompanySealRow }) {
  const [asking, setAsking] = useState<{ open: boolean; key: number }>({ open: false, key: 0 });
  const last = seal.authorized_at
    ? `最近一次由 ${seal.authorized_by_name ?? `管理员 #${seal.authorized_by}`} 于 ${formatTime(seal.authorized_at)}${seal.authorized ? '授权' : '撤销授权'}${seal.authorized_ip ? `（IP ${seal.authorized_ip}）` : ''}`
    : null;
  return (
    <Card size="small" title="自动盖章授权">
      <Flex vertical gap={12}>
        <Space>
          {seal.authorized ? <Badge status="success" text="已授权" /> : <Badge status="warning" text="未授权" />}
          {last && <Typography.Text type="secondary">{last}</Typography.Text>}
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>
          {seal.authorized
            ? '审核通过该单位的签约申请时，系统会以上方印章和该单位的签名证书，自动在劳动合同上加盖用人单位签章。'
            : '未授权时，该单位的签约申请无法审核通过。授权后，审核通过时系统会以上方印章和该单位的签名证书，自动在劳动合同上加盖用人单位签章。'}
        </Typography.Paragraph>
        <div>
          <Button
            type={seal.authorized ? 'default' : 'primary'}
            danger={seal.authorized}
            icon={<SafetyCertificateOutlined />}
            onClick={() => setAsking((current) => ({ open: true, key: current.key + 1 }))}
          >
            {seal.authorized ? '撤销授权' : '授权自动盖章'}
          </Button>
        </div>
      </Flex>
      <SealAuthorizationDialog key={asking.key} seal={seal} open={asking.open} onClose={() => setAsking((current) => ({ ...current, open: false }))} />
    </Card>
  );
}

/** Granting or revoking binds the company: the acting super admin types their own password again. */
function SealAuthorizationDialog({ seal, open, onClose }: { seal: CompanySealRow; open: boolean; onClose: () => void }) {
  const granting = !seal.authorized;
  const [form] = Form.useForm<{ password: string }>();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const submit = useMutation({
    mutationFn: ({ password }: { password: string }) =>
      api<CompanySealRow>('POST', `/admin/companies/${seal.company_id}/seal-authorization`, { body: { enabled: granting, password } satisfies SealAuthorizationRequest }),
    onMutate: () => setProblem(null),
    onSuccess: (row) => {
      queryClient.setQueryData(sealKey(seal.company_id), row);
      message.success(granting ? `已授权「${row.company_name}」自动盖章` : `已撤销「${row.company_name}」的自动盖章授权`);
      onClose();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === ErrorCode.AdminPasswordInvalid) {
        form.setFields([{ name: 'password', errors: ['密码不正确'] }]);
        return;
      }
      // Too many wrong passwords (the login limit), a session ended: above the form.
      setProblem(showFormError(form, error));
    },
  });
  return (
    <Modal
      title={granting ? '授权自动盖章' : '撤销自动盖章授权'}
      open={open}
      onCancel={onClose}
      okText={granting ? '确认授权' : '确认撤销'}
      okButtonProps={{ htmlType: 'submit', form: formId, danger: !granting }}
      confirmLoading={submit.isPending}
      destroyOnHidden
    >
      <Alert
        type={granting ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 16 }}
        title={granting ? `授权后，「${seal.company_name}」的合同将自动盖章` : `撤销后，「${seal.company_name}」的签约申请将无法审核通过`}
        description={
          granting
            ? 'HR 审核通过该单位的签约申请时，系统将不再逐份确认，直接以该单位的印章和签名证书在劳动合同上签章。授权人、时间和 IP 记入审计日志和每份合同的证据包。'
            : '直到重新授权为止。已签署的合同不受影响。撤销记录同样写入审计日志。'
        }
      />
      {problem && <Alert role="alert" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form id={formId} form={form} layout="vertical" onFinish={(values) => submit.mutate(values)}>
        <Form.Item label="请输入您的登录密码以确认" name="password" rules={[{ required: true, message: '请输入密码' }]} extra="多次输错将按登录失败计数，可能暂时锁定登录。">
          <Input.Password autoComplete="current-password" maxLength={72} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CertificateSection({ companyId }: { companyId: number }) {
  const certificates = useQuery({
    queryKey: certificateKey(companyId),
    queryFn: ({ signal }) => api<CompanyCertificates>('GET', `/admin/companies/${companyId}/certificate`, { signal }),
  });
  return (
    <Card size="small" title="签名证书">
      {certificates.isPending ? (
        <Skeleton active />
      ) : certificates.isError ? (
        <QueryError error={certificates.error} onRetry={() => void certificates.refetch()} title="签名证书加载失败" />
      ) : certificates.data.certificates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无签名证书：首次签署该单位的合同时，平台 CA 会按合同主体自动签发。" />
      ) : (
        <Flex vertical gap={12}>
          {certificates.data.certificates.map((certificate) => (
            <CertificateDescription key={certificate.id} certificate={certificate} />
          ))}
        </Flex>
      )}
    </Card>
  );
}

function validity(certificate: SigningCertificate) {
  const daysLeft = dayjs(certificate.not_after).diff(dayjs(), 'day');
  const period = `${formatTime(certificate.not_before)} 至 ${formatTime(certificate.not_after)}`;
  if (daysLeft < 0) return <>{period} <Tag color="error">已过期</Tag></>;
  if (daysLeft < 30) {
    return (
      <>
        {period} <Tag color="warning">{daysLeft} 天后到期{certificate.source === 'generated' ? '，下次签署时自动续期' : ''}</Tag>
      </>
    );
  }
  return period;
}

function CertificateDescription({ certificate }: { certificate: SigningCertificate }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={1}
      styles={{ label: { width: 120 } }}
      title={
        <Space>
          {certificate.source === 'uploaded' ? 'CA 机构签发（上传）' : `平台签发 · ${certificate.contract_body}`}
          {certificate.in_use ? <Badge status="success" text="使用中" /> : <Badge status="default" text="未使用（已有上传的证书）" />}
        </Space>
      }
      items={[
        { key: 'subject', label: '证书主体', children: certificate.subject },
        { key: 'issuer', label: '颁发者', children: certificate.issuer },
        { key: 'validity', label: '有效期', children: validity(certificate) },
        { key: 'serial', label: '序列号', children: <Typography.Text code>{certificate.serial}</Typography.Text> },
        {
          key: 'fingerprint',
          label: 'SHA-256 指纹',
          children: (
            <Typography.Text copyable style={{ wordBreak: 'break-all', fontFamily: 'monospace', fontSize: 12 }}>
              {certificate.fingerprint_sha256}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
