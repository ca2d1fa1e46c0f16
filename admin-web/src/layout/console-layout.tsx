import { AuditOutlined, DashboardOutlined, DownOutlined, FileProtectOutlined, ApiOutlined, TeamOutlined, AppstoreOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { MenuProps } from 'antd';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { api } from '../api/request';
import { session } from '../api/session';
import { ChangePasswordDialog } from '../auth/change-password-dialog';
import { useAdmin } from '../auth/use-admin';

type MenuItem = Required<MenuProps>['items'][number] & { key: string };

/** The menu an admin of this role may use: an `hr` admin is not shown the super admin's pages. */
export function menuFor(role: 'super' | 'hr'): MenuItem[] {
  const items: MenuItem[] = [
    { key: '/', icon: <DashboardOutlined />, label: '工作台' },
    { key: '/applications', icon: <FileProtectOutlined />, label: '签约审核' },
    {
      key: '/catalog',
      icon: <AppstoreOutlined />,
      label: '基础资料',
      children: [
        { key: '/catalog/companies', label: '用人单位' },
        { key: '/catalog/work-positions', label: '岗位' },
        { key: '/catalog/dicts', label: '字典' },
        { key: '/catalog/contracts', label: '合同模板' },
      ],
    },
    { key: '/bridges', icon: <ApiOutlined />, label: '合作系统' },
  ];
  if (role === 'super') {
    items.push({ key: '/admin-users', icon: <TeamOutlined />, label: '管理员' }, { key: '/audit-logs', icon: <AuditOutlined />, label: '审计日志' });
  }
  return items;
}

/** The menu entry a path belongs to: `/applications/12` lights 签约审核. */
function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  const [first, second] = pathname.split('/').filter(Boolean);
  return first === 'catalog' && second ? `/catalog/${second}` : `/${first}`;
}

export function ConsoleLayout() {
  const admin = useAdmin()!;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [changingPassword, setChangingPassword] = useState(false);

  const logout = async () => {
    // The server ends the session; whatever it answers, this browser forgets it, and RequireSession
    // shows the login page, which returns to this page on the next login.
    await api('POST', '/admin/logout').catch(() => undefined);
    queryClient.clear();
    session.clear();
  };

  const key = selectedKey(pathname);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} breakpoint="lg" theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <Typography.Title level={5} style={{ padding: '20px 24px 8px', margin: 0 }}>
          秒云达 HR 后台
        </Typography.Title>
        <nav aria-label="主菜单">
          <Menu
            mode="inline"
            selectedKeys={[key]}
            defaultOpenKeys={key.startsWith('/catalog') ? ['/catalog'] : []}
            items={menuFor(admin.role)}
            onClick={({ key: target }) => void navigate(target)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 24px', display: 'flex', justifyContent: 'flex-end', borderBottom: '1px solid #f0f0f0' }}>
          <Dropdown
            menu={{
              items: [
                { key: 'password', label: '修改密码', onClick: () => setChangingPassword(true) },
                { key: 'logout', label: '退出登录', onClick: () => void logout() },
              ],
            }}
          >
            <Button type="text" aria-label="账户菜单">
              <Space>
                <UserOutlined />
                {admin.name || admin.username}
                <Typography.Text type="secondary">{admin.role === 'super' ? '超级管理员' : 'HR'}</Typography.Text>
                <DownOutlined />
              </Space>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
      <ChangePasswordDialog open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
