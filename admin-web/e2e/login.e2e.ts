import { describe, expect, it } from 'vitest';
import { consoleUrl, credentialsOf, signedInPage, useBrowser } from './support/console-test';

describe('logging in to the HR console', () => {
  const browser = useBrowser();

  it('refuses a wrong password with the server’s message, then signs in and lands where the clerk was going', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(consoleUrl('/catalog/companies'));
    // Not signed in: the login page, remembering the page asked for.
    await page.waitForURL(/\/console\/login\?from=%2Fcatalog%2Fcompanies$/);

    const { username, password } = credentialsOf('super');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill('Wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    expect(page.url()).toContain('/console/login');

    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(consoleUrl('/catalog/companies'));
    await page.getByRole('button', { name: '账户菜单' }).waitFor();
    expect(await page.getByRole('button', { name: '账户菜单' }).textContent()).toContain('超级管理员');
    await context.close();
  });

  it('sends a clerk whose session ended mid-work to the login page, and back to the same filtered page after', async () => {
    const { page, context, api } = await signedInPage(browser(), 'zhang', '/applications?status=1');
    await page.locator('.ant-table-row').first().waitFor();
    // The session ends on the server (expired, or logged out elsewhere) while the queue is open.
    await api.request('POST', '/admin/logout');

    await page.getByRole('tab', { name: /待签约/ }).click();
    await page.waitForURL(/\/console\/login\?from=/);
    expect(new URL(page.url()).searchParams.get('from')).toBe('/applications?status=2');
    await page.getByText('登录已失效，请重新登录后继续').waitFor();

    const { username, password } = credentialsOf('zhang');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(consoleUrl('/applications?status=2'));
    await page.locator('.ant-table-row').first().waitFor();
    await context.close();
  });

  it('logs out from the account menu: the session is gone on the server too', async () => {
    const { page, context, api } = await signedInPage(browser(), 'super', '/');
    await page.getByRole('button', { name: '账户菜单' }).hover();
    await page.getByText('退出登录').click();
    await page.waitForURL(/\/console\/login\?from=%2F$/);
    await expect(api.request('GET', '/admin/companies')).rejects.toThrow(/HTTP 401/);
    await context.close();
  });
});
