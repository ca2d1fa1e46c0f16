import { describe, expect, it } from 'vitest';
import { APPLICANTS } from './support/demo-data';
import { applicant, consoleFixture, consoleUrl, signedInPage, useBrowser } from './support/console-test';

describe('who sees what in the HR console', () => {
  const browser = useBrowser();

  it('shows an hr admin only the applications they handle, and not another handler’s even by its address', async () => {
    const [ofLi] = APPLICANTS.ofHandlerLi;
    const { page, context } = await signedInPage(browser(), 'zhang', `/applications?keyword=${encodeURIComponent(ofLi)}`);
    await page.getByText('没有符合条件的申请').waitFor();
    await page.goto(consoleUrl(`/applications/${applicant(ofLi).id}`));
    await page.getByText('签约申请不存在').waitFor();
    expect(await page.getByText(applicant(ofLi).phone).count()).toBe(0);
    await context.close();

    // Their own handler sees it.
    const li = await signedInPage(browser(), 'li', `/applications?keyword=${encodeURIComponent(ofLi)}`);
    await li.page.locator('.ant-table-row', { hasText: ofLi }).waitFor();
    await li.context.close();
  });

  it('records the reveal of an ID number, which a super admin then finds in the audit log', async () => {
    const revealed = applicant(APPLICANTS.others[0]);
    const hr = await signedInPage(browser(), 'zhang', `/applications/${revealed.id}`);
    await hr.page.getByRole('button', { name: '显示完整号码' }).click();
    await hr.page.getByText('此操作将记入审计日志').waitFor();
    await hr.page.getByRole('button', { name: '显示号码' }).click();
    await hr.page.getByText(/^\d{17}[\dX]$/).waitFor();
    await hr.context.close();

    const { page, context } = await signedInPage(browser(), 'super', '/audit-logs');
    await page.locator('.ant-table-row').first().waitFor();
    await page.goto(consoleUrl('/audit-logs?action=employee.reveal_id_number'));
    const row = page.locator('.ant-table-row', { hasText: consoleFixture().demo.handlers.zhang.username }).filter({ hasText: `application_id: ${revealed.id}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('查看完整身份证号');
    await context.close();
  });
});
