import { SIGN_APPLICATION_STATUS_LABELS, SignApplicationStatus, type ApplicationStats, type AuditLogRow, type Page as ListPage } from '@shanqian/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SUPER_ADMIN } from './support/console-server';
import { adminApi, consoleFixture, signedInPage, useBrowser } from './support/console-test';

const STATUSES = Object.values(SignApplicationStatus).filter((status): status is SignApplicationStatus => typeof status === 'number');

/** A dashboard figure as the page shows it: the number its link names. */
const figure = async (page: Page, title: string) => Number(/ (\d+)( 份)?，查看列表$/.exec((await page.getByRole('link', { name: new RegExp(`^${title} \\d+`) }).getAttribute('aria-label')) ?? '')?.[1]);

/** What the status panel shows: each status's count. */
const statusCounts = (page: Page) => Promise.all(STATUSES.map((status) => figure(page, SIGN_APPLICATION_STATUS_LABELS[status])));

describe('the dashboard (工作台) and the audit log (审计日志)', () => {
  const browser = useBrowser();

  it('shows the seeded figures and the 30-day chart, an hr admin only theirs, and links to the queue filtered', async () => {
    const superStats = await (await adminApi('super')).request<ApplicationStats>('GET', '/admin/applications/stats');
    // The seeding applied every application today, approved some and rejected one.
    expect(superStats.new_today).toBeGreaterThanOrEqual(consoleFixture().demo.applications.length);
    expect(superStats.by_status[SignApplicationStatus.PendingSignature]).toBeGreaterThan(0);

    const { page, context } = await signedInPage(browser(), 'super', '/');
    await page.getByRole('link', { name: /^今日新增申请 \d+/ }).waitFor();
    expect(await figure(page, '今日新增申请')).toBe(superStats.new_today);
    expect(await figure(page, '待审核超过 24 小时')).toBe(0);
    expect(await statusCounts(page)).toEqual(STATUSES.map((status) => superStats.by_status[status]));
    await page.getByText(`共 ${superStats.total} 份`).waitFor();

    // recharts draws one line per series, over the 30 days, with the series' names in the legend.
    const chart = page.getByRole('figure', { name: /^近 30 天共提交申请 \d+ 份/ });
    // A line of zeros lies flat on the axis, no height: attached, not "visible".
    await chart.locator('svg .recharts-line-curve').nth(1).waitFor({ state: 'attached' });
    expect(await chart.locator('svg .recharts-line-curve').count()).toBe(2);
    // A dot per day on each line, drawn once the lines' animation ends.
    await expect.poll(() => chart.locator('svg .recharts-line-dot').count()).toBe(60);
    expect(await chart.locator('.recharts-legend-item-text').allTextContents()).toEqual(['提交申请', '签约']);

    await page.getByRole('link', { name: /^待审核超过 24 小时/ }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/applications') && url.searchParams.get('status') === '1' && url.searchParams.get('sort') === 'apply_time');
    await context.close();

    const zhang = await signedInPage(browser(), 'zhang', '/');
    const zhangStats = await zhang.api.request<ApplicationStats>('GET', '/admin/applications/stats');
    expect(zhangStats.total).toBeLessThan(superStats.total);
    await zhang.page.getByRole('link', { name: /^今日新增申请 \d+/ }).waitFor();
    expect(await statusCounts(zhang.page)).toEqual(STATUSES.map((status) => zhangStats.by_status[status]));
    await zhang.page.getByText('您可查看的签约申请').waitFor();
    await zhang.context.close();
  });

  it('lists the admin’s logins and filters by action, the filter kept in the address', async () => {
    // A failed login under a name no admin has: an entry without an admin.
    const failed = await fetch(`${consoleFixture().baseUrl}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-platform-code': 'admin' },
      body: JSON.stringify({ username: 'nobody_e2e', password: 'Wrong-password-1' }),
    });
    expect(failed.status).toBe(401);

    const { page, context, api } = await signedInPage(browser(), 'super', '/audit-logs');
    const rows = page.locator('.ant-table-tbody .ant-table-row');
    await rows.first().waitFor();
    const [newest] = (await api.request<ListPage<AuditLogRow>>('GET', '/admin/audit-logs?page_size=1')).list;
    // This very session's login is the newest entry.
    expect(newest).toMatchObject({ action: 'admin.login', admin_username: SUPER_ADMIN.username });
    await expect(rows.first().textContent()).resolves.toMatch(new RegExp(`${SUPER_ADMIN.username}登录admin\\.login`));

    await page.getByRole('combobox', { name: '操作' }).click();
    await page.getByRole('combobox', { name: '操作' }).fill('登录失败');
    await page.locator('.ant-select-item-option', { hasText: '登录失败' }).click();
    await page.getByRole('button', { name: /^查\s*询$/ }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'admin.login_failed');
    await page.getByRole('row', { name: /nobody_e2e（未知）/ }).waitFor();
    await expect.poll(() => rows.locator('td:nth-child(4)').allTextContents()).toSatisfy((cells: string[]) => cells.length > 0 && cells.every((cell) => cell.startsWith('登录失败')));

    // A reload shows the same filter; an entry with a detail opens to its JSON.
    await page.goto(`${consoleFixture().baseUrl}/console/audit-logs?action=admin_user.update`);
    await page.getByRole('row', { name: /修改管理员/ }).first().waitFor();
    await page.locator('[title="修改管理员"]').first().waitFor();
    await page.getByRole('button', { name: /展开行|Expand row/ }).first().click();
    await page.getByLabel(/^第 \d+ 条记录的详情$/).waitFor();
    await context.close();
  });
});
