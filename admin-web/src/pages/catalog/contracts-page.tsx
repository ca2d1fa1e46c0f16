import { UploadOutlined } from '@ant-design/icons';
import { ErrorCode, type ContractFileLink, type ContractRequest, type ContractRow } from '@shanqian/shared';
import { Button, Form, Input, InputNumber, Tooltip, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api, type ApiError } from '../../api/request';
import { useOpenInTab } from '../../components/use-open-in-tab';
import { CatalogTable, formatTime } from './catalog-table';
import { CompanySelect } from './company-select';

const RESOURCE = '/admin/contracts';

interface ContractValues extends Omit<ContractRequest, 'company_id'> {
  company_id?: number;
  file?: UploadFile[];
}

/** Refusals of the file that are no validation error: none given, too large, not a usable PDF. */
const FILE_REFUSALS = new Set<number>([ErrorCode.UploadMissing, ErrorCode.UploadTooLarge, ErrorCode.PdfRequired]);

function saveContract(values: ContractValues, editing: ContractRow | null): Promise<ContractRow> {
  const fields: ContractRequest = {
    contract_name: values.contract_name.trim(),
    contract_body: values.contract_body.trim(),
    company_id: values.company_id!,
    sign_year: values.sign_year,
  };
  const file = values.file?.[0]?.originFileObj;
  // Editing without a new file changes the fields only (JSON); a file goes beside them as multipart.
  if (editing && !file) return api<ContractRow>('PUT', `${RESOURCE}/${editing.id}`, { body: fields });
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, String(value));
  if (file) body.append('file', file);
  return editing ? api<ContractRow>('PUT', `${RESOURCE}/${editing.id}`, { body }) : api<ContractRow>('POST', RESOURCE, { body });
}

/** Each company's labor contract templates: the PDF an approval fills in for the worker. */
export default function ContractsPage() {
  const preview = useOpenInTab();
  return (
    <CatalogTable<ContractRow, ContractValues>
      resource={RESOURCE}
      title="合同模板"
      intro="各用人单位的劳动合同 PDF 模板，审核通过时据此为劳动者生成合同。更换模板只影响之后的审核，已生成的合同不变。"
      noun="合同模板"
      nameOf={(row) => row.contract_name}
      keywordPlaceholder="合同名称或合同主体"
      filters={[
        {
          name: 'company_id',
          render: (value, onChange) => (
            <CompanySelect
              aria-label="用人单位"
              placeholder="全部用人单位"
              allowClear
              style={{ width: 260 }}
              value={value ? Number(value) : undefined}
              onChange={(id) => onChange(id ? String(id) : undefined)}
            />
          ),
        },
      ]}
      columns={[
        { title: '合同名称', dataIndex: 'contract_name' },
        { title: '合同主体', dataIndex: 'contract_body' },
        { title: '用人单位', dataIndex: 'company_name' },
        { title: '年限', dataIndex: 'sign_year', width: 80, render: (years: number) => `${years} 年` },
        {
          title: '模板指纹',
          dataIndex: 'file_sha256',
          width: 110,
          render: (sha256: string | null) =>
            sha256 ? (
              <Tooltip title={`SHA-256：${sha256}`}>
                <Typography.Text code copyable={{ text: sha256 }}>
                  {sha256.slice(0, 8)}
                </Typography.Text>
              </Tooltip>
            ) : (
              '—'
            ),
        },
        { title: '更新时间', dataIndex: 'updated_at', width: 150, render: formatTime },
      ]}
      disableNote="停用后审核时不能再选用此模板；已生成的合同不受影响。"
      actionsWidth={160}
      rowActions={(row) => (
        <Button type="link" size="small" loading={preview.isPending && preview.variables?.key === row.id}
          onClick={() => preview.mutate({ key: row.id, label: row.contract_name, load: async () => (await api<ContractFileLink>('GET', `${RESOURCE}/${row.id}/file`)).url })}>
          预览
        </Button>
      )}
      editor={{
        width: 560,
        initialValues: (row) =>
          row ? { contract_name: row.contract_name, contract_body: row.contract_body, company_id: row.company_id, sign_year: row.sign_year } : { sign_year: 3 },
        save: saveContract,
        fieldOf: (error: ApiError) => (FILE_REFUSALS.has(error.code) ? 'file' : undefined),
        fields: (row) => (
          <>
            <Form.Item label="合同名称" name="contract_name" rules={[{ required: true, whitespace: true, message: '请输入合同名称' }, { max: 32, message: '最多 32 个字' }]}>
              <Input maxLength={32} showCount autoFocus placeholder="如：普工劳动合同" />
            </Form.Item>
            <Form.Item
              label="合同主体"
              name="contract_body"
              extra="与劳动者签约的单位全称，用人单位的签名证书按合同主体签发"
              rules={[{ required: true, whitespace: true, message: '请输入合同主体' }, { max: 32, message: '最多 32 个字' }]}
            >
              <Input maxLength={32} showCount />
            </Form.Item>
            <Form.Item label="用人单位" name="company_id" rules={[{ required: true, message: '请选择用人单位' }]}>
              <CompanySelect enabledOnly knownName={row?.company_name} placeholder="搜索并选择用人单位" />
            </Form.Item>
            <Form.Item label="合同年限" name="sign_year" rules={[{ required: true, message: '请输入合同年限' }]}>
              <InputNumber min={1} max={10} precision={0} suffix="年" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item
              label="合同模板 PDF"
              name="file"
              valuePropName="fileList"
              getValueFromEvent={(event: { fileList: UploadFile[] }) => event.fileList.slice(-1)}
              extra={row ? '不选择则保留当前模板；选择新文件将替换之后审核使用的模板' : '未加密、至少一页的 PDF'}
              rules={row ? [] : [{ required: true, message: '请选择合同模板 PDF' }]}
            >
              <Upload accept=".pdf,application/pdf" maxCount={1} beforeUpload={() => false}>
                <Button icon={<UploadOutlined />}>选择 PDF 文件</Button>
              </Upload>
            </Form.Item>
          </>
        ),
      }}
    />
  );
}
