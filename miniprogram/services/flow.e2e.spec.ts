import { readFileSync } from 'node:fs';
import type { EmployeeRequest } from '@shanqian/shared';
import { FakeWx } from '../test/fake-wx';
import { fixtures, startServer, TestServer } from '../test/server';
import { isLoggedIn, login, logout } from './auth';
import { getCompanies, getDict, getHandlers, getWorkPositions } from './catalog';
import { createEmployee, getEmployee, getStatus, updateEmployee } from './employee';
import { ApiError, NetworkError } from './request';
import { getContract, getSignedDocument, signContract, verifyRealname } from './sign';
import { uploadImage } from './upload';
import { getCaptcha, sendSmsCode } from './verification';

/** The services layer as the pages use it, over real HTTP against the real server. */
let t: TestServer;
let phone: FakeWx;

beforeAll(async () => {
  t = await startServer();
});

afterAll(async () => {
  await t.close();
});

beforeEach(() => {
  phone = new FakeWx(t.baseUrl).install();
});

afterEach(() => {
  phone.dispose();
});

const logins = () => phone.sent.filter((r) => r.path === '/weixin/login').length;

/** The worker reads the captcha off the image (here: the DEV_EXPOSE_CODES log line) and asks for the SMS code. */
async function smsCode(mobile: string): Promise<string> {
  const captcha = await getCaptcha();
  expect(captcha.image).toMatch(/^data:image\/svg\+xml;base64,/);
  const before = t.smsCount();
  await sendSmsCode({ phone: mobile, captcha_code: t.captchaAnswer(captcha.captcha_id), captcha_id: captcha.captcha_id });
  return t.smsCodeSince(before, mobile);
}

async function resume(mobile: string): Promise<EmployeeRequest> {
  const [companies, handlers, positions, educations, nations] = await Promise.all([getCompanies(), getHandlers(), getWorkPositions(), getDict('Edu_Type'), getDict('Nation')]);
  return {
    real_name: '王小明',
    phone: mobile,
    id_number: fixtures.residentId('1995-06-15', true),
    age: fixtures.ageOn('1995-06-15'),
    gender: 1,
    nation: nations[0].dict_value,
    marital_sts: 1,
    political_sts: 3,
    acct_type: 0,
    acct_prc_name: '河南省',
    acct_city_name: '郑州市',
    acct_coy_name: null,
    addr: '张江路88号',
    id_card_front: await uploadImage(phone.tempFile('front.png', fixtures.tinyPng)),
    id_card_back: await uploadImage(phone.tempFile('back.png', fixtures.tinyPng)),
    company_id: companies[0].id,
    work_pos: positions[0],
    ad_user_id: handlers[0].id,
    // Arrays go in bracket notation, as the form sends them.
    employee_edu: [{ school: '郑州大学', major: '机械工程', edu_type: educations[0].dict_key, start_date: '2013-09', end_date: '2017-06' }],
    work_exp: [
      { company_name: '富士康', position: '普工', start_date: '2017-07', end_date: '2020-12', description: '装配线' },
      { company_name: '比亚迪', position: '质检员', start_date: '2021-01', end_date: '2024-06' },
    ],
  };
}

test('the whole flow: login, resume, approval, real-name, signing, the signed document', async () => {
  const session = await login();
  expect(session.em_id).toBe(0);
  expect(isLoggedIn()).toBe(true);
  expect(phone.storage.get('request.uniqueKey')).toMatch(/^[0-9a-f]{32}$/);

  // The worker allowed the location when starting to apply: it goes with the application.
  phone.storage.set('location.last', { lng: 121.47, lat: 31.23, at: Date.now() });
  const mobile = fixtures.uniquePhone();
  const body = await resume(mobile);
  expect(body.id_card_front).toContain('/image/');
  await createEmployee({ ...body, verify_code: await smsCode(mobile) });
  expect(phone.sent.find((r) => r.path === '/employee')?.header['X-location']).toBe('121.47000,31.23000');
  expect(await getStatus()).toMatchObject({ status: 1, company_name: expect.any(String), verify_status: 0 });
  const saved = await getEmployee();
  expect(saved.work_exp.map((w) => w.company_name)).toEqual(['富士康', '比亚迪']);
  expect(saved.employee_edu[0].school).toBe('郑州大学');
  expect(saved.acct_coy_name).toBeNull();

  // While waiting for HR the worker may still correct the resume, without a new code for the same phone.
  await updateEmployee({ ...body, addr: '张江路99号' });
  expect((await getEmployee()).addr).toBe('张江路99号');

  // Every request after the first carried the key the server issued.
  expect(phone.sent.slice(1).every((r) => r.header['X-unique-key'] === phone.storage.get('request.uniqueKey'))).toBe(true);

  await t.approve(mobile, body.company_id);
  expect(await getStatus()).toMatchObject({ status: 2, verify_status: 0 });

  expect(await verifyRealname()).toEqual({ verify_status: 2, reason: '' });
  const contract = await getContract();
  expect(contract.terms).toMatchObject({ worker_name: '王小明', salary: fixtures.approval.salary, entry_date: fixtures.approval.entry_date, position: body.work_pos });

  await t.endSmsCooldown(mobile);
  const signed = await signContract({ signaturePath: phone.tempFile('signature.png', fixtures.signaturePng()), verifyCode: await smsCode(mobile) });
  expect(signed.sha256).toMatch(/^[0-9a-f]{64}$/);
  expect(await getStatus()).toMatchObject({ status: 3, verify_status: 2 });

  const document = await getSignedDocument();
  expect(document.sha256).toBe(signed.sha256);
  const file = await new Promise<WechatMiniprogram.DownloadFileSuccessCallbackResult>((success, fail) => wx.downloadFile({ url: document.url, success, fail }));
  expect(file.statusCode).toBe(200);
  expect(readFileSync(file.tempFilePath).subarray(0, 5).toString()).toBe('%PDF-');

  logout();
  expect(isLoggedIn()).toBe(false);
  expect(phone.storage.size).toBe(0);
});

test('a call without a session logs in first, sending no token', async () => {
  expect(await getWorkPositions()).toEqual(expect.any(Array));
  expect(phone.sent.map((r) => r.path)).toEqual(['/weixin/login', '/work_pos']);
  expect(phone.sent[0].header['X-auth-token']).toBeUndefined();
});

test('an expired session is renewed by exactly one login and the call is retried', async () => {
  await login();
  phone.storage.set('auth.token', 'expired-or-unknown-token');
  expect(await getCompanies()).toEqual(expect.any(Array));
  expect(logins()).toBe(2);
  expect(phone.sent.filter((r) => r.path === '/companies').length).toBe(2);
});

test('concurrent 401s share one login', async () => {
  await login();
  await t.expireSessions();
  const answers = await Promise.all([getStatus(), getCompanies(), getHandlers(), getWorkPositions()]);
  expect(answers[0].status).toBe(0);
  expect(logins()).toBe(2);
});

test('a 401 on the retry too is an error, not a loop', async () => {
  await login();
  // A server that refuses every session: the renewed one as well.
  const real = wx.request;
  wx.request = ((options: WechatMiniprogram.RequestOption) =>
    options.url.endsWith('/weixin/login')
      ? real(options)
      : options.success?.({ statusCode: 401, data: { status: 11002, msg: '登录已失效，请重新登录', data: null }, header: {} } as unknown as WechatMiniprogram.RequestSuccessCallbackResult)) as typeof wx.request;
  await expect(getStatus()).rejects.toMatchObject({ status: 11002, httpStatus: 401 });
  expect(logins()).toBe(2);
});

test('an error envelope becomes an ApiError with status, HTTP status and the field named', async () => {
  const captcha = await getCaptcha();
  const error = await sendSmsCode({ phone: '12345', captcha_code: 'abcd', captcha_id: captcha.captcha_id }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 10001, httpStatus: 400, field: 'phone', message: '应为 11 位中国大陆手机号' });

  const missing = await getEmployee().catch((e: unknown) => e);
  expect(missing).toMatchObject({ status: 13002, httpStatus: 404, field: null, message: '尚未提交简历' });
});

test('no answer at all is a NetworkError', async () => {
  phone.dispose();
  // Nothing listens on port 9 (discard): the connection is refused, as on a phone without network.
  phone = new FakeWx('http://127.0.0.1:9').install();
  await expect(getCaptcha()).rejects.toBeInstanceOf(NetworkError);
});
