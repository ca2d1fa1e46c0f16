import { join } from 'node:path';
import type { DictEntry, EmployeeResponse } from '@shanqian/shared';
import simulate from 'miniprogram-simulate';
import { logout } from '../../services/auth';
import { getDict } from '../../services/catalog';
import { getEmployee } from '../../services/employee';
import { ApiError } from '../../services/request';

jest.mock('../../services/auth');
jest.mock('../../services/catalog');
jest.mock('../../services/employee');

const mine = simulate.load(join(__dirname, 'index'));
const app: IAppOption = { globalData: { session: Promise.resolve({ session_token: 't', em_id: 1 }) } };
(globalThis as { getApp?: () => IAppOption }).getApp = () => app;

const dicts: Record<string, DictEntry[]> = {
  Gender: [{ dict_key: '1', dict_value: '男' }],
  Marital_Sts: [{ dict_key: '1', dict_value: '未婚' }],
  Political_Sts: [{ dict_key: '3', dict_value: '群众' }],
  Acct_Type: [{ dict_key: '0', dict_value: '农村' }],
  Edu_Type: [{ dict_key: 'bachelor', dict_value: '本科' }],
};

const employee = {
  id: 1, real_name: '王小明', phone: '13912345678', id_number: '110101199506150013', age: 30, gender: 1, nation: '汉族',
  marital_sts: 1, political_sts: 3, acct_type: 0, acct_prc_name: '河南省', acct_city_name: '郑州市', addr: '张江路88号',
  province_name: '上海市', city_name: '上海市', county_name: '浦东新区', em_contact_name: null,
  company_id: 1, work_pos: '普工', ad_user_id: 1, company: { id: 1, company_name: '闪签云示范科技有限公司' }, handler: { id: 1, name: '张敏' },
  id_card_front: 'https://api/image/front', id_card_back: 'https://api/image/back',
  employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: 'bachelor', start_date: '2013-09', end_date: '2017-06' }],
  work_exp: [{ company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12' }],
  status: 3, reason: '',
} as unknown as EmployeeResponse;

async function open() {
  const page = simulate.render(mine);
  page.attach(document.createElement('parent-wrapper'));
  (page.instance as unknown as { onLoad(): void }).onLoad();
  await simulate.sleep(0);
  return page;
}

beforeEach(() => {
  jest.clearAllMocks();
  jest.mocked(getDict).mockImplementation(async (item) => dicts[item]);
});

test('the resume read-only, with labels from the dictionaries and the ID number masked', async () => {
  jest.mocked(getEmployee).mockResolvedValue(employee);
  const text = (await open()).dom!.textContent!;
  for (const shown of ['王小明', '110101********0013', '男', '未婚', '群众', '农村', '河南省 郑州市', '上海市 上海市 浦东新区 张江路88号', '本科', '郑州大学 机械工程', '富士康 · 普工', '闪签云示范科技有限公司', '张敏']) {
    expect(text).toContain(shown);
  }
  expect(text).not.toContain('110101199506150013');
  expect(text).toContain('未填写');
});

test('once signed, the contract is one tap away', async () => {
  jest.mocked(getEmployee).mockResolvedValue(employee);
  const page = await open();
  const navigate = jest.spyOn(wx, 'navigateTo').mockImplementation(() => undefined as never);
  page.querySelector('#contract')!.dispatchEvent('click');
  await simulate.sleep(0);
  expect(navigate).toHaveBeenCalledWith({ url: '/sign/pages/document/index' });
});

test('no resume yet: an invitation to fill it in', async () => {
  jest.mocked(getEmployee).mockRejectedValue(new ApiError(13002, 404, '尚未提交简历'));
  const page = await open();
  expect(page.dom!.textContent).toContain('你还没有提交简历');
  expect(page.querySelector('#contract')).toBeFalsy();
});

test('logout, once confirmed, forgets the session and returns to the launch page', async () => {
  jest.mocked(getEmployee).mockResolvedValue(employee);
  const page = await open();
  jest.spyOn(wx, 'showModal').mockImplementation(((options: WechatMiniprogram.ShowModalOption) => options.success?.({ confirm: true, cancel: false, content: '', errMsg: 'showModal:ok' })) as typeof wx.showModal);
  const reLaunch = jest.spyOn(wx, 'reLaunch').mockImplementation(() => undefined as never);
  page.querySelector('#logout')!.dispatchEvent('click');
  await simulate.sleep(0);
  expect(logout).toHaveBeenCalled();
  expect(app.globalData.session).toBeNull();
  expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/launch/index' });
});
