import {
  type ApplicationRow,
  type CancelApplicationRequest,
  ErrorCode,
  type RejectApplicationRequest,
  SignApplicationStatus,
} from '@shanqian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/request';
import { showFormError } from '../../components/form-errors';
import { ApproveFields, type ApproveFormValues, approveRequest } from './approve-fields';
import { APPLICATIONS_KEY } from './bulk-decision-dialog';

export type DecisionKind = 'approve' | 'reject' | 'cancel';

interface DecisionValues extends ApproveFormValues {
  reason?: string;
}

const REASON_MAX = 256;

const WORDS: Record<DecisionKind, { title: string; ok: string; done: string }> = {
  approve: { title: '审核通过', ok: '确认通过', done: '已审核通过，等待劳动者签署合同' },
  reject: { title: '驳回申请', ok: '确认驳回', done: '已驳回，劳动者将看到驳回原因' },
  cancel: { title: '取消申请', ok: '确认取消申请', done: '已取消申请' },
};

/** What HR may decide from a status, as the server's transition table allows it (application-status.ts). */
export const DECISIONS_FROM: Record<SignApplicationStatus, DecisionKind[]> = {
  [SignApplicationStatus.Applied]: ['approve', 'reject', 'cancel'],
  [SignApplicationStatus.PendingSignature]: ['cancel'],
  [SignApplicationStatus.Signed]: [],
  [SignApplicationStatus.Rejected]: [],
  [SignApplicationStatus.Cancelled]: [],
};

function body(kind: DecisionKind, values: DecisionValues) {
  const reason = values.reason?.trim();
  if (kind === 'approve') return approveRequest(values);
  if (kind === 'reject') return { reason: reason! } satisfies RejectApplicationRequest;
  return { reason: reason || null } satisfies CancelApplicationRequest;
}

/**
 * One HR decision on the application: approve (the contract's terms), reject (a reason, shown to the
 * worker) or cancel (an optional reason). A refusal naming a field is shown under it, any other
 * stays in the dialog, whose button tries again; on success every view of applications refreshes.
 */
export function DecisionDialog({ kind, application, onClose }: { kind: DecisionKind; application: ApplicationRow; onClose: () => void }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DecisionValues>();
  const [refusal, setRefusal] = useState<string | null>(null);
  const words = WORDS[kind];

  const decide = useMutation({
    mutationFn: (values: DecisionValues) => api<ApplicationRow>('POST', `/admin/applications/${application.id}/${kind}`, { body: body(kind, values) }),
    onMutate: () => setRefusal(null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      message.success(words.done);
      onClose();
    },
    onError: (error) => {
      setRefusal(showFormError(form, error));
      // Someone else decided meanwhile: the page behind shows the status as it now is.
      if (error instanceof ApiError && (error.code === ErrorCode.ApplicationStatusConflict || error.code === ErrorCode.ApplicationChanged)) {
        void queryClient.invalidateQueries({ queryKey: APPLICATIONS_KEY });
      }
    },
  });

  return (
    <Modal
      open
      title={`${words.title} · ${application.real_name}`}
      okText={words.ok}
      okButtonProps={{ danger: kind !== 'approve' }}
      cancelText="返回"
      confirmLoading={decide.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={kind === 'approve' ? 560 : 480}
    >
      <Typography.Paragraph type="secondary">
        {application.company_name} · {application.work_pos}
      </Typography.Paragraph>
      {kind === 'cancel' && (
        <Alert
          style={{ marginBottom: 16 }}
          type="warning"
          showIcon
          title={
            application.status === SignApplicationStatus.PendingSignature
              ? '取消后，待签署的合同作废，劳动者无法再签署。'
              : '取消后，劳动者可修改简历后重新提交申请。'
          }
        />
      )}
      <Form form={form} layout="vertical" onFinish={(values) => decide.mutate(values)} disabled={decide.isPending}>
        {kind === 'approve' ? (
          <ApproveFields companyId={application.company_id} />
        ) : (
          <Form.Item
            label={kind === 'reject' ? '驳回原因' : '取消原因'}
            name="reason"
            extra={kind === 'reject' ? '劳动者将在小程序中看到此原因' : '选填'}
            rules={[
              ...(kind === 'reject' ? [{ required: true, whitespace: true, message: '请填写驳回原因' }] : []),
              { max: REASON_MAX, message: `最多 ${REASON_MAX} 个字` },
            ]}
          >
            <Input.TextArea autoFocus rows={3} showCount maxLength={REASON_MAX} placeholder={kind === 'reject' ? '例如：身份证照片不清晰，请重新上传' : undefined} />
          </Form.Item>
        )}
      </Form>
      {refusal && <Alert type="error" showIcon title={`${words.title}失败`} description={refusal} />}
    </Modal>
  );
}
