import type { CompanySealRow, ContractRow, Page } from '@shanqian/shared';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleFixture, consoleUrl, credentialsOf, signedInPage, useBrowser } from './support/console-test';
import { contractPdf } from './support/demo-data';

describe('the catalog pages', () => {
  const browser = useBrowser();

  it('lets a super admin upload a contract template and open it, then create a company and authorize its seal', async () => {
    const { page, context, api } = await signedInPage(browser(), 'super', '/catalog/contracts');
    const company = consoleFixture().demo.companies[2];
    const templateName = `装卸工合同${Date.now() % 100000}`;
    const pdfPath = join(tmpdir(), `${templateName}.pdf`);
    await writeFile(pdfPath, await contractPdf('Loader contract'));

    await page.getByRole('button', { name: '新建合同模板' }).first().click();
    const form = page.getByRole('dialog', { name: '新建合同模板' });
    await form.getByLabel('合同名称').fill(templateName);
    await form.getByLabel('合同主体').fill(company.name);
    await form.getByLabel('用人单位').fill(company.name.slice(0, 4));
    await page.locator('.ant-select-item-option', { hasText: company.name }).waitFor();
    await page.keyboard.press('Enter');
    await form.locator('input[type=file]').setInputFiles(pdfPath);
    await form.getByRole('button', { name: /新\s*建/ }).click();
    await page.getByText(`已新建合同模板「${templateName}」`).waitFor();

    const row = page.getByRole('row', { name: new RegExp(templateName) });
    await row.waitFor();
    expect(await row.textContent()).toContain(company.name);
    const stored = await api.request<Page<ContractRow>>('GET', `/admin/contracts?keyword=${encodeURIComponent(templateName)}`);
    expect(stored.list).toEqual([expect.objectContaining({ contract_name: templateName, company_id: company.id, sign_year: 3, status: 1 })]);

    // 预览 opens the template's expiring link in a new tab, which answers the PDF.
    const pdfAnswer = context.waitForEvent('response', (response) => response.url().includes('/image/'));
    const [tab] = await Promise.all([context.waitForEvent('page'), row.getByRole('button', { name: '预览' }).click()]);
    expect((await pdfAnswer).headers()['content-type']).toBe('application/pdf');
    await tab.close();

    // A new company, then its seal drawer: the preview loads with the session, the authorization asks for the password again.
    const companyName = `码头装卸服务有限公司${Date.now() % 100000}`;
    await page.getByRole('menuitem', { name: '用人单位' }).click();
    await page.getByRole('button', { name: '新建用人单位' }).first().click();
    await page.getByRole('dialog', { name: '新建用人单位' }).getByLabel('单位名称').fill(companyName);
    await page.keyboard.press('Enter');
    await page.getByText(`已新建用人单位「${companyName}」`).waitFor();
    await page.getByLabel('关键词').fill(companyName);
    await page.keyboard.press('Enter');
    await page.getByRole('row', { name: new RegExp(companyName) }).getByRole('button', { name: '印章与证书' }).click();

    const drawer = page.getByRole('dialog', { name: new RegExp(`印章与证书 · ${companyName}`) });
    const seal = drawer.getByRole('img', { name: `${companyName}的印章预览` });
    await seal.waitFor();
    await expect.poll(() => seal.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    await drawer.getByText('未授权', { exact: true }).waitFor();

    await drawer.getByRole('button', { name: /授权自动盖章/ }).click();
    const confirm = page.getByRole('dialog', { name: '授权自动盖章' });
    await confirm.getByLabel('请输入您的登录密码以确认').fill(credentialsOf('super').password);
    await confirm.getByRole('button', { name: '确认授权' }).click();
    await page.getByText(`已授权「${companyName}」自动盖章`).waitFor();
    await drawer.getByText('已授权', { exact: true }).waitFor();
    await drawer.getByText(/最近一次由 .+ 于 .+授权/).waitFor();

    const created = (await api.request<Page<{ id: number }>>('GET', `/admin/companies?keyword=${encodeURIComponent(companyName)}`)).list[0];
    const sealRow = await api.request<CompanySealRow>('GET', `/admin/companies/${created.id}/seal`);
    expect(sealRow).toMatchObject({ authorized: true, authorized_by_name: expect.any(String) });
    await context.close();
  });

  it('shows an hr admin the catalog read-only, no 管理员 menu, and 403 at /admin-users', async () => {
    const { page, context } = await signedInPage(browser(), 'zhang', '/catalog/companies');
    await page.getByRole('row', { name: new RegExp(consoleFixture().demo.companies[0].name) }).waitFor();
    expect(await page.getByRole('button', { name: /新建/ }).count()).toBe(0);
    expect(await page.getByRole('columnheader', { name: '操作' }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: '管理员' }).count()).toBe(0);

    await page.goto(consoleUrl('/admin-users'));
    await page.getByText('无权访问').waitFor();
    await page.getByText('此页面仅超级管理员可用').waitFor();
    await context.close();
  });
});
