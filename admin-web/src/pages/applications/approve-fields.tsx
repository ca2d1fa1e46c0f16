import { EyeOutlined } from '@ant-design/icons';
import {
  EnabledFlag,
  type ApprovalSettings,
  type ApproveApplicationRequest,
  type ContractFileLink,
  type ContractListQuery,
  type ContractRow,
  type Page,
} from '@shanqian/shared';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api } from '../../api/request';
import { useOpenInTab } from '../../components/use-open-in-tab';
import { QueryError } from '../../components/query-state';

/** The approval form's values as the fields hold them; `approveRequest` turns them into the body. */
export interface ApproveFormValues {
  contract_id?: number;
  salary?: string;
  entry_date?: Dayjs;
}

export const DATE_FORMAT = 'YYYY-MM-DD';

/** decimal(15,2) as the server reads it (common/money.ts): digits, at most two decimals, no sign. */
const MONEY = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** Whole fen of a money text, or null when it is not money by the server's rule. */
export function moneyCents(text: string): number | null {
  const match = MONEY.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0')) : null;
}

/** Why a salary would be refused (the server's words), or null when it would pass. */
export function salaryProblem(text: string, settings: ApprovalSettings | undefined): string | null {
  const cents = moneyCents(text);
  if (cents === null) return '应为最多两位小数的金额';
  if (cents <= 0) return '应大于 0';
  if (settings && (cents < moneyCents(settings.salary_min)! || cents > moneyCents(settings.salary_max)!)) {
    return `应在 ${settings.salary_min} 到 ${settings.salary_max} 元之间`;
  }
  return null;
}

/** Why an entry date would be refused, or null. YYYY-MM-DD texts compare as the days they name. */
export function entryDateProblem(date: Dayjs, settings: ApprovalSettings | undefined): string | null {
  const day = date.format(DATE_FORMAT);
  if (settings && (day < settings.entry_date_from || day > settings.entry_date_to)) return `应在 ${settings.entry_date_from} 到 ${settings.entry_date_to} 之间`;
  return null;
}

export function approveRequest(values: ApproveFormValues): ApproveApplicationRequest {
  return { contract_id: values.contract_id!, salary: values.salary!.trim(), entry_date: values.entry_date!.format(DATE_FORMAT) };
}

export const approvalSettingsKey = ['admin', 'settings', 'approval'] as const;

/** The limits the server checks approvals against; they change only with a restart or at China's midnight. */
export function useApprovalSettings() {
  return useQuery({
    queryKey: approvalSettingsKey,
    queryFn: ({ signal }) => api<ApprovalSettings>('GET', '/admin/settings/approval', { signal }),
    staleTime: 5 * 60_000,
  });
}

/** A company's enabled templates: the only ones an approval accepts. One page of 100 holds every company's. */
function useCompanyContracts(companyId: number) {
  const query = { company_id: companyId, status: EnabledFlag.Enabled, page_size: 100 } satisfies ContractListQuery;
  return useQuery({
    queryKey: ['admin', 'contracts', query],
    queryFn: ({ signal }) => api<Page<ContractRow>>('GET', '/admin/contracts', { query: { ...query }, signal }),
  });
}

const fieldRule = (problem: (value: never) => string | null): Rule => ({
  validator: (_, value) => {
    const text = value === undefined || value === null || value === '' ? null : problem(value as never);
    return text ? Promise.reject(new Error(text)) : Promise.resolve();
  },
});

/**
 * The terms of an approval (contract, monthly salary, entry date), as fields of the caller's antd
 * Form: the single approval on the detail page and the bulk approval of the queue. Checked as the
 * server checks them, with its own limits; the names are the server's, so a refusal naming a field
 * lands under it (showFormError).
 */
export function ApproveFields({ companyId }: { companyId: number }) {
  const form = Form.useFormInstance<ApproveFormValues>();
  const settings = useApprovalSettings();
  const contracts = useCompanyContracts(companyId);
  const chosen = Form.useWatch('contract_id', form);
  const rows = contracts.data?.list;

  // One enabled template is the usual case: chosen for the clerk, who can still see and change it.
  useEffect(() => {
    if (rows?.length === 1 && form.getFieldValue('contract_id') === undefined) form.setFieldValue('contract_id', rows[0].id);
  }, [rows, form]);

  const openTemplate = useOpenInTab();

  const limits = settings.data;
  return (
    <>
      {contracts.isError && <QueryError title="合同模板加载失败" error={contracts.error} onRetry={() => void contracts.refetch()} />}
      {settings.isError && <QueryError title="审核规则加载失败（提交时仍由服务器检查）" error={settings.error} onRetry={() => void settings.refetch()} />}
      <Form.Item label="合同模板" required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="contract_id" noStyle rules={[{ required: true, message: '请选择合同模板' }]}>
            <Select
              aria-label="合同模板"
              placeholder="选择该用人单位已启用的合同模板"
              loading={contracts.isPending}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ flex: 1 }}
              options={rows?.map((c) => ({ value: c.id, label: `${c.contract_name}（${c.contract_body}，${c.sign_year} 年）` }))}
              notFoundContent={contracts.isPending ? '加载中…' : '该用人单位没有已启用的合同模板，请先在“合同模板”中上传并启用'}
            />
          </Form.Item>
          <Button icon={<EyeOutlined />} disabled={!chosen} loading={openTemplate.isPending} onClick={() => chosen && openTemplate.mutate({ label: '合同模板', load: async () => (await api<ContractFileLink>('GET', `/admin/contracts/${chosen}/file`)).url })}>
            查看模板
          </Button>
        </Space.Compact>
      </Form.Item>
      <Form.Item
        label="月薪"
        name="salary"
        extra={limits ? `${limits.salary_min} – ${limits.salary_max} 元，最多两位小数` : '最多两位小数'}
        rules={[{ required: true, whitespace: true, message: '请输入月薪' }, fieldRule((text: string) => salaryProblem(text, limits))]}
      >
        <Input inputMode="decimal" suffix="元" placeholder="例如 6500.00" autoComplete="off" />
      </Form.Item>
      <Form.Item
        label="入职日期"
        name="entry_date"
        extra={limits ? `可选 ${limits.entry_date_from} 至 ${limits.entry_date_to}` : undefined}
        rules={[{ required: true, message: '请选择入职日期' }, fieldRule((date: Dayjs) => entryDateProblem(date, limits))]}
      >
        <DatePicker
          style={{ width: '100%' }}
          format={DATE_FORMAT}
          placeholder="选择入职日期"
          disabledDate={(date) => !!limits && entryDateProblem(date, limits) !== null}
        />
      </Form.Item>
    </>
  );
}
