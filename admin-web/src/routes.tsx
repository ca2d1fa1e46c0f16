import type { QueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate, useLocation } from 'react-router';
import { onUnauthorized } from './api/request';
import { LoginPage } from './auth/login-page';
import { useAdmin } from './auth/use-admin';
import { ConsoleLayout } from './layout/console-layout';

/** The console is served under /console/ (vite's `base`); routes below are relative to it. */
export const CONSOLE_BASENAME = '/console';

/** Each page in its own chunk: the login page does not wait for the chart library or the tables. */
function page(load: () => Promise<{ default: ComponentType }>): ReactNode {
  const Page = lazy(load);
  return (
    <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
      <Page />
    </Suspense>
  );
}

/** Signed in, or off to the login page with where they were going. */
function RequireSession({ children }: { children: ReactNode }) {
  const admin = useAdmin();
  const location = useLocation();
  if (!admin) return <Navigate to={`/login?from=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return children;
}

/** A super admin's page: an `hr` admin has no menu entry for it, and a typed URL says so (the server refuses anyway). */
function RequireSuper({ children }: { children: ReactNode }) {
  return useAdmin()?.role === 'super' ? children : <Result status="403" title="无权访问" subTitle="此页面仅超级管理员可用" />;
}

export function createConsoleRouter(queryClient: QueryClient) {
  const router = createBrowserRouter(
    [
      { path: '/login', element: <LoginPage /> },
      {
        path: '/',
        element: (
          <RequireSession>
            <ConsoleLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: page(() => import('./pages/dashboard/dashboard-page')) },
          { path: 'applications', element: page(() => import('./pages/applications/application-queue-page')) },
          { path: 'applications/:id', element: page(() => import('./pages/applications/application-detail-page')) },
          { path: 'catalog/companies', element: page(() => import('./pages/catalog/companies-page')) },
          { path: 'catalog/work-positions', element: page(() => import('./pages/catalog/work-positions-page')) },
          { path: 'catalog/dicts', element: page(() => import('./pages/catalog/dicts-page')) },
          { path: 'catalog/contracts', element: page(() => import('./pages/catalog/contracts-page')) },
          { path: 'bridges', element: page(() => import('./pages/bridges/bridges-page')) },
          { path: 'admin-users', element: <RequireSuper>{page(() => import('./pages/admin-users/admin-users-page'))}</RequireSuper> },
          { path: 'audit-logs', element: <RequireSuper>{page(() => import('./pages/audit/audit-log-page'))}</RequireSuper> },
          { path: '*', element: <Result status="404" title="页面不存在" /> },
        ],
      },
    ],
    { basename: CONSOLE_BASENAME },
  );
  // A 401 mid-session (expired, logged out elsewhere): back to the login page, which returns here after.
  onUnauthorized(() => {
    queryClient.clear();
    // The router's own location carries the basename; `from` is a path inside the console, as useLocation gives it.
    const { pathname, search } = router.state.location;
    const inside = pathname.startsWith(CONSOLE_BASENAME) ? pathname.slice(CONSOLE_BASENAME.length) || '/' : pathname;
    if (inside !== '/login') void router.navigate(`/login?from=${encodeURIComponent(inside + search)}`, { replace: true });
  });
  return router;
}
