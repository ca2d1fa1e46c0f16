import type { AdminChangePasswordRequest } from '@shanqian/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal } from 'antd';
import { api } from '../api/request';
import { showFormError } from '../components/form-errors';

interface Values extends AdminChangePasswordRequest {
  confirm: string;
}

/** The server's rule (config/load-app-config passwordProblem): 10-72 characters with letters and digits. */
export const PASSWORD_RULES = [
  { required: true, message: '请输入新密码' },
  { min: 10, max: 72, message: '密码长度应为 10-72 个字符' },
  { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: '密码应同时包含字母和数字' },
];

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const change = useMutation({
    mutationFn: ({ current_password, new_password }: Values) =>
      api<null>('POST', '/admin/password', { body: { current_password, new_password } satisfies AdminChangePasswordRequest }),
    onSuccess: () => {
      message.success('密码已修改');
      form.resetFields();
      onClose();
    },
    onError: (error) => {
      // A wrong current password is the likeliest refusal: show it on that field.
      const text = showFormError(form, error);
      if (text) form.setFields([{ name: 'current_password', errors: [text] }]);
    },
  });
  return (
    <Modal title="修改密码" open={open} onCancel={onClose} onOk={() => form.submit()} okText="保存" confirmLoading={change.isPending} destroyOnHidden>
      <Alert style={{ marginBottom: 16 }} type="info" showIcon title="修改后，其他设备上的登录将失效" />
      <Form form={form} layout="vertical" onFinish={(values) => change.mutate(values)}>
        <Form.Item label="当前密码" name="current_password" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" name="new_password" rules={PASSWORD_RULES} hasFeedback>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label="确认新密码"
          name="confirm"
          dependencies={['new_password']}
          rules={[
            { required: true, message: '请再次输入新密码' },
            ({ getFieldValue }) => ({
              validator: (_, value) => (!value || getFieldValue('new_password') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
