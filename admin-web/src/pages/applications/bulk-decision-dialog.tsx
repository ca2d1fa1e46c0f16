import type {
  ApplicationRow,
  ApproveApplicationRequest,
  BulkApproveRequest,
  BulkDecisionOutcome,
  BulkDecisionResponse,
  BulkRejectRequest,
  RejectApplicationRequest,
} from '@shanqian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, ConfigProvider, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/request';
import { errorText, showFormError } from '../../components/form-errors';
import { ApproveFields, type ApproveFormValues, approveRequest } from './approve-fields';
import { ToneTag } from './queue-status-tag';

export type BulkDecisionKind = 'approve' | 'reject';

interface RejectFormValues {
  reason?: string;
}

type Step = 'terms' | 'confirm' | 'result';
/** What the clerk confirmed, sent again as it was when the failed ones are retried. */
type Terms = ApproveApplicationRequest | RejectApplicationRequest;

const VERB: Record<BulkDecisionKind, string> = { approve: '通过', reject: '驳回' };
const REASON_MAX = 256;

/** The confirmation shows the terms in their fields, locked: in full-strength text, since they are what the clerk checks. */
const LOCKED_BUT_READABLE = { token: { colorTextDisabled: 'rgba(0, 0, 0, 0.88)', colorBgContainerDisabled: '#fafafa' } };
/** An empty theme rather than none: the same providers either way, so the fields (and their errors) stay mounted. */
const EDITABLE = { token: {} };

/** Every query that shows an application: the queue, the detail page, the dashboard's counts. */
export const APPLICATIONS_KEY = ['admin', 'applications'] as const;

/**
 * Approves (one contract, salary and entry date for all) or rejects (one reason) the chosen
 * applications: the terms, a confirmation of them, then what became of each application, with the
 * failed ones offered again. All of one company for an approval: the caller checks that.
 */
export function BulkDecisionDialog(props: {
  kind: BulkDecisionKind;
  applications: ApplicationRow[];
  /** With the ids decided, which the caller no longer keeps selected. */
  onClose: (decided: number[]) => void;
}) {
  const { kind, applications } = props;
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ApproveFormValues & RejectFormValues>();
  const [step, setStep] = useState<Step>('terms');
  const [terms, setTerms] = useState<Terms | null>(null);
  /** Each application's latest outcome, kept across retries. */
  const [outcomes, setOutcomes] = useState<Map<number, BulkDecisionOutcome>>(new Map());
  const verb = VERB[kind];
  const single = applications.length === 1 ? applications[0] : null;
  const decidedIn = (results: Map<number, BulkDecisionOutcome>) => [...results.values()].filter((outcome) => outcome.ok).map((outcome) => outcome.id);
  const onClose = () => props.onClose(decidedIn(outcomes));

  const decide = useMutation({
    mutationFn: (ids: number[]) =>
      kind === 'approve'
        ? api<BulkDecisionResponse>('POST', '/admin/applications/bulk-approve', { body: { ...(terms as ApproveApplicationRequest), ids } satisfies BulkApproveRequest })
        : api<BulkDecisionResponse>('POST', '/admin/applications/bulk-reject', { body: { ...(terms as RejectApplicationRequest), ids } satisfies BulkRejectRequest }),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      const next = new Map(outcomes);
      for (const outcome of answer.results) next.set(outcome.id, outcome);
      setOutcomes(next);
      if (single && answer.failed === 0) {
        message.success(`已${verb}「${single.real_name}」的申请`);
        props.onClose(decidedIn(next));
      } else setStep('result');
    },
    onError: (error) => {
      // A refusal of the terms themselves (salary out of range…) goes back under its field; anything else stays here to retry.
      if (error instanceof ApiError && error.field) {
        setStep('terms');
        const leftover = showFormError(form, error);
        if (leftover) message.error(leftover);
      }
    },
  });

  const failed = [...outcomes.values()].filter((outcome) => !outcome.ok).map((outcome) => outcome.id);
  const succeeded = outcomes.size - failed.length;
  const title = single ? `${verb}「${single.real_name}」的申请` : `批量${verb}（${applications.length} 份申请）`;

  const footer = {
    terms: [
      <Button key="cancel" onClick={onClose}>
        取消
      </Button>,
      // Not the form's submit button: Enter in the date picker would confirm the date and leave the step at once.
      <Button key="next" type="primary" onClick={() => form.submit()}>
        下一步
      </Button>,
    ],
    confirm: [
      <Button key="back" disabled={decide.isPending} onClick={() => setStep('terms')}>
        返回修改
      </Button>,
      <Button key="go" type="primary" danger={kind === 'reject'} loading={decide.isPending} onClick={() => decide.mutate(applications.map((a) => a.id))}>
        确认{verb}
      </Button>,
    ],
    result: [
      failed.length > 0 && (
        <Button key="retry" loading={decide.isPending} onClick={() => decide.mutate(failed)}>
          重试失败的 {failed.length} 份
        </Button>
      ),
      <Button key="done" type="primary" disabled={decide.isPending} onClick={onClose}>
        完成
      </Button>,
    ],
  }[step];

  return (
    <Modal
      open
      title={title}
      width={kind === 'approve' || step === 'result' ? 680 : 560}
      onCancel={() => !decide.isPending && onClose()}
      mask={{ closable: false }}
      keyboard={!decide.isPending}
      footer={footer}
      destroyOnHidden
    >
      {step !== 'result' && (
        <>
          <ApplicationNames applications={applications} />
          <ConfigProvider theme={step === 'confirm' ? LOCKED_BUT_READABLE : EDITABLE}>
            <Form
              form={form}
              name={`bulk-${kind}`}
              layout="vertical"
              disabled={step === 'confirm'}
              onFinish={(values) => {
                decide.reset();
                setTerms(kind === 'approve' ? approveRequest(values) : { reason: values.reason!.trim() });
                setStep('confirm');
              }}
            >
              {kind === 'approve' ? (
                <ApproveFields companyId={applications[0].company_id} />
              ) : (
                <Form.Item
                  label="驳回原因"
                  name="reason"
                  extra="工人在小程序中会看到这段原因"
                  rules={[{ required: true, whitespace: true, message: '请填写驳回原因' }]}
                >
                  <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder="例如：身份证照片不清晰，请重新上传" />
                </Form.Item>
              )}
            </Form>
          </ConfigProvider>
          {step === 'confirm' && !decide.isError && (
            <Alert
              type={kind === 'reject' ? 'warning' : 'info'}
              showIcon
              title={`请核对以上内容，确认后将${verb}这 ${applications.length} 份申请`}
              description={kind === 'approve' ? '每位工人将按此合同、月薪和入职日期签约。' : '驳回原因会展示给每位工人，工人可修改资料后重新提交。'}
            />
          )}
          {step === 'confirm' && decide.isError && (
            <Alert type="error" showIcon title={`${verb}没有完成`} description={`${errorText(decide.error)}。可再次点击“确认${verb}”重试。`} />
          )}
        </>
      )}
      {step === 'result' && (
        <DecisionResults applications={applications} outcomes={outcomes} succeeded={succeeded} failed={failed.length} verb={verb} retryError={decide.isError ? decide.error : null} />
      )}
    </Modal>
  );
}

/** Who is being decided, so the clerk confirms the right people. */
function ApplicationNames({ applications }: { applications: ApplicationRow[] }) {
  return (
    <div style={{ marginBottom: 16 }}>
      <Typography.Text type="secondary">
        {applications[0].company_name} · {applications.length} 份申请：
      </Typography.Text>
      <div style={{ maxHeight: 96, overflowY: 'auto', marginTop: 4 }}>
        {applications.map((a) => (
          <Tag key={a.id}>
            {a.real_name}（#{a.id}）
          </Tag>
        ))}
      </div>
    </div>
  );
}

function DecisionResults(props: {
  applications: ApplicationRow[];
  outcomes: Map<number, BulkDecisionOutcome>;
  succeeded: number;
  failed: number;
  verb: string;
  retryError: unknown;
}) {
  const { applications, outcomes, succeeded, failed, verb, retryError } = props;
  // Every application was sent once before this step shows, so each has an outcome.
  const rows = applications.map((application) => ({ application, outcome: outcomes.get(application.id)! }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert
        type={failed ? (succeeded ? 'warning' : 'error') : 'success'}
        showIcon
        title={`${verb}成功 ${succeeded} 份${failed ? `，失败 ${failed} 份` : ''}`}
        description={failed ? '失败的申请保持原状态；处理原因后可重试。' : undefined}
      />
      {retryError !== null && <Alert type="error" showIcon title="重试没有完成" description={errorText(retryError)} />}
      <Table
        size="small"
        rowKey={(row) => row.application.id}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 320 }}
        columns={[
          { title: '申请编号', width: 90, render: (_, row) => row.application.id },
          { title: '姓名', width: 100, render: (_, row) => row.application.real_name },
          {
            title: '结果',
            render: (_, { outcome }) =>
              outcome.ok ? (
                <ToneTag tone="success">已{verb}</ToneTag>
              ) : (
                <Space size={4} wrap>
                  <ToneTag tone="error">失败</ToneTag>
                  <Typography.Text>{outcome.msg}</Typography.Text>
                </Space>
              ),
          },
        ]}
      />
    </Space>
  );
}
