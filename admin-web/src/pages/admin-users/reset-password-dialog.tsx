import type { AdminPasswordResetRequest, AdminUserRow } from '@shanqian/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Modal } from 'antd';
import { useId, useState } from 'react';
import { api } from '../../api/request';
import { showFormError } from '../../components/form-errors';
import { PasswordFields } from './password-fields';

/**
 * A new password for another admin, and nothing else (POST /admin/users/:id/password: what another
 * super admin changed meanwhile stays); the server ends every session of that admin at once.
 */
export function ResetPasswordDialog({ admin, open, onClose }: { admin: AdminUserRow; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const formId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const reset = useMutation({
    mutationFn: ({ password }: { password: string }) =>
      api<AdminUserRow>('POST', `/admin/users/${admin.id}/password`, { body: { password } satisfies AdminPasswordResetRequest }),
    onMutate: () => setProblem(null),
    onSuccess: (row) => {
      message.success(`已重置「${row.name ?? row.username}」的密码，其登录已全部失效`);
      void queryClient.invalidateQueries({ queryKey: ['/admin/users'] });
      onClose();
    },
    onError: (error) => setProblem(showFormError(form, error)),
  });
  return (
    <Modal
      title={`重置密码 · ${admin.name ?? admin.username}（${admin.username}）`}
      open={open}
      onCancel={onClose}
      okText="重置密码"
      okButtonProps={{ htmlType: 'submit', form: formId, danger: true }}
      confirmLoading={reset.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="重置后，该管理员在所有设备上的登录立即失效"
        description="请通过安全的方式把新密码告知本人，并提醒其登录后在右上角“修改密码”中改为自己的密码。"
      />
      {problem && <Alert role="alert" type="error" showIcon title={problem} style={{ marginBottom: 16 }} />}
      <Form id={formId} form={form} layout="vertical" onFinish={(values) => reset.mutate(values)}>
        <PasswordFields label="新密码" autoFocus />
      </Form>
    </Modal>
  );
}
