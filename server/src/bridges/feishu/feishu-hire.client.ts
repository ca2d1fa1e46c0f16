import { AsyncLocalStorage } from 'node:async_hooks';
import type * as lark from '@larksuiteoapi/node-sdk';
import type { AppConfig } from '../../config/app-config';
import { PartnerClient, partnerClientOptions, PartnerError } from '../common/partner-client';

type ExternalApplicationApi = lark.Client['hire']['v1']['externalApplication'];
type ListAnswer = Awaited<ReturnType<ExternalApplicationApi['list']>>;
/** An external application as Feishu lists it (the list shows no external_id). */
export type ExternalApplication = NonNullable<NonNullable<ListAnswer['data']>['items']>[number];
/** The body of a create, and of an update, which overwrites the whole external application. */
export type ExternalApplicationInput = NonNullable<Parameters<ExternalApplicationApi['create']>[0]>['data'];

/** The client's injection token; its value is null while the bridge is off. */
export const FEISHU_CLIENT = Symbol('FEISHU_CLIENT');

/** Feishu's documented maximum for the list. */
const PAGE_SIZE = 20;
/**
 * Feishu allows 20 requests a second on each Hire API. The client spaces them for 18: requests leave
 * at least 1/18 s apart, so network jitter that bunches two arrivals never makes 21 in a second there.
 */
const PER_SECOND = 18;
/**
 * Answers to a tenant_access_token Feishu no longer takes (missing, invalid or expired before the
 * SDK's cache thought so): the bridge fetches a new token and tries once more.
 */
const INVALID_TOKEN = new Set([99991661, 99991663, 99991668]);
const RATE_LIMITED = 99991400;
/** 系统异常 (HTTP 500) in the Hire API's table: worth another try. */
const SYSTEM_ERROR = 1002001;
const TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
/** How the SDK reports a token answer that holds no token. */
const SDK_TOKEN_ERROR = /^failed to get tenant_access_token, code: (\S+), msg: (.*)$/s;

/** An answer of Feishu's, whatever the HTTP status it came with. */
interface Answer {
  status: number;
  headers: Record<string, unknown>;
  code?: number;
  msg?: string;
  data?: unknown;
}

interface AxiosLikeError {
  isAxiosError: true;
  code?: string;
  config?: { url?: string };
  response?: { status: number; headers: Record<string, unknown>; data: unknown };
}

const isAxiosError = (error: unknown): error is AxiosLikeError => (error as { isAxiosError?: unknown } | null)?.isAxiosError === true;

type CacheKey = Parameters<lark.Cache['get']>[0];

/**
 * The SDK's token cache, owned by this client: a Map like the SDK's default one (which is shared by
 * every client of the process), plus `clear()` for when Feishu refuses the cached token.
 */
class TokenCache implements lark.Cache {
  private readonly values = new Map<string, { value: unknown; expiresAt?: number }>();

  async get(key: CacheKey, options?: { namespace?: string }): Promise<unknown> {
    const entry = this.values.get(this.key(key, options));
    return entry && (!entry.expiresAt || entry.expiresAt > Date.now()) ? entry.value : undefined;
  }

  async set(key: CacheKey, value: unknown, expiresAt?: number, options?: { namespace?: string }): Promise<boolean> {
    this.values.set(this.key(key, options), { value, expiresAt });
    return true;
  }

  clear(): void {
    this.values.clear();
  }

  private key(key: CacheKey, options?: { namespace?: string }): string {
    return `${options?.namespace ?? ''}/${key.toString()}`;
  }
}

/**
 * The SDK logs whole axios errors: their request headers carry the tenant_access_token and the token
 * request's body the app_secret. It gets this logger, which keeps nothing; what a failure means
 * reaches our logs as a PartnerError, whose message holds Feishu's code and msg only.
 */
const DISCARD: lark.Logger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined, trace: () => undefined };

/**
 * Feishu Hire's external applications through the official SDK (`@larksuiteoapi/node-sdk`), which
 * fetches and caches the tenant_access_token. Around it: each answer's `code` is checked (the SDK
 * resolves non-zero codes as successes), a refused token is replaced once, and every call runs under
 * a PartnerClient of its API (20 requests a second each, timeout, retries, circuit breaker).
 */
export class FeishuHireClient {
  private readonly sdk: lark.Client;
  private readonly tokens = new TokenCache();
  /** The abort signal of the PartnerClient attempt in progress, for the SDK's axios requests. */
  private readonly signals = new AsyncLocalStorage<AbortSignal>();
  private readonly listing: PartnerClient;
  /**
   * Writes run as queued jobs, and the queue retries them (honouring Feishu's wait), not the call:
   * after a lost create answer Feishu may hold the external application anyway, and the job looks
   * for it before creating again.
   */
  private readonly creating: PartnerClient;
  private readonly updating: PartnerClient;

  constructor(config: AppConfig) {
    const feishu = config.bridges.feishu;
    if (!feishu) throw new Error('FeishuHireClient needs FEISHU_APP_ID and FEISHU_APP_SECRET');
    const options = partnerClientOptions(config, 'feishu', PER_SECOND);
    this.listing = new PartnerClient(options);
    this.creating = new PartnerClient({ ...options, retries: 0 });
    this.updating = new PartnerClient({ ...options, retries: 0 });

    // Loaded only once Feishu is configured: the SDK costs about 0.1 s of start-up otherwise spent for nothing.
    const sdk = require('@larksuiteoapi/node-sdk') as typeof lark;
    // The SDK's own axios instance, copied with a timeout; each request also gets the attempt's signal.
    const http = sdk.defaultHttpInstance.create({ timeout: config.bridges.timeoutMs });
    http.interceptors.request.use((request) => {
      request.signal = this.signals.getStore();
      return request;
    });
    // What the SDK expects of its http instance: the body of the answer (axios's types cannot tell).
    http.interceptors.response.use((response) => response.data);
    this.sdk = new sdk.Client({
      appId: feishu.appId,
      appSecret: feishu.appSecret,
      domain: feishu.domain,
      appType: sdk.AppType.SelfBuild,
      cache: this.tokens,
      httpInstance: http as lark.HttpInstance,
      logger: DISCARD,
      loggerLevel: sdk.LoggerLevel.error,
    });
  }

  /** Every external application of a talent, following `page_token` while `has_more` (not the SDK's iterator, which hides errors). */
  async listExternalApplications(talentId: string): Promise<ExternalApplication[]> {
    const items: ExternalApplication[] = [];
    const seen = new Set<string>();
    let pageToken: string | undefined;
    do {
      const params = { talent_id: talentId, page_size: PAGE_SIZE, ...(pageToken ? { page_token: pageToken } : {}) };
      const page = await this.request(this.listing, 'list_external_applications', () => this.sdk.hire.v1.externalApplication.list({ params }));
      items.push(...(page.items ?? []));
      pageToken = page.has_more ? page.page_token : undefined;
      if (page.has_more && (!pageToken || seen.has(pageToken))) {
        throw this.refusal('list_external_applications', 'has_more 为 true，但没有新的 page_token');
      }
      if (pageToken) seen.add(pageToken);
    } while (pageToken);
    return items;
  }

  async createExternalApplication(input: ExternalApplicationInput): Promise<string> {
    const data = await this.request(this.creating, 'create_external_application', () => this.sdk.hire.v1.externalApplication.create({ data: input }));
    return this.externalApplicationId('create_external_application', data.external_application?.id);
  }

  async updateExternalApplication(id: string, input: ExternalApplicationInput): Promise<void> {
    await this.request(this.updating, 'update_external_application', () =>
      this.sdk.hire.v1.externalApplication.update({ data: input, path: { external_application_id: id } }),
    );
  }

  private externalApplicationId(operation: string, id: string | undefined): string {
    if (!id) throw this.refusal(operation, '应答中没有外部投递 ID');
    return id;
  }

  /** One call of an API: its `code` checked, a refused token replaced once, Feishu's data returned. */
  private request<T extends { code?: number; msg?: string; data?: object }>(
    api: PartnerClient,
    operation: string,
    send: () => Promise<T>,
  ): Promise<NonNullable<T['data']>> {
    return api.call(operation, async (signal) => {
      let answer = await this.send(operation, signal, send);
      if (answer.code !== undefined && INVALID_TOKEN.has(answer.code)) {
        this.tokens.clear();
        answer = await this.send(operation, signal, send);
        if (answer.code !== undefined && INVALID_TOKEN.has(answer.code)) {
          throw new PartnerError({
            partner: 'feishu', operation, kind: 'permanent', authFailure: true, httpStatus: answer.status, code: answer.code,
            message: `新取得的 tenant_access_token 也被拒绝：${describe(answer)}`,
          });
        }
      }
      if (answer.code === 0) return (answer.data ?? {}) as NonNullable<T['data']>;
      throw this.failure(operation, answer);
    });
  }

  /**
   * Runs the SDK call with the attempt's signal. An error status of the API is an answer like any
   * other; a failed token request, or no answer at all, throws.
   */
  private async send<T extends { code?: number; msg?: string; data?: object }>(operation: string, signal: AbortSignal, call: () => Promise<T>): Promise<Answer> {
    try {
      const body = await this.signals.run(signal, call);
      return { status: 200, headers: {}, code: body?.code, msg: body?.msg, data: body?.data };
    } catch (error) {
      if (!isAxiosError(error)) {
        // The SDK's own error for a token answer without a token (HTTP 200, non-zero code): it names only code and msg.
        const refused = error instanceof Error ? SDK_TOKEN_ERROR.exec(error.message) : null;
        if (refused) throw this.tokenFailure(operation, { status: 200, headers: {}, code: /^-?\d+$/.test(refused[1]) ? Number(refused[1]) : undefined, msg: refused[2] });
        throw error;
      }
      // An axios error is never passed on as it is: its config holds the token or the app_secret.
      if (!error.response) throw new PartnerError({ partner: 'feishu', operation, kind: 'transient', message: `网络错误（${error.code ?? '无应答'}）` });
      const { status, headers, data } = error.response;
      const body = (typeof data === 'object' && data !== null ? data : {}) as { code?: unknown; msg?: unknown };
      const answer: Answer = { status, headers, code: typeof body.code === 'number' ? body.code : undefined, msg: typeof body.msg === 'string' ? body.msg : undefined };
      if (error.config?.url?.endsWith(TOKEN_PATH)) throw this.tokenFailure(operation, answer);
      return answer;
    }
  }

  private tokenFailure(operation: string, answer: Answer): PartnerError {
    const transient = answer.status === 429 || answer.status >= 500;
    return new PartnerError({
      partner: 'feishu', operation, kind: transient ? 'transient' : 'permanent', authFailure: !transient,
      httpStatus: answer.status, code: answer.code, retryAfterMs: rateLimitResetMs(answer.headers),
      message: `获取 tenant_access_token 失败：${describe(answer)}`,
    });
  }

  /** A non-zero code: rate limits, 5xx and 系统异常 are transient; the rest is Feishu refusing the request. */
  private failure(operation: string, answer: Answer): PartnerError {
    const transient = answer.status === 429 || answer.code === RATE_LIMITED || answer.status >= 500 || answer.code === SYSTEM_ERROR;
    return new PartnerError({
      partner: 'feishu', operation, kind: transient ? 'transient' : 'permanent',
      httpStatus: answer.status, code: answer.code, retryAfterMs: rateLimitResetMs(answer.headers),
      message: describe(answer),
    });
  }

  private refusal(operation: string, message: string): PartnerError {
    return new PartnerError({ partner: 'feishu', operation, kind: 'permanent', message });
  }
}

/** Feishu's words for a failure: its msg and code, or the HTTP status of an answer that was not Feishu's JSON (a gateway page). */
function describe(answer: Answer): string {
  return answer.code === undefined ? `HTTP ${answer.status}` : `${answer.msg ?? ''}（code ${answer.code}）`;
}

/** `x-ogw-ratelimit-reset`: the seconds until Feishu's rate-limit window reopens. */
function rateLimitResetMs(headers: Record<string, unknown>): number | undefined {
  const seconds = Number(headers['x-ogw-ratelimit-reset']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : undefined;
}
