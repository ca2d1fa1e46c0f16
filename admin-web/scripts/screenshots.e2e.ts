import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { APPLICANTS } from '../e2e/support/demo-data';
import { applicant, signedInPage, useBrowser } from '../e2e/support/console-test';

/** `npm run screenshots`: a PNG of each main page, on the demo data the browser specs use, for the README. */
const OUT = resolve(import.meta.dirname, '../../docs/console');

/** Lets antd's entrance animations and the chart's finish before the picture. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(800);
}

describe('screenshots of the HR console', () => {
  const browser = useBrowser();

  it('writes dashboard, queue, detail, approve dialog, catalog and audit log to docs/console/', async () => {
    mkdirSync(OUT, { recursive: true });
    const { page, context } = await signedInPage(browser(), 'super', '/');
    const shoot = async (name: string, fullPage = false) => {
      await settle(page);
      await page.screenshot({ path: `${OUT}/${name}.png`, fullPage });
    };

    await page.locator('.recharts-surface').first().waitFor();
    await shoot('dashboard');

    await page.goto(`${page.url().replace(/\/console\/.*$/, '')}/console/applications`);
    await page.locator('.ant-table-row').first().waitFor();
    await shoot('queue');

    await page.goto(page.url().replace(/\/applications.*$/, `/applications/${applicant(APPLICANTS.approved[0]).id}`));
    await page.getByText('合同与签署').waitFor();
    await shoot('detail', true);

    await page.goto(page.url().replace(/\/applications.*$/, `/applications/${applicant(APPLICANTS.others[0]).id}`));
    await page.getByRole('button', { name: '审核通过' }).click();
    await page.getByRole('dialog').waitFor();
    await shoot('approve-dialog');

    await page.goto(page.url().replace(/\/applications.*$/, '/catalog/companies'));
    await page.locator('.ant-table-row').first().waitFor();
    await shoot('catalog');

    await page.goto(page.url().replace(/\/catalog.*$/, '/audit-logs'));
    await page.locator('.ant-table-row').first().waitFor();
    await shoot('audit-log');
    await context.close();
  });
});
