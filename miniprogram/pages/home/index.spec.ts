import { join } from 'node:path';
import type { EmStatusResponse } from '@shanqian/shared';
import simulate from 'miniprogram-simulate';
import { getStatus } from '../../services/employee';
import { CONTRACT, REALNAME, RESUME_FORM, SIGNED_DOCUMENT } from './home-view';

jest.mock('../../services/employee');

const statusAnswer = jest.mocked(getStatus);
type HomePage = { onShow(): void; onPullDownRefresh(): void };

const answer = (s: Partial<EmStatusResponse>): EmStatusResponse => ({ status: 0, reason: '', company_name: '', verify_status: 0, verify_reason: '', ...s }) as EmStatusResponse;

// Loaded once: Jest's module registry runs the page's Component() call only on the first require.
const home = simulate.load(join(__dirname, 'index'));

async function renderHome(s: Partial<EmStatusResponse>) {
  statusAnswer.mockResolvedValue(answer(s));
  const page = simulate.render(home);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as HomePage).onShow();
  await simulate.sleep(0);
  return page;
}

const text = (page: ReturnType<typeof simulate.render>) => page.dom!.textContent ?? '';

/** Taps the page's main button and answers where it navigated. */
async function tapAction(page: ReturnType<typeof simulate.render>): Promise<string | undefined> {
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  page.querySelector('#action')!.dispatchEvent('click');
  await simulate.sleep(0);
  const url = navigate.mock.calls[0]?.[0].url;
  navigate.mockRestore();
  return url;
}

beforeEach(() => jest.clearAllMocks());

test('no application: start the resume', async () => {
  const page = await renderHome({ status: 0 });
  expect(text(page)).toContain('填写简历，申请签约');
  expect(text(page)).toContain('开始填写简历');
  expect(await tapAction(page)).toBe(RESUME_FORM);
});

test('1: under review, with the company', async () => {
  const page = await renderHome({ status: 1, company_name: '闪签云示范科技有限公司' });
  expect(text(page)).toContain('简历已提交，正在审核');
  expect(text(page)).toContain('审核中');
  expect(text(page)).toContain('应聘单位：闪签云示范科技有限公司');
  expect(await tapAction(page)).toBe(RESUME_FORM);
});

test('2: to be signed, real-name first', async () => {
  const page = await renderHome({ status: 2, company_name: '闪签云示范科技有限公司', verify_status: 0 });
  expect(text(page)).toContain('审核通过，请签署合同');
  expect(text(page)).toContain('待签约');
  expect(page.querySelector('#sign-steps')).toBeTruthy();
  expect(await tapAction(page)).toBe(REALNAME);
});

test('2 with the real-name check passed: on to the contract', async () => {
  const page = await renderHome({ status: 2, verify_status: 2 });
  expect(text(page)).toContain('查看并签署合同');
  expect(await tapAction(page)).toBe(CONTRACT);
});

test('2 with the real-name check failed: the reason, and try again', async () => {
  const page = await renderHome({ status: 2, verify_status: 3, verify_reason: '姓名和身份证号不一致' });
  expect(text(page)).toContain('实名认证未通过：姓名和身份证号不一致');
  expect(text(page)).toContain('重新实名认证');
  expect(await tapAction(page)).toBe(REALNAME);
});

test('3: signed, view the contract', async () => {
  const page = await renderHome({ status: 3, verify_status: 2 });
  expect(text(page)).toContain('合同已签署');
  expect(text(page)).toContain('已签约');
  expect(page.querySelector('#sign-steps')).toBeFalsy();
  expect(await tapAction(page)).toBe(SIGNED_DOCUMENT);
});

test('4: rejected, with the reason and 修改后重新提交', async () => {
  const page = await renderHome({ status: 4, reason: '身份证照片不清晰' });
  expect(text(page)).toContain('申请未通过审核');
  expect(text(page)).toContain('原因：身份证照片不清晰');
  expect(text(page)).toContain('修改后重新提交');
  expect(await tapAction(page)).toBe(RESUME_FORM);
});

test('5: cancelled, apply again', async () => {
  const page = await renderHome({ status: 5 });
  expect(text(page)).toContain('申请已取消');
  expect(text(page)).toContain('重新申请');
  expect(await tapAction(page)).toBe(RESUME_FORM);
});

test('pull-to-refresh loads the status again and stops the spinner', async () => {
  const page = await renderHome({ status: 1 });
  statusAnswer.mockResolvedValue(answer({ status: 2 }));
  const stop = jest.spyOn(wx, 'stopPullDownRefresh');
  (page.instance as unknown as HomePage).onPullDownRefresh();
  await simulate.sleep(0);
  expect(statusAnswer).toHaveBeenCalledTimes(2);
  expect(text(page)).toContain('审核通过，请签署合同');
  expect(stop).toHaveBeenCalled();
});

test('a failed first load offers to try again, and keeps nothing stale', async () => {
  statusAnswer.mockRejectedValueOnce(new Error('offline'));
  const toast = jest.spyOn(wx, 'showToast');
  const page = await renderHome({ status: 1 });
  expect(text(page)).toContain('没能获取申请进度');
  expect(toast).toHaveBeenCalled();
  page.querySelector('#retry')!.dispatchEvent('click');
  await simulate.sleep(0);
  expect(text(page)).toContain('简历已提交，正在审核');
});
