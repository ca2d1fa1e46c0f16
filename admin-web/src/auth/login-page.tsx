import type { AdminLoginRequest, AdminLoginResponse } from '@shanqian/shared';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../api/request';
import { session } from '../api/session';
import { errorText } from '../components/form-errors';
import { useAdmin } from './use-admin';

/** Only a path of this console: `from` comes from the address bar and must not send HR to another site. */
export function safeReturnPath(from: string | null): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/';
}

export function LoginPage() {
  const [form] = Form.useForm<AdminLoginRequest>();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const admin = useAdmin();
  const returnTo = safeReturnPath(params.get('from'));
  const login = useMutation({
    mutationFn: (body: AdminLoginRequest) => api<AdminLoginResponse>('POST', '/admin/login', { body }),
    onSuccess: ({ token, admin }) => {
      session.start(token, admin);
      void navigate(returnTo, { replace: true });
    },
  });
  if (admin && !login.isPending) return <Navigate to={returnTo} replace />;
  // Wrong password, lockout after repeated failures, a disabled account: the server's own words.
  const failure = login.error ? errorText(login.error) : null;

  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          秒云达 HR 后台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          闪签云 · 签约申请审核
        </Typography.Paragraph>
        {params.get('from') && !login.error && (
          <Alert style={{ marginBottom: 16 }} type="info" showIcon title="登录已失效，请重新登录后继续" />
        )}
        {failure && <Alert role="alert" style={{ marginBottom: 16 }} type="error" showIcon title={failure} />}
        <Form form={form} layout="vertical" onFinish={(values) => login.mutate(values)} requiredMark={false}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input autoComplete="username" autoFocus maxLength={32} />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={72} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  );
}
