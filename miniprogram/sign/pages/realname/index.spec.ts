import path from 'node:path';
import simulate from 'miniprogram-simulate';
import type { EmployeeResponse, EmStatusResponse } from '@shanqian/shared';
import { getEmployee, getStatus } from '../../../services/employee';
import { ApiError } from '../../../services/request';
import { verifyRealname } from '../../../services/sign';
import { showError } from '../../../utils/feedback';
import { fire, openPage as renderPage, text, type Rendered } from '../../../test/page-harness';

jest.mock('../../../services/employee');
jest.mock('../../../services/sign');
jest.mock('../../../utils/feedback');

const id = simulate.load(path.join(__dirname, 'index'), { rootPath: path.join(__dirname, '../../..') });

function openPage(verifyStatus = 0, verifyReason = ''): Promise<Rendered> {
  jest.mocked(getEmployee).mockResolvedValue({ real_name: '王小明', id_number: '110101199506150012' } as EmployeeResponse);
  jest.mocked(getStatus).mockResolvedValue({ status: 2, verify_status: verifyStatus, verify_reason: verifyReason } as EmStatusResponse);
  return renderPage(id);
}

const tap = (page: Rendered, selector: string): Promise<void> => fire(page, selector, 'click');

describe('real-name page', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    jest.spyOn(wx, 'redirectTo');
  });

  it('explains why and shows whose identity is checked, masked', async () => {
    const page = await openPage();
    expect(text(page)).toContain('为什么要实名认证');
    expect(page.data.phase).toBe('ready');
    expect(text(page)).toContain('王小明');
    expect(text(page)).toContain('1101**********0012');
    expect(text(page)).not.toContain('110101199506150012');
    expect(page.querySelector('#verify')).toBeTruthy();
  });

  it('passes and leads on to the contract', async () => {
    jest.mocked(verifyRealname).mockResolvedValue({ verify_status: 2, reason: '' });
    const page = await openPage();
    await tap(page, '#verify');
    expect(verifyRealname).toHaveBeenCalledWith(undefined);
    expect(page.querySelector('#passed')).toBeTruthy();
    expect(text(page)).toContain('实名认证已通过');
    await tap(page, '#to-contract');
    expect(wx.redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/sign/pages/contract/index' }));
  });

  it('sends the front-camera selfie for the face comparison', async () => {
    jest.spyOn(wx, 'chooseMedia').mockImplementation((options) => {
      expect(options).toMatchObject({ sourceType: ['camera'], camera: 'front', mediaType: ['image'] });
      options.success!({ tempFiles: [{ tempFilePath: 'wxfile://selfie.jpg' }] } as WechatMiniprogram.ChooseMediaSuccessCallbackResult);
      return undefined as never;
    });
    jest.mocked(verifyRealname).mockResolvedValue({ verify_status: 2, reason: '' });
    const page = await openPage();
    await tap(page, '#take-selfie');
    expect(page.data.selfiePath).toBe('wxfile://selfie.jpg');
    await tap(page, '#verify');
    expect(verifyRealname).toHaveBeenCalledWith('wxfile://selfie.jpg');
  });

  it('shows why it failed and lets the worker try again', async () => {
    jest.mocked(verifyRealname).mockResolvedValue({ verify_status: 3, reason: '姓名和身份证号不一致' });
    const page = await openPage();
    await tap(page, '#verify');
    expect(page.querySelector('#failed')).toBeTruthy();
    expect(text(page)).toContain('姓名和身份证号不一致');
    expect(page.querySelector('#to-contract')).toBeFalsy();
    await tap(page, '#retry');
    expect(page.data.phase).toBe('ready');
    expect(page.querySelector('#verify')).toBeTruthy();
  });

  it('opens on an earlier failure with its reason', async () => {
    const page = await openPage(3, '人像比对未通过');
    expect(page.querySelector('#failed')).toBeTruthy();
    expect(text(page)).toContain('人像比对未通过');
  });

  it('says in plain Chinese that the 5 attempts of the day are used up', async () => {
    jest.mocked(verifyRealname).mockRejectedValue(new ApiError(17002, 429, '今日实名认证次数已达上限，请明天再试'));
    const page = await openPage();
    await tap(page, '#verify');
    expect(page.querySelector('#limited')).toBeTruthy();
    expect(text(page)).toContain('今日实名认证次数已达上限，请明天再试');
    expect(text(page)).toContain('每天最多可认证 5 次');
    expect(page.querySelector('#verify')).toBeFalsy();
    expect(page.querySelector('#home')).toBeTruthy();
  });

  it('shows other errors through feedback and keeps the form', async () => {
    const unavailable = new ApiError(17003, 502, '实名认证服务暂时不可用，请稍后再试');
    jest.mocked(verifyRealname).mockRejectedValue(unavailable);
    const page = await openPage();
    await tap(page, '#verify');
    expect(showError).toHaveBeenCalledWith(unavailable);
    expect(page.data.phase).toBe('ready');
  });
});
