import type { Envelope, WeixinLoginResponse } from '@shanqian/shared';
import { apiBaseUrl, PLATFORM_CODE, REQUEST_TIMEOUT_MS, UPLOAD_TIMEOUT_MS } from '../config/index';
import { locationHeaders } from '../utils/location';
import { getStored, setStored } from '../utils/storage';

/**
 * The one way to the API. Every call gets the protocol headers, its answer is checked (HTTP status,
 * then the envelope's `status`), and an expired session is renewed once, for all callers at once,
 * before the call is retried.
 */

/** An answer of the server that is not a success. */
export class ApiError extends Error {
  /** The envelope's status (an ErrorCode), or 0 when the body was no envelope. */
  readonly status: number;
  readonly httpStatus: number;
  /** The field the server named (`phone: 应为…` → 'phone'), for showing the message on that field. */
  readonly field: string | null;

  /** `message` is the server's text without the field prefix: what the user reads. */
  constructor(status: number, httpStatus: number, msg: string) {
    const named = /^([A-Za-z_][\w.[\]]*): ([\s\S]*)$/.exec(msg);
    super(named ? named[2] : msg);
    // DevTools compiles to ES5 for old phones, where a subclass of Error loses its prototype: keep instanceof working.
    Object.setPrototypeOf(this, ApiError.prototype);
    this.name = 'ApiError';
    this.status = status;
    this.httpStatus = httpStatus;
    this.field = named ? named[1] : null;
  }
}

/** The request never got an answer (no network, timeout, DNS…). */
export class NetworkError extends Error {
  constructor(errMsg: string) {
    super(errMsg);
    Object.setPrototypeOf(this, NetworkError.prototype);
    this.name = 'NetworkError';
  }
}

type Method = 'GET' | 'POST' | 'PUT';

interface Answer {
  statusCode: number;
  data: unknown;
  header: Record<string, string>;
}

/** One attempt at a call, with the headers of the moment (the token may change between attempts). */
type Attempt = (header: Record<string, string>) => Promise<Answer>;

const UNAUTHORIZED = 401;

export function request<T>(options: { method: Method; path: string; data?: Record<string, unknown>; auth?: boolean }): Promise<T> {
  const { method, path, data, auth = true } = options;
  const query = method === 'GET' && data ? `?${formEncode(data)}` : '';
  const body = method !== 'GET' && data ? formEncode(data) : undefined;
  return call<T>(auth, (header) =>
    new Promise<Answer>((resolve, reject) => {
      wx.request({
        url: apiBaseUrl() + path + query,
        method,
        data: body,
        header: body === undefined ? header : { ...header, 'content-type': 'application/x-www-form-urlencoded' },
        timeout: REQUEST_TIMEOUT_MS,
        success: ({ statusCode, data: answer, header: responseHeader }) => resolve({ statusCode, data: answer, header: responseHeader as Record<string, string> }),
        fail: ({ errMsg }) => reject(new NetworkError(errMsg)),
      });
    }),
  );
}

/** A multipart upload of one local file (`wx.uploadFile` answers its body as a string). */
export function uploadFile<T>(options: { path: string; filePath: string; name: string; formData?: Record<string, string> }): Promise<T> {
  const { path, filePath, name, formData } = options;
  return call<T>(true, (header) =>
    new Promise<Answer>((resolve, reject) => {
      wx.uploadFile({
        url: apiBaseUrl() + path,
        filePath,
        name,
        formData,
        header,
        timeout: UPLOAD_TIMEOUT_MS,
        // wx.uploadFile answers no headers: the unique key comes from the plain requests.
        success: ({ statusCode, data: text }) => resolve({ statusCode, data: parseJson(text), header: {} }),
        fail: ({ errMsg }) => reject(new NetworkError(errMsg)),
      });
    }),
  );
}

let pendingLogin: Promise<WeixinLoginResponse> | null = null;

/**
 * A new session through wx.login and POST /weixin/login. Concurrent callers (several calls that hit
 * a 401 together, or a page that logs in while another renews) share the one login in flight: each
 * wx.login code works only once, and one session is enough.
 */
export function renewSession(): Promise<WeixinLoginResponse> {
  if (!pendingLogin) {
    pendingLogin = loginOnce().finally(() => {
      pendingLogin = null;
    });
  }
  return pendingLogin;
}

async function loginOnce(): Promise<WeixinLoginResponse> {
  const code = await new Promise<string>((resolve, reject) => {
    wx.login({ success: (res) => resolve(res.code), fail: ({ errMsg }) => reject(new NetworkError(errMsg)) });
  });
  const session = await request<WeixinLoginResponse>({ method: 'POST', path: '/weixin/login', data: { code }, auth: false });
  setStored('auth.token', session.session_token);
  return session;
}

async function call<T>(auth: boolean, attempt: Attempt): Promise<T> {
  if (!auth) return unwrap<T>(await attempt(baseHeaders()));
  if (!getStored('auth.token')) await renewSession();
  const token = getStored('auth.token');
  const first = await attempt({ ...baseHeaders(), 'X-auth-token': token ?? '' });
  if (first.statusCode !== UNAUTHORIZED) return unwrap<T>(first);
  rememberUniqueKey(first.header);
  // Renew only if nobody did since this call started; otherwise the new session is already there.
  if (getStored('auth.token') === token) await renewSession();
  return unwrap<T>(await attempt({ ...baseHeaders(), 'X-auth-token': getStored('auth.token') ?? '' }));
}

function baseHeaders(): Record<string, string> {
  const uniqueKey = getStored('request.uniqueKey');
  return { 'X-platform-code': PLATFORM_CODE, ...(uniqueKey ? { 'X-unique-key': uniqueKey } : {}), ...locationHeaders() };
}

/** The server issues a key to a client that has none (or an unknown one): keep it for every request. */
function rememberUniqueKey(header: Record<string, string>): void {
  const issuedKey = headerValue(header, 'x-unique-key');
  if (issuedKey) setStored('request.uniqueKey', issuedKey);
}

function unwrap<T>({ statusCode, data, header }: Answer): T {
  rememberUniqueKey(header);
  const envelope = isEnvelope(data) ? data : null;
  if (statusCode >= 200 && statusCode < 300 && envelope?.status === 0) return envelope.data as T;
  throw new ApiError(envelope?.status ?? 0, statusCode, envelope?.msg || `服务暂时不可用（${statusCode}），请稍后重试`);
}

function isEnvelope(data: unknown): data is Envelope<unknown> {
  return typeof data === 'object' && data !== null && typeof (data as { status?: unknown }).status === 'number';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerValue(header: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(header).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : header[key];
}

/**
 * application/x-www-form-urlencoded as the server parses it (qs): nested objects and arrays in
 * bracket notation (`employee_edu[0][school]=…`), null as empty (the server reads '' as "not given"),
 * undefined left out.
 */
function formEncode(data: Record<string, unknown>): string {
  const pairs: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value === undefined) return;
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) add(`${key}[${k}]`, v);
      return;
    }
    pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(value === null ? '' : String(value))}`);
  };
  for (const [key, value] of Object.entries(data)) add(key, value);
  return pairs.join('&');
}
