import { fetchJson, JsonAnswer, PartnerClient, PartnerError } from '../common/partner-client';
import {
  LeapinApplication,
  LeapinApplicationQuery,
  LeapinCandidate,
  LeapinEnvelope,
  LeapinInvitation,
  LeapinInviteOptions,
  LeapinJob,
  LeapinPage,
} from './leapin.types';

export interface LeapinSettings {
  /** e.g. https://app.leapin-ai.com/api/open, without a trailing slash. */
  baseUrl: string;
  accessId: string;
  accessSecret: string;
}

/** A list longer than this many pages is a loop (or a list we should not be reading whole). */
const MAX_PAGES = 200;

/** The token call's documented codes, as an admin can act on them. */
const TOKEN_ERRORS: Record<number, string> = {
  10001: '缺少 access_id（LEAPIN_ACCESS_ID）',
  10002: '缺少 access_secret（LEAPIN_ACCESS_SECRET）',
  10003: 'access_id 或 access_secret 无效，请检查 LEAPIN_ACCESS_ID / LEAPIN_ACCESS_SECRET',
};

/**
 * LeapIn's open API, one method per remote operation, each through the PartnerClient's policies.
 * The token from POST /access_token/ is kept and reused; LeapIn answers HTTP 401 to an expired or
 * invalid token, and then the client logs in again once and repeats the request.
 */
export class LeapinClient {
  private token: string | null = null;
  private login: Promise<string> | null = null;

  constructor(
    private readonly settings: LeapinSettings,
    private readonly partner: PartnerClient,
  ) {}

  /** GET /jobs/: one page. */
  jobs(query: { page?: number; page_size?: number }): Promise<LeapinPage<LeapinJob>> {
    return this.request('jobs.list', 'GET', `/jobs/${search(query)}`);
  }

  /** GET /jobs/ from `query.page` on, following `next` to the end. */
  allJobs(query: { page?: number; page_size?: number }): Promise<{ count: number; results: LeapinJob[] }> {
    return this.collect('jobs.list', '/jobs/', query);
  }

  /** POST /jobs/<job_id>/applications/: LeapIn answers one application, or one per candidate. */
  async invite(jobId: number, candidates: LeapinCandidate[], options: LeapinInviteOptions): Promise<LeapinInvitation[]> {
    const data = await this.request<LeapinInvitation | LeapinInvitation[]>('applications.invite', 'POST', `/jobs/${jobId}/applications/`, {
      candidate_list: candidates,
      ...options,
    });
    return Array.isArray(data) ? data : [data];
  }

  /** GET /jobs/applications/ from `query.page` on, following `next` to the end. */
  allApplications(query: LeapinApplicationQuery): Promise<{ count: number; results: LeapinApplication[] }> {
    return this.collect('applications.list', '/jobs/applications/', query);
  }

  /**
   * Reads a list page by page. Of each `next` link only the query is used, asked of the same
   * endpoint under LEAPIN_BASE_URL: LeapIn writes absolute links that may name another host or
   * path prefix (its own behind a proxy), and the token must never go anywhere but the configured address.
   */
  private async collect<T>(operation: string, path: string, query: object): Promise<{ count: number; results: T[] }> {
    const results: T[] = [];
    const seen = new Set<string>();
    let pageQuery = search(query);
    for (let pages = 1; ; pages++) {
      const page = await this.request<LeapinPage<T>>(operation, 'GET', `${path}${pageQuery}`);
      results.push(...(page.results ?? []));
      if (!page.next) return { count: page.count ?? results.length, results };
      seen.add(pageQuery);
      pageQuery = new URL(page.next, `${this.settings.baseUrl}/`).search;
      if (seen.has(pageQuery) || pages >= MAX_PAGES) {
        throw new PartnerError({ partner: 'leapin', operation, kind: 'permanent', message: `分页链接异常（next 重复或超过 ${MAX_PAGES} 页）` });
      }
    }
  }

  private request<T>(operation: string, method: 'GET' | 'POST', pathAndQuery: string, body?: object): Promise<T> {
    return this.partner.call(operation, async (signal) => {
      const send = (token: string) =>
        fetchJson(`${this.settings.baseUrl}${pathAndQuery}`, {
          method,
          headers: { 'Content-Type': 'application/json', 'x-leapin-open-api-access-id': this.settings.accessId, Authorization: `Bearer ${token}` },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
        });
      let token = await this.currentToken(signal);
      let answer = await send(token);
      if (answer.status === 401) {
        if (this.token === token) this.token = null;
        token = await this.currentToken(signal);
        answer = await send(token);
        if (answer.status === 401) {
          throw new PartnerError({ partner: 'leapin', operation, kind: 'permanent', authFailure: true, httpStatus: 401, message: '新取得的 token 也被拒绝' });
        }
      }
      return unwrap<T>(operation, answer).data as T;
    });
  }

  /** The kept token, or a new one; concurrent callers share one login. */
  private currentToken(signal: AbortSignal): Promise<string> {
    if (this.token) return Promise.resolve(this.token);
    this.login ??= this.fetchToken(signal).finally(() => (this.login = null));
    return this.login;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const answer = await fetchJson(`${this.settings.baseUrl}/access_token/`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ access_id: this.settings.accessId, access_secret: this.settings.accessSecret }),
      signal,
    });
    const body = answer.body as { code?: unknown; token?: unknown; data?: { token?: unknown } } | null;
    const tokenError = typeof body?.code === 'number' ? TOKEN_ERRORS[body.code] : undefined;
    if (tokenError) {
      throw new PartnerError({ partner: 'leapin', operation: 'access_token', kind: 'permanent', authFailure: true, httpStatus: answer.status, code: body!.code as number, message: tokenError });
    }
    const token = unwrap<never>('access_token', answer).token ?? body?.data?.token;
    if (typeof token !== 'string' || !token) {
      throw new PartnerError({ partner: 'leapin', operation: 'access_token', kind: 'permanent', authFailure: true, message: '获取 token 的应答中没有 token' });
    }
    this.token = token;
    return token;
  }
}

/** `{code, error_msg, data}` with code 0 and HTTP 2xx, or the PartnerError it means. */
function unwrap<T>(operation: string, answer: JsonAnswer): LeapinEnvelope<T> & { token?: unknown } {
  const body = answer.body as (LeapinEnvelope<T> & { token?: unknown }) | null;
  const said = typeof body === 'object' && body && typeof body.error_msg === 'string' && body.error_msg ? `：${body.error_msg}` : '';
  if (answer.status < 200 || answer.status >= 300) {
    throw PartnerError.fromHttp('leapin', operation, answer, `HTTP ${answer.status}${said}`, body?.code);
  }
  if (typeof body !== 'object' || !body || typeof body.code !== 'number') {
    throw new PartnerError({ partner: 'leapin', operation, kind: 'permanent', httpStatus: answer.status, message: '应答不是 {code, error_msg, data} 格式' });
  }
  if (body.code !== 0) {
    throw new PartnerError({ partner: 'leapin', operation, kind: 'permanent', httpStatus: answer.status, code: body.code, message: `错误码 ${body.code}${said}` });
  }
  return body;
}

/** `?a=1&b=2` of the defined values, or '' when there are none. */
function search(query: object): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
