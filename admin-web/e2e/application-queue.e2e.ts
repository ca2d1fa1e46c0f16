import { buffer } from 'node:stream/consumers';
import type { ApplicationRow, Page as ListPage } from '@shanqian/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { APPLICANTS, entryDateInTwoWeeks } from './support/demo-data';
import { adminApi, applicant, consoleFixture, consoleUrl, signedInPage, useBrowser, workerStatus } from './support/console-test';

/** The names in the queue's table, in order (the third column, after the checkbox and the id). */
const namesShown = (page: Page) => page.locator('.ant-table-tbody .ant-table-row td:nth-child(3) a').allTextContents();

describe('the review queue (签约审核)', () => {
  const browser = useBrowser();

  it('filters by status and keyword and pages on the server, all of it kept in the address', async () => {
    const api = await adminApi('super');
    const second = await api.request<ListPage<ApplicationRow>>('GET', '/admin/applications?status=1&page_size=10&page=2');
    expect(second.count).toBeGreaterThan(10);
    const { page, context } = await signedInPage(browser(), 'super', '/applications?status=1&page_size=10&page=2');
    await expect.poll(() => namesShown(page)).toEqual(second.list.map((row) => row.real_name));
    await expect(page.locator('.ant-pagination-item-active').textContent()).resolves.toBe('2');
    await page.getByRole('tab', { name: '签约申请', selected: true }).waitFor();

    const [name] = APPLICANTS.bulkApprove;
    await page.getByLabel('姓名或手机号').fill(name.slice(0, 2));
    await page.getByLabel('姓名或手机号').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('keyword') === name.slice(0, 2) && !url.searchParams.has('page'));
    await expect.poll(() => namesShown(page)).toEqual([name]);
    expect(new URL(page.url()).searchParams.get('status')).toBe('1');

    // A reload shows the same; the 已签约 tab finds nobody of that name, and says so.
    await page.reload();
    await expect(page.getByLabel('姓名或手机号').inputValue()).resolves.toBe(name.slice(0, 2));
    await page.getByRole('tab', { name: '已签约' }).click();
    await page.getByText('没有符合条件的申请').waitFor();
    await page.getByRole('button', { name: '清除筛选条件' }).click();
    await page.waitForURL(consoleUrl('/applications?page_size=10'));
    await context.close();
  });

  it('approves three applications at once with one contract and shows what became of each', async () => {
    const { companies } = consoleFixture().demo;
    const chosen = APPLICANTS.bulkApprove.map(applicant);
    const { page, context, api } = await signedInPage(browser(), 'zhang', `/applications?status=1&company_id=${companies[0].id}&page_size=100`);
    for (const { name } of chosen) await page.getByRole('row', { name: new RegExp(name) }).getByRole('checkbox').check();
    await page.getByText('已选择 3 份申请').waitFor();
    await page.getByRole('button', { name: '批量通过' }).click();

    const dialog = page.getByRole('dialog', { name: '批量通过（3 份申请）' });
    for (const { name } of chosen) await dialog.getByText(name).waitFor();
    const contract = dialog.getByLabel('合同模板');
    if (!(await dialog.locator('.ant-select-selection-item').count())) {
      await contract.click();
      await page.locator('.ant-select-item-option', { hasText: '劳动合同（标准版）' }).first().click();
    }
    await dialog.getByLabel('月薪').fill('7200');
    const entryDate = entryDateInTwoWeeks();
    await dialog.getByLabel('入职日期').fill(entryDate);
    await dialog.getByLabel('入职日期').press('Enter');
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByText('请核对以上内容，确认后将通过这 3 份申请').waitFor();
    await dialog.getByRole('button', { name: '确认通过' }).click();

    await dialog.getByText('通过成功 3 份').waitFor();
    expect(await dialog.locator('.ant-table-row').allTextContents()).toEqual(chosen.map(({ id, name }) => `${id}${name}已通过`));
    await expect(dialog.getByRole('button', { name: /重试失败/ }).count()).resolves.toBe(0);
    await dialog.getByRole('button', { name: /完\s*成/ }).click();
    // Decided, they leave the 签约申请 list.
    await page.getByRole('row', { name: new RegExp(chosen[0].name) }).waitFor({ state: 'detached' });

    for (const { id } of chosen) {
      const row = await api.request<{ application: ApplicationRow }>('GET', `/admin/applications/${id}`);
      expect(row.application).toMatchObject({ status: 2, salary: '7200.00', entry_date: entryDate });
    }
    await context.close();
  });

  it('rejects one application from its row with a reason the worker then sees', async () => {
    const [rejected] = APPLICANTS.queueReject.map(applicant);
    const { page, context } = await signedInPage(browser(), 'zhang', `/applications?keyword=${encodeURIComponent(rejected.name)}`);
    const row = page.getByRole('row', { name: new RegExp(rejected.name) });
    await row.getByRole('button', { name: '驳回' }).click();
    const dialog = page.getByRole('dialog', { name: `驳回「${rejected.name}」的申请` });
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByText('请填写驳回原因').waitFor();
    await dialog.getByLabel('驳回原因').fill('身份证照片不清晰，请重新上传');
    await dialog.getByRole('button', { name: '下一步' }).click();
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await page.getByText(`已驳回「${rejected.name}」的申请`).waitFor();
    await row.getByText('已驳回').waitFor();
    await expect(row.getByRole('button', { name: '驳回' }).count()).resolves.toBe(0);
    expect(await workerStatus(rejected)).toMatchObject({ status: 4, reason: '身份证照片不清晰，请重新上传' });
    await context.close();
  });

  it('exports the rows of the current filters as CSV, in the order shown', async () => {
    const { companies } = consoleFixture().demo;
    const query = `company_id=${companies[1].id}&sort=apply_time`;
    const { page, context, api } = await signedInPage(browser(), 'super', `/applications?${query}`);
    const expected = await api.request<ListPage<ApplicationRow>>('GET', `/admin/applications?${query}&page_size=100`);
    expect(expected.count).toBeGreaterThan(0);
    await expect.poll(() => namesShown(page)).toEqual(expected.list.slice(0, 20).map((row) => row.real_name));

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 CSV/ }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('签约申请.csv');
    // The browser runs as a server of its own: the file comes back as a stream, not a path.
    const text = (await buffer(await file.createReadStream())).toString('utf8');
    const [header, ...lines] = text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(header.startsWith('申请编号,姓名,手机号')).toBe(true);
    expect(lines.map((line) => Number(line.split(',')[0]))).toEqual(expected.list.map((row) => row.id));
    expect(lines.every((line) => line.includes(companies[1].name))).toBe(true);
    await context.close();
  });
});
