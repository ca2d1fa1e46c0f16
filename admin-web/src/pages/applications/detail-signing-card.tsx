import { DownloadOutlined, FilePdfOutlined, FileProtectOutlined } from '@ant-design/icons';
import { type ApplicationDetail, SignApplicationStatus } from '@shanqian/shared';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { download, saveFile } from '../../api/request';
import { useOpenInTab } from '../../components/use-open-in-tab';
import { errorText } from '../../components/form-errors';
import { dateTime, yuan } from './detail-labels';

/**
 * The contract of the application: the terms HR approved, the filled contract the worker will sign
 * (while it waits for the signature), then the signed PDF and the evidence package.
 * `freshDocumentUrl` answers the signed PDF's link, signed anew when the one on the page has expired.
 */
export function SigningCard({ detail, freshDocumentUrl }: { detail: ApplicationDetail; freshDocumentUrl: () => Promise<string | null> }) {
  const { message } = App.useApp();
  const { application: a, contract, document } = detail;
  const path = `/admin/applications/${a.id}`;

  const preview = useOpenInTab();
  const openSigned = useOpenInTab();
  const evidence = useMutation({
    mutationFn: () => download(`${path}/evidence`),
    onSuccess: (file) => {
      saveFile(file);
      message.success('证据包已开始下载');
    },
    onError: (error) => message.error(`下载证据包失败：${errorText(error)}`),
  });

  return (
    <Card title="合同与签署">
      {contract ? (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="合同模板">{contract.contract_name}</Descriptions.Item>
          <Descriptions.Item label="合同主体">{contract.contract_body}</Descriptions.Item>
          <Descriptions.Item label="期限">{contract.sign_year} 年</Descriptions.Item>
          <Descriptions.Item label="月薪">{yuan(a.salary)}</Descriptions.Item>
          <Descriptions.Item label="入职日期">{a.entry_date ?? '—'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">审核通过时选择合同模板、月薪与入职日期后，将为劳动者生成待签署的合同。</Typography.Paragraph>
      )}

      {a.status === SignApplicationStatus.PendingSignature && (
        <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
          <Typography.Text type="secondary">等待劳动者签署。预览的即是劳动者将签署的文件（预览记入审计日志）。</Typography.Text>
          <Button icon={<FilePdfOutlined />} loading={preview.isPending} onClick={() => preview.mutate({ label: '待签合同', load: () => download(`${path}/contract-preview`) })}>
            预览待签合同
          </Button>
        </Space>
      )}

      {document && (
        <>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label="签署时间">{dateTime(document.signed_at)}</Descriptions.Item>
            <Descriptions.Item label="可信时间戳">{document.timestamp_at ? dateTime(document.timestamp_at) : '无'}</Descriptions.Item>
            <Descriptions.Item label="文件 SHA-256">
              <Typography.Text copyable={document.sha256 ? { text: document.sha256 } : false} style={{ fontFamily: 'monospace', fontSize: 12 }}>
                {document.sha256 ? `${document.sha256.slice(0, 16)}…` : '—'}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Space wrap style={{ marginTop: 8 }}>
            <Button type="primary" icon={<FileProtectOutlined />} loading={openSigned.isPending} onClick={() =>
              openSigned.mutate({
                label: '已签署合同',
                load: async () => {
                  const url = await freshDocumentUrl();
                  if (!url) throw new Error('合同尚未签署完成');
                  return url;
                },
              })
            }>
              查看已签署合同
            </Button>
            <Button icon={<DownloadOutlined />} loading={evidence.isPending} onClick={() => evidence.mutate()}>
              下载证据包
            </Button>
          </Space>
        </>
      )}
    </Card>
  );
}
