import { ErrorCode } from '@shanqian/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, ApiError, download, filenameOf, onUnauthorized, queryString } from './request';
import { session } from './session';

const ADMIN = { id: 1, username: 'admin', name: '管理员', role: 'super' as const };

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

describe('the request wrapper', () => {
  const fetchMock = vi.fn<typeof fetch>();

  beforeEach(() => {
    vi.stubGlobal('fetch', fetchMock);
    fetchMock.mockReset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    onUnauthorized(null);
    session.clear();
  });

  it('sends the back office headers and the session, and unwraps the envelope', async () => {
    session.start('tok-1', ADMIN);
    fetchMock.mockResolvedValueOnce(answer(200, { status: 0, msg: '', data: { list: [], count: 0 } }));
    await expect(api('GET', '/admin/applications', { query: { status: 1, keyword: '', company_id: undefined } })).resolves.toEqual({ list: [], count: 0 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('/admin/applications?status=1');
    expect(init?.headers).toEqual({ 'X-platform-code': 'admin', Authorization: 'Bearer tok-1' });
  });

  it('sends JSON bodies as JSON and multipart bodies as the browser makes them', async () => {
    fetchMock.mockImplementation(async () => answer(200, { status: 0, msg: '', data: null }));
    await api('POST', '/admin/login', { body: { username: 'a', password: 'b' } });
    expect(fetchMock.mock.calls[0][1]).toMatchObject({ method: 'POST', body: '{"username":"a","password":"b"}', headers: { 'Content-Type': 'application/json' } });
    const form = new FormData();
    form.append('contract_name', '劳动合同');
    await api('POST', '/admin/contracts', { body: form });
    const init = fetchMock.mock.calls[1][1]!;
    expect(init.body).toBe(form);
    // The boundary is the browser's to set.
    expect(init.headers).not.toHaveProperty('Content-Type');
  });

  it('throws the server’s refusal with its code, message and HTTP status, naming the field of a validation error', async () => {
    fetchMock.mockResolvedValueOnce(answer(400, { status: ErrorCode.ValidationFailed, msg: 'salary: 月薪应在 1000.00 至 1000000.00 之间', data: null }));
    const error = await api('POST', '/admin/applications/3/approve', { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: ErrorCode.ValidationFailed, httpStatus: 400, field: 'salary', problem: '月薪应在 1000.00 至 1000000.00 之间' });

    fetchMock.mockResolvedValueOnce(answer(409, { status: ErrorCode.RecordDuplicate, msg: '记录已存在', data: null }));
    const conflict = (await api('POST', '/admin/companies', { body: {} }).catch((e: unknown) => e)) as ApiError;
    expect(conflict).toMatchObject({ code: ErrorCode.RecordDuplicate, field: null, problem: '记录已存在' });
  });

  it('keeps nested field paths whole', () => {
    const error = new ApiError(ErrorCode.ValidationFailed, 'employee_edu[0].school: 不能为空', 400);
    expect(error.field).toBe('employee_edu[0].school');
    expect(error.problem).toBe('不能为空');
  });

  it('forgets an ended session once and hands over to the login page on a 401', async () => {
    session.start('tok-expired', ADMIN);
    const toLogin = vi.fn();
    onUnauthorized(toLogin);
    fetchMock.mockResolvedValueOnce(answer(401, { status: ErrorCode.AuthTokenInvalid, msg: '登录已失效', data: null }));
    await expect(api('GET', '/admin/applications')).rejects.toMatchObject({ code: ErrorCode.AuthTokenInvalid, httpStatus: 401 });
    expect(session.token()).toBeNull();
    expect(toLogin).toHaveBeenCalledTimes(1);
  });

  it('does not treat a wrong password (401 without a session) as an ended session', async () => {
    const toLogin = vi.fn();
    onUnauthorized(toLogin);
    fetchMock.mockResolvedValueOnce(answer(401, { status: ErrorCode.AdminCredentialsInvalid, msg: '用户名或密码错误', data: null }));
    await expect(api('POST', '/admin/login', { body: {} })).rejects.toMatchObject({ message: '用户名或密码错误' });
    expect(toLogin).not.toHaveBeenCalled();
  });

  it('says so when the network fails, and when a proxy answers something that is not the envelope', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const offline = (await api('GET', '/admin/companies').catch((e: unknown) => e)) as ApiError;
    expect(offline.isNetworkFailure).toBe(true);
    expect(offline.message).toContain('网络');

    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }));
    await expect(api('GET', '/admin/companies')).rejects.toMatchObject({ code: ErrorCode.InternalError, httpStatus: 502 });
  });

  it('downloads a file with its Chinese name from Content-Disposition', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response('id,name\r\n', { status: 200, headers: { 'Content-Disposition': `attachment; filename="applications.csv"; filename*=UTF-8''${encodeURIComponent('签约申请')}.csv` } }),
    );
    const file = await download('/admin/applications/export', { query: { status: 2 } });
    expect(file.filename).toBe('签约申请.csv');
    expect(await file.blob.text()).toBe('id,name\r\n');
  });
});

describe('query strings and file names', () => {
  it('leaves out empty values and repeats arrays', () => {
    expect(queryString({ a: 1, b: '', c: null, d: undefined, e: [1, 2], f: false })).toBe('?a=1&e=1&e=2&f=false');
    expect(queryString({})).toBe('');
  });

  it('reads RFC 6266 names, falling back to the plain one on a malformed escape', () => {
    expect(filenameOf(`attachment; filename*=UTF-8''%E5%90%88%E5%90%8C.pdf`)).toBe('合同.pdf');
    expect(filenameOf(`attachment; filename="a.zip"; filename*=UTF-8''%E0%A4%A.zip`)).toBe('a.zip');
    expect(filenameOf(null)).toBeNull();
  });
});
