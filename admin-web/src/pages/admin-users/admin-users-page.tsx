import type { AdminRole, AdminUserCreateRequest, AdminUserFields, AdminUserRow } from '@shanqian/shared';
import { Button, Form, Input, Select, Switch, Tag } from 'antd';
import { useState } from 'react';
import { useAdmin } from '../../auth/use-admin';
import { CatalogTable, duplicateUnder, formatTime, saveRecord } from '../catalog/catalog-table';
import { PasswordFields } from './password-fields';
import { ResetPasswordDialog } from './reset-password-dialog';

const RESOURCE = '/admin/users';

const ROLE_LABELS: Record<AdminRole, string> = { super: '超级管理员', hr: 'HR' };
const ROLE_OPTIONS = (Object.keys(ROLE_LABELS) as AdminRole[]).map((role) => ({ value: role, label: ROLE_LABELS[role] }));

type AdminUserValues = Partial<AdminUserCreateRequest> & AdminUserFields;

/** The grant only matters to an hr admin: a super admin sees every application anyway. */
function ViewAllField() {
  const role = Form.useWatch<AdminRole | undefined>('role');
  if (role !== 'hr') return null;
  return (
    <Form.Item label="查看全部签约申请" name="view_all_applications" valuePropName="checked" extra="关闭时只能查看和审核分配给本人的申请">
      <Switch checkedChildren="全部" unCheckedChildren="仅本人" />
    </Form.Item>
  );
}

const fieldsOf = (values: AdminUserValues): AdminUserFields => ({
  name: values.name.trim(),
  phone: values.phone?.trim() || null,
  email: values.email?.trim() || null,
  role: values.role,
  view_all_applications: values.role === 'hr' ? !!values.view_all_applications : false,
});

/** Back-office accounts: a super admin's page (routes.tsx answers 403 to others, the server refuses them too). */
export default function AdminUsersPage() {
  const me = useAdmin();
  const [resetting, setResetting] = useState<{ open: boolean; admin: AdminUserRow | null; key: number }>({ open: false, admin: null, key: 0 });
  const isMe = (row: AdminUserRow) => row.id === me?.id;
  return (
    <>
      <CatalogTable<AdminUserRow, AdminUserValues>
        resource={RESOURCE}
        title="管理员"
        intro="后台账号。HR 审核分配给自己的签约申请（授权后可查看全部）；超级管理员还管理基础资料、印章授权、管理员和审计日志。启用的 HR 同时是小程序中可选的经办人。"
        noun="管理员"
        nameOf={(row) => row.name ?? row.username}
        keywordPlaceholder="用户名、姓名或手机号"
        filters={[
          {
            name: 'role',
            render: (value, onChange) => (
              <Select aria-label="角色" placeholder="全部角色" allowClear style={{ width: 140 }} value={value} onChange={(role?: string) => onChange(role)} options={ROLE_OPTIONS} />
            ),
          },
        ]}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'name', render: (name: string | null, row) => (isMe(row) ? `${name ?? '—'}（我）` : (name ?? '—')) },
          { title: '角色', dataIndex: 'role', width: 110, render: (role: AdminRole) => <Tag color={role === 'super' ? 'geekblue' : undefined}>{ROLE_LABELS[role]}</Tag> },
          {
            title: '可查看的申请',
            key: 'scope',
            width: 120,
            render: (_, row) => (row.role === 'super' || row.view_all_applications ? '全部' : '分配给本人的'),
          },
          {
            title: '联系方式',
            key: 'contact',
            render: (_, row) => (row.phone || row.email ? [row.phone, row.email].filter(Boolean).map((line) => <div key={line}>{line}</div>) : '—'),
          },
          { title: '创建时间', dataIndex: 'created_at', width: 150, render: formatTime },
        ]}
        disableNote="停用后该管理员立即退出登录，且不能再登录；其经手的申请和审计记录保留。"
        // Someone must always be able to manage the back office: nobody disables themselves (the server refuses it too).
        canSwitch={(row) => !isMe(row)}
        actionsWidth={190}
        rowActions={(row) =>
          isMe(row) ? null : (
            <Button type="link" size="small" onClick={() => setResetting((current) => ({ open: true, admin: row, key: current.key + 1 }))}>
              重置密码
            </Button>
          )
        }
        editor={{
          width: 560,
          initialValues: (row) =>
            row
              ? { name: row.name ?? '', phone: row.phone ?? '', email: row.email ?? '', role: row.role, view_all_applications: row.view_all_applications }
              : { role: 'hr', view_all_applications: false },
          fieldOf: duplicateUnder('username'),
          save: (values, row) =>
            saveRecord<AdminUserRow>(RESOURCE, row, row ? fieldsOf(values) : ({ ...fieldsOf(values), username: values.username!.trim(), password: values.password! } satisfies AdminUserCreateRequest)),
          fields: (row) => (
            <>
              <Form.Item
                label="用户名"
                name="username"
                hidden={!!row}
                extra="登录用，创建后不能修改；不区分大小写"
                rules={row ? [] : [{ required: true, message: '请输入用户名' }, { pattern: /^[A-Za-z0-9_.@-]{3,32}$/, message: '应为 3 到 32 位字母、数字或 _ . @ -' }]}
              >
                <Input maxLength={32} autoComplete="off" autoFocus={!row} />
              </Form.Item>
              <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, { max: 16, message: '最多 16 个字' }]}>
                <Input maxLength={16} autoFocus={!!row} />
              </Form.Item>
              <Form.Item label="手机号" name="phone" rules={[{ pattern: /^\s*1[3-9]\d{9}\s*$/, message: '应为 11 位中国大陆手机号' }]}>
                <Input maxLength={11} inputMode="tel" />
              </Form.Item>
              <Form.Item label="邮箱" name="email" rules={[{ type: 'email', message: '应为邮箱地址' }, { max: 32, message: '最多 32 个字符' }]}>
                <Input maxLength={32} inputMode="email" />
              </Form.Item>
              <Form.Item
                label="角色"
                name="role"
                rules={[{ required: true, message: '请选择角色' }]}
                extra={row && isMe(row) ? '不能取消自己的超级管理员角色' : undefined}
              >
                <Select options={ROLE_OPTIONS} disabled={!!row && isMe(row)} />
              </Form.Item>
              <ViewAllField />
              {!row && <PasswordFields label="初始密码" />}
            </>
          ),
        }}
      />
      {resetting.admin && (
        <ResetPasswordDialog
          key={resetting.key}
          admin={resetting.admin}
          open={resetting.open}
          onClose={() => setResetting((current) => ({ ...current, open: false }))}
        />
      )}
    </>
  );
}
