import type { ApprovalSettings, ApproveApplicationRequest, ContractRow, Page } from '@shanqian/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App, Button, Form } from 'antd';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApproveFields, type ApproveFormValues, approveRequest, entryDateProblem, salaryProblem } from './approve-fields';

const SETTINGS: ApprovalSettings = {
  entry_date_past_days: 30,
  entry_date_future_days: 365,
  entry_date_from: '2026-05-02',
  entry_date_to: '2027-06-01',
  salary_min: '1000.00',
  salary_max: '1000000.00',
};

const contract = (id: number, name: string): ContractRow => ({
  id, contract_name: name, contract_body: '闪签云示范科技有限公司', company_id: 7, company_name: '示范', sign_year: 3, status: 1,
  file_sha256: null, created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z',
});

let contracts: ContractRow[];
const requested: string[] = [];

beforeEach(() => {
  contracts = [contract(11, '劳动合同（标准版）'), contract(12, '劳务合同')];
  requested.length = 0;
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    const data = url.startsWith('/admin/settings/approval')
      ? SETTINGS
      : ({ list: contracts, page: 1, pageSize: 100, total: 1, count: contracts.length } satisfies Page<ContractRow>);
    return new Response(JSON.stringify({ status: 0, msg: 'ok', data }), { headers: { 'Content-Type': 'application/json' } });
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderForm(onSubmit: (body: ApproveApplicationRequest) => void) {
  function Harness() {
    const [form] = Form.useForm<ApproveFormValues>();
    return (
      <Form form={form} layout="vertical" onFinish={(values) => onSubmit(approveRequest(values))}>
        <ApproveFields companyId={7} />
        <Button htmlType="submit">确认通过</Button>
      </Form>
    );
  }
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <Harness />
      </App>
    </QueryClientProvider>,
  );
}

/** The messages shown under the fields. */
const fieldErrors = () => [...document.querySelectorAll('.ant-form-item-explain-error')].map((node) => node.textContent);

// jsdom has no ResizeObserver, which the Select's and the DatePicker's popups observe.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

// fireEvent rather than user-event: its pointer checks read antd's CSS-in-JS styles, seconds per click in jsdom.
describe('the approve fields', { timeout: 20_000 }, () => {
  it('require a contract, a salary and an entry date, and list only the company\'s enabled templates', async () => {
    const submit = vi.fn();
    renderForm(submit);
    await screen.findByText('1000.00 – 1000000.00 元，最多两位小数');
    fireEvent.click(screen.getByRole('button', { name: '确认通过' }));
    await waitFor(() => expect(fieldErrors()).toEqual(['请选择合同模板', '请输入月薪', '请选择入职日期']));
    expect(submit).not.toHaveBeenCalled();
    expect(requested).toContain('/admin/contracts?company_id=7&status=1&page_size=100');
    expect(screen.getByText('可选 2026-05-02 至 2027-06-01')).toBeInTheDocument();
  });

  it('show under the salary why the server would refuse it', async () => {
    renderForm(vi.fn());
    await screen.findByText('1000.00 – 1000000.00 元，最多两位小数');
    const salary = screen.getByLabelText('月薪');
    for (const [typed, problem] of [
      ['12.345', '应为最多两位小数的金额'],
      ['999.99', '应在 1000.00 到 1000000.00 元之间'],
    ]) {
      fireEvent.change(salary, { target: { value: typed } });
      await waitFor(() => expect(fieldErrors()).toEqual([problem]));
    }
    fireEvent.change(salary, { target: { value: '1000' } });
    await waitFor(() => expect(fieldErrors()).toEqual([]));
  });

  it('send the terms as the server reads them once every field passes', async () => {
    const submit = vi.fn();
    renderForm(submit);
    fireEvent.mouseDown(await screen.findByRole('combobox', { name: '合同模板' }));
    fireEvent.click(await screen.findByText('劳务合同（闪签云示范科技有限公司，3 年）'));
    fireEvent.change(screen.getByLabelText('月薪'), { target: { value: ' 6500.5 ' } });
    const date = screen.getByLabelText('入职日期');
    fireEvent.mouseDown(date);
    fireEvent.change(date, { target: { value: '2026-06-15' } });
    fireEvent.keyDown(date, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: '确认通过' }));
    await waitFor(() => expect(submit).toHaveBeenCalledWith({ contract_id: 12, salary: '6500.5', entry_date: '2026-06-15' }));
  });

  it('choose the only enabled template for the clerk', async () => {
    contracts = [contract(11, '劳动合同（标准版）')];
    renderForm(vi.fn());
    const picker = (await screen.findByRole('combobox', { name: '合同模板' })).closest('.ant-select')!;
    await waitFor(() => expect(within(picker as HTMLElement).getByText('劳动合同（标准版）（闪签云示范科技有限公司，3 年）')).toBeInTheDocument());
  });
});

describe('the approval rules', () => {
  it('accept entry dates inside the server\'s window only, both ends included', () => {
    const day = (text: string) => dayjs(text);
    expect(entryDateProblem(day('2026-05-02'), SETTINGS)).toBeNull();
    expect(entryDateProblem(day('2027-06-01'), SETTINGS)).toBeNull();
    expect(entryDateProblem(day('2026-05-01'), SETTINGS)).toBe('应在 2026-05-02 到 2027-06-01 之间');
    expect(entryDateProblem(day('2027-06-02'), SETTINGS)).toBe('应在 2026-05-02 到 2027-06-01 之间');
  });

  it('compare salaries in whole fen, as the server does', () => {
    for (const text of ['12.345', '-5', '6,500', '1e4', '']) expect(salaryProblem(text, SETTINGS)).toBe('应为最多两位小数的金额');
    expect(salaryProblem('999.99', SETTINGS)).toBe('应在 1000.00 到 1000000.00 元之间');
    expect(salaryProblem('1000000.01', SETTINGS)).toBe('应在 1000.00 到 1000000.00 元之间');
    expect(salaryProblem('1000', SETTINGS)).toBeNull();
    expect(salaryProblem('1000000.00', SETTINGS)).toBeNull();
    expect(salaryProblem('0', undefined)).toBe('应大于 0');
    expect(salaryProblem('0.00', SETTINGS)).toBe('应大于 0');
    expect(salaryProblem('12345678901234', undefined)).toBe('应为最多两位小数的金额');
  });
});
