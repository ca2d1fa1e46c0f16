import { SignApplicationStatus } from '@shanqian/shared';
import { describe, expect, it } from 'vitest';
import { applicant, consoleUrl, signedInPage, useBrowser, workerStatus } from './support/console-test';
import { entryDateInTwoWeeks } from './support/demo-data';

describe('the application detail page', () => {
  const browser = useBrowser();

  it('shows the whole file and approves with a contract, a salary and an entry date; the worker then sees the contract waiting', async () => {
    const worker = applicant('吴五洲');
    const { page, context } = await signedInPage(browser(), 'zhang', `/applications/${worker.id}`);
    await page.getByRole('heading', { name: '吴五洲' }).waitFor();
    await page.getByRole('cell', { name: '郑州大学' }).waitFor();
    await page.getByText('记录链完整').waitFor();
    await page.getByText('提交签约申请').waitFor();

    await page.getByRole('button', { name: '审核通过' }).click();
    const dialog = page.getByRole('dialog', { name: /审核通过/ });
    // The company's only enabled template is chosen already.
    await dialog.getByText('劳动合同（标准版）').waitFor();
    await dialog.getByLabel('月薪').fill('7200.5');
    const entryDate = entryDateInTwoWeeks();
    await dialog.getByLabel('入职日期').fill(entryDate);
    await dialog.getByLabel('入职日期').press('Enter');
    await dialog.getByRole('button', { name: '确认通过' }).click();
    await page.getByText('已审核通过，等待劳动者签署合同').waitFor();

    await page.locator('.ant-tag', { hasText: '待签约' }).first().waitFor();
    await page.getByRole('button', { name: '预览待签合同' }).waitFor();
    expect(await page.getByRole('button', { name: '驳回' }).count()).toBe(0);
    await page.getByText('7200.50 元').first().waitFor();
    expect(await workerStatus(worker)).toMatchObject({ status: SignApplicationStatus.PendingSignature });

    // The filled contract opens in a tab of its own, opened on the click and pointed at the file once it arrives.
    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: '预览待签合同' }).click()]);
    await tab.waitForURL(/^blob:/);
    await context.close();
  });

  it('rejects with the reason the worker then reads, and reveals an ID number only after saying it is audited', async () => {
    const worker = applicant('郑六顺');
    const queue = `/applications?keyword=${encodeURIComponent('郑六顺')}`;
    const { page, context } = await signedInPage(browser(), 'zhang', queue);
    await page.getByRole('link', { name: '郑六顺' }).click();
    await page.waitForURL(/\/applications\/\d+$/);
    await page.getByRole('button', { name: '驳回' }).click();
    const dialog = page.getByRole('dialog', { name: /驳回申请/ });
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await dialog.getByText('请填写驳回原因').waitFor();
    await dialog.getByLabel('驳回原因').fill('身份证照片不清晰，请重新上传');
    await dialog.getByRole('button', { name: '确认驳回' }).click();
    await page.getByText('已驳回，劳动者将看到驳回原因').waitFor();
    await page.locator('.ant-tag', { hasText: '已驳回' }).first().waitFor();
    expect(await page.getByRole('button', { name: '审核通过' }).count()).toBe(0);
    expect(await workerStatus(worker)).toMatchObject({ status: SignApplicationStatus.Rejected, reason: '身份证照片不清晰，请重新上传' });
    // Back to the queue as it was left, its filter kept.
    await page.getByRole('button', { name: '返回签约审核列表' }).click();
    await page.waitForURL((url) => url.pathname === '/console/applications' && url.searchParams.get('keyword') === '郑六顺');

    const other = applicant('王七巧');
    await page.goto(consoleUrl(`/applications/${other.id}`));
    await page.getByRole('button', { name: '显示完整号码' }).click();
    await page.getByText('此操作将记入审计日志').waitFor();
    await page.getByRole('button', { name: '显示号码' }).click();
    await page.getByText(/^\d{17}[\dX]$/).waitFor();
    await context.close();
  });
});
