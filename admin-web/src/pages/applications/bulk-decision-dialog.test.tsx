import { type ApplicationRow, type BulkDecisionResponse, ErrorCode, SignApplicationStatus } from '@shanqian/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BulkDecisionDialog } from './bulk-decision-dialog';

const application = (id: number, name: string): ApplicationRow => ({
  id, employee_id: id, real_name: name, phone: '13700000000', id_number_masked: '1101**********0011', gender: 1, age: 30,
  company_id: 7, company_name: '闪签云示范科技有限公司', work_pos: '普工', handler_id: 2, handler_name: '张敏',
  status: SignApplicationStatus.Applied, status_label: '签约申请', reason: '', apply_time: '2026-11-20T02:00:00.000Z',
  entry_date: null, salary: '0.00', contract_id: null, verify_status: 2,
});

const APPLICATIONS = [application(1, '赵一鸣'), application(2, '钱二丽'), application(3, '孙三强')];

/** Each POST's body, and the answers to give, in order. */
let sent: { ids: number[]; reason: string }[];
let answers: (() => Response)[];
const envelope = (status: number, msg: string, data: unknown, http = 200) =>
  new Response(JSON.stringify({ status, msg, data }), { status: http, headers: { 'Content-Type': 'application/json' } });
const rejected = (id: number) => ({ id, ok: true as const, application: { ...application(id, ''), status: SignApplicationStatus.Rejected } });

beforeEach(() => {
  sent = [];
  answers = [];
  // The result table measures itself; jsdom has no layout to observe.
  vi.stubGlobal('ResizeObserver', class { observe() {} unobserve() {} disconnect() {} });
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)));
    return answers.shift()!();
  });
});
afterEach(() => vi.unstubAllGlobals());

function renderDialog(onClose = vi.fn(), applications = APPLICATIONS) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <BulkDecisionDialog kind="reject" applications={applications} onClose={onClose} />
      </App>
    </QueryClientProvider>,
  );
  return onClose;
}

const button = (name: RegExp) => screen.getByRole('button', { name });

async function confirmReason(reason: string) {
  fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: reason } });
  fireEvent.click(button(/下一步/));
  await screen.findByText(/请核对以上内容，确认后将驳回这 3 份申请/);
  fireEvent.click(button(/确认驳回/));
}

// antd's dialog and table render slowly in jsdom on a busy machine: more than the default 5 s each.
describe('the bulk decision dialog', { timeout: 30_000 }, () => {
  it('asks for the reason, confirms it, shows each refusal beside its name and retries only the failed ones', async () => {
    const onClose = renderDialog();
    fireEvent.click(button(/下一步/));
    await screen.findByText('请填写驳回原因');
    expect(sent).toHaveLength(0);

    answers.push(() =>
      envelope(0, '', {
        results: [
          rejected(1),
          { id: 2, ok: false, code: ErrorCode.ApplicationStatusConflict, msg: '签约申请当前状态为「待签约」，不能驳回' },
          { id: 3, ok: false, code: ErrorCode.ApplicationChanged, msg: '签约申请已被他人修改，请刷新后重试' },
        ],
        succeeded: 1,
        failed: 2,
      } satisfies BulkDecisionResponse),
    );
    await confirmReason('  岗位已招满 ');
    await screen.findByText('驳回成功 1 份，失败 2 份');
    expect(sent).toEqual([{ ids: [1, 2, 3], reason: '岗位已招满' }]);
    const rows = within(screen.getByRole('dialog')).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['1赵一鸣已驳回', '2钱二丽失败签约申请当前状态为「待签约」，不能驳回', '3孙三强失败签约申请已被他人修改，请刷新后重试']);

    answers.push(() => envelope(0, '', { results: [rejected(3)], succeeded: 1, failed: 0 } satisfies BulkDecisionResponse));
    fireEvent.click(button(/重试失败的 2 份/));
    await screen.findByText('驳回成功 2 份，失败 1 份');
    expect(sent[1]).toEqual({ ids: [2, 3], reason: '岗位已招满' });
    expect(screen.getByRole('button', { name: /重试失败的 1 份/ })).toBeInTheDocument();

    fireEvent.click(button(/完\s*成/));
    expect(onClose).toHaveBeenCalledWith([1, 3]);
  });

  it('keeps the confirmed terms after a network failure, so that 确认 sends them again', async () => {
    renderDialog();
    answers.push(() => {
      throw new TypeError('Failed to fetch');
    });
    await confirmReason('材料不全');
    await screen.findByText(/网络连接失败/);
    answers.push(() => envelope(0, '', { results: APPLICATIONS.map((a) => rejected(a.id)), succeeded: 3, failed: 0 } satisfies BulkDecisionResponse));
    fireEvent.click(button(/确认驳回/));
    await screen.findByText('驳回成功 3 份');
    expect(sent.map((body) => body.ids)).toEqual([[1, 2, 3], [1, 2, 3]]);
  });

  it('puts a refusal of the terms under their field, back on the first step', async () => {
    renderDialog();
    answers.push(() => envelope(ErrorCode.ValidationFailed, 'reason: 最多 256 个字', null, 400));
    await confirmReason('太长');
    await screen.findByText('最多 256 个字');
    expect(button(/下一步/)).toBeInTheDocument();
  });

  it('closes with a message when the only application is decided', async () => {
    const onClose = renderDialog(vi.fn(), [APPLICATIONS[0]]);
    expect(screen.getByText('驳回「赵一鸣」的申请')).toBeInTheDocument();
    answers.push(() => envelope(0, '', { results: [rejected(1)], succeeded: 1, failed: 0 } satisfies BulkDecisionResponse));
    fireEvent.change(screen.getByLabelText('驳回原因'), { target: { value: '岗位已招满' } });
    fireEvent.click(button(/下一步/));
    fireEvent.click(await screen.findByRole('button', { name: /确认驳回/ }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith([1]));
    await screen.findByText('已驳回「赵一鸣」的申请');
  });
});
