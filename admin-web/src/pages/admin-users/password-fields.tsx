import { Form, Input } from 'antd';
import { PASSWORD_RULES } from '../../auth/change-password-dialog';

/** `password` with the server's rule and `confirm`, typed twice: a new admin's initial password or a reset one. */
export function PasswordFields({ label, autoFocus }: { label: string; autoFocus?: boolean }) {
  return (
    <>
      <Form.Item label={label} name="password" rules={PASSWORD_RULES} hasFeedback extra="10–72 个字符，同时包含字母和数字">
        <Input.Password autoComplete="new-password" maxLength={72} autoFocus={autoFocus} />
      </Form.Item>
      <Form.Item
        label={`确认${label}`}
        name="confirm"
        dependencies={['password']}
        rules={[
          { required: true, message: `请再次输入${label}` },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={72} />
      </Form.Item>
    </>
  );
}
