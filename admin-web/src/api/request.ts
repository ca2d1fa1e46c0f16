import { ADMIN_PLATFORM_CODE, type Envelope, ErrorCode } from '@shanqian/shared';
import { session } from './session';

/** A refusal by the server (its envelope's `status` and `msg`), or a network failure (`code` 0, `httpStatus` 0). */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The form field the server names. A validation refusal reads `field: problem`
   * (`salary: 月薪应在 … 之间`); nested paths keep their dots and brackets (`employee_edu[0].school`).
   */
  get field(): string | null {
    if (this.code !== ErrorCode.ValidationFailed) return null;
    const at = this.message.indexOf(': ');
    return at > 0 ? this.message.slice(0, at) : null;
  }

  /** The message without the field's name, for showing under that field. */
  get problem(): string {
    return this.field ? this.message.slice(this.field.length + 2) : this.message;
  }

  get isNetworkFailure(): boolean {
    return this.httpStatus === 0;
  }
}

export type QueryValue = string | number | boolean | null | undefined | Array<string | number>;
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  query?: Query;
  /** JSON body, or a FormData for multipart uploads. */
  body?: unknown;
  signal?: AbortSignal;
}

/** Called once per 401: the app sends HR to the login page with where they were. */
let unauthorizedHandler: (() => void) | null = null;
export function onUnauthorized(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/** `?a=1&b=x`, leaving out empty values; arrays repeat the key. */
export function queryString(query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { 'X-platform-code': ADMIN_PLATFORM_CODE };
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`${path}${queryString(options.query)}`, { method, headers, body, signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, '网络连接失败，请检查网络后重试', 0);
  }
  if (response.status === 401 && token) {
    // The session ended (expired, logged out elsewhere, admin disabled): forget it once and go to the login page.
    session.clear();
    unauthorizedHandler?.();
  }
  return response;
}

async function refusal(response: Response): Promise<ApiError> {
  const envelope = (await response.json().catch(() => null)) as Envelope<unknown> | null;
  if (envelope && typeof envelope.status === 'number' && envelope.status !== 0) {
    return new ApiError(envelope.status, envelope.msg, response.status);
  }
  return new ApiError(ErrorCode.InternalError, `服务器错误（HTTP ${response.status}），请稍后重试`, response.status);
}

/** One call to the API: the back office's headers, the envelope unwrapped to its `data`, a refusal thrown as ApiError. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (!response.ok) throw await refusal(response);
  const envelope = (await response.json().catch(() => null)) as Envelope<T> | null;
  if (!envelope || typeof envelope.status !== 'number') throw new ApiError(ErrorCode.InternalError, '服务器返回了无法识别的内容', response.status);
  if (envelope.status !== 0) throw new ApiError(envelope.status, envelope.msg, response.status);
  return envelope.data;
}

export interface DownloadedFile {
  blob: Blob;
  filename: string;
}

/** A file answer (CSV export, PDF, evidence ZIP), fetched with the same headers; its name from Content-Disposition. */
export async function download(path: string, options: RequestOptions = {}): Promise<DownloadedFile> {
  const response = await send(options.body === undefined ? 'GET' : 'POST', path, options);
  if (!response.ok) throw await refusal(response);
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) ?? path.split('/').pop() ?? 'download' };
}

/** RFC 6266: `filename*=UTF-8''…` first (the Chinese name), else `filename="…"`. */
export function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

/** Hands a downloaded file to the browser's save dialog. */
export function saveFile({ blob, filename }: DownloadedFile): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
