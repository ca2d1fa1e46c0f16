import { join } from 'node:path';
import type { WeixinLoginResponse } from '@shanqian/shared';
import simulate from 'miniprogram-simulate';
import { login } from '../../services/auth';
import { ApiError } from '../../services/request';
import { memoryStorage } from '../../test/page-harness';

jest.mock('../../services/auth');

const loginCall = jest.mocked(login);
const session: WeixinLoginResponse = { session_token: 'token', em_id: 0 };
const launch = simulate.load(join(__dirname, 'index'));
let storage = new Map<string, unknown>();
const app: IAppOption = { globalData: { session: null } };
(globalThis as { getApp?: () => IAppOption }).getApp = () => app;

let reLaunch: jest.SpyInstance;
let navigateTo: jest.SpyInstance;

beforeEach(() => {
  jest.clearAllMocks();
  storage = memoryStorage();
  app.globalData.session = Promise.resolve(session);
  reLaunch = jest.spyOn(wx, 'reLaunch').mockImplementation(() => undefined as never);
  navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
});

async function open() {
  const page = simulate.render(launch);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as { onLoad(): void }).onLoad();
  await simulate.sleep(0);
  return page;
}

async function tap(page: ReturnType<typeof simulate.render>, selector: string) {
  page.querySelector(selector)!.dispatchEvent(selector === '#privacy-link' ? 'tap' : 'click');
  await simulate.sleep(0);
}

test('the first launch explains the app and links the privacy notice, then goes home', async () => {
  const page = await open();
  expect(page.dom!.textContent).toContain('欢迎使用闪签云');
  expect(page.dom!.textContent).toContain('身份证号、身份证照片、手机号和大致位置');
  expect(reLaunch).not.toHaveBeenCalled();

  await tap(page, '#privacy-link');
  expect(navigateTo).toHaveBeenCalledWith({ url: '/pages/privacy/index' });

  await tap(page, '#start');
  expect(storage.get('launch.introSeen')).toBe(true);
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
  // The login app.ts started is the one used.
  expect(loginCall).not.toHaveBeenCalled();
});

test('the explanation is shown once: later launches go straight home', async () => {
  storage.set('launch.introSeen', true);
  const page = await open();
  expect(page.dom!.textContent).not.toContain('欢迎使用闪签云');
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
});

test('a failed login says why and can be retried with a new login', async () => {
  storage.set('launch.introSeen', true);
  app.globalData.session = Promise.reject(new ApiError(11004, 503, '微信服务繁忙，请稍后再试'));
  const page = await open();
  expect(page.dom!.textContent).toContain('登录没有成功：微信服务繁忙，请稍后再试');
  expect(reLaunch).not.toHaveBeenCalled();

  loginCall.mockResolvedValue(session);
  await tap(page, '#retry');
  expect(loginCall).toHaveBeenCalledTimes(1);
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/home/index' });
});
