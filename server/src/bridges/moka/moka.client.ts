import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PartnerClient, PartnerError, partnerClientOptions } from '../common/partner-client';
import type {
  MokaApplication,
  MokaApplicationsQuery,
  MokaDepartment,
  MokaDepartmentCounts,
  MokaOfferCustomFields,
  MokaUserInfo,
} from './moka.types';

/** Moka asks for about one request a second. */
const MOKA_PER_SECOND = 1;
/** `limit` of ehrApplications: Moka's default and maximum. */
const PAGE_LIMIT = 20;
/** A runaway cursor stops here: 100 000 candidates in one stage is far past any real import. */
const MAX_PAGES = 5000;
/** Moka's documented limit of `POST /v1/users/syncInfo`. */
export const MOKA_USERS_PER_BATCH = 100;

/**
 * Moka refuses a wrong API key with HTTP 500 (or 401/403) and a message about authentication:
 * permanent, never retried.
 */
const AUTH_MESSAGE = /unauthori[sz]ed|authenticat|api[ _-]?key|apikey|认证|鉴权|授权|密钥/i;
/** What Moka answers a stage query that has no candidates (seed: "会提示服务器异常"). */
const EMPTY_STAGE_MESSAGE = '服务器异常';
/** Moka is still applying an earlier department change: worth trying again later. */
const DEPARTMENTS_BUSY_MESSAGE = '未处理完的组织架构更新';

type Method = 'GET' | 'POST' | 'PUT';

interface MokaAnswer {
  status: number;
  headers: Headers;
  body: unknown;
  /** Moka's error text (`errorMessage`, else `msg`/`message`), '' when none. */
  message: string;
  /** The stage asked for has no candidates. */
  emptyStage?: boolean;
}

/**
 * Moka's open API (seed 002), one method per remote operation, on PartnerClient's limiter, timeout,
 * retries and breaker. HTTP Basic auth: the API key is the user name, the password empty.
 */
@Injectable()
export class MokaClient {
  private readonly partner: PartnerClient;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, @Inject(CLOCK) clock: Clock) {
    this.partner = new PartnerClient({ ...partnerClientOptions(config, 'moka', MOKA_PER_SECOND), clock });
  }

  /** `GET /v1/offers/custom_fields` */
  async getOfferCustomFields(): Promise<MokaOfferCustomFields> {
    const answer = await this.call('offers.custom_fields', 'GET', '/v1/offers/custom_fields');
    const body = answer.body as Partial<MokaOfferCustomFields>;
    return { social: Array.isArray(body?.social) ? body.social : [], campus: Array.isArray(body?.campus) ? body.campus : [] };
  }

  /**
   * Every application of a stage (`GET /v1/data/ehrApplications`, newest first), following `next`
   * until Moka leaves it out. A stage without candidates makes Moka answer "服务器异常": on the
   * first page that is an empty stage, not a failure.
   */
  async listEhrApplications(query: MokaApplicationsQuery): Promise<MokaApplication[]> {
    const applications: MokaApplication[] = [];
    const seen = new Set<string>();
    let next: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const params: Record<string, string | undefined> = {
        stage: query.stage,
        movedAtStartTime: query.movedFrom,
        movedAtEndTime: query.movedTo,
        limit: String(PAGE_LIMIT),
        next,
      };
      const firstPage = next === undefined;
      const answer = await this.call('applications.list', 'GET', '/v1/data/ehrApplications', { params, emptyStage: firstPage });
      if (answer.emptyStage) return [];
      const body = answer.body as { data?: unknown; next?: unknown };
      if (!Array.isArray(body?.data)) throw this.unexpected('applications.list', answer);
      applications.push(...(body.data as MokaApplication[]));
      if (body.next === undefined || body.next === null || body.next === '') return applications;
      next = String(body.next);
      // With order=ASC Moka always sends `next`; we never ask for that order, and a cursor that
      // comes back twice would loop forever.
      if (seen.has(next)) throw new PartnerError({ partner: 'moka', operation: 'applications.list', kind: 'permanent', message: `分页游标 next=${next} 重复出现` });
      seen.add(next);
    }
    throw new PartnerError({ partner: 'moka', operation: 'applications.list', kind: 'permanent', message: `超过 ${MAX_PAGES} 页仍未结束` });
  }

  /**
   * `POST /v1/users/syncInfo`, at most 100 users. Moka stops at the first user it refuses and
   * answers that user's email (or number) in front of the reason; the users before it are synced.
   */
  async syncUsers(users: MokaUserInfo[]): Promise<void> {
    if (users.length > MOKA_USERS_PER_BATCH) throw new RangeError(`Moka takes at most ${MOKA_USERS_PER_BATCH} users per request`);
    await this.call('users.sync', 'POST', '/v1/users/syncInfo', { body: { usersInfo: users } });
  }

  /** `POST /v1/departments/sync/incremental`: adds departments; Moka refuses codes or names it already has. */
  async syncDepartmentsIncremental(departments: MokaDepartment[]): Promise<void> {
    await this.call('departments.incremental', 'POST', '/v1/departments/sync/incremental', { body: departments });
  }

  /** `POST /v1/departments`: changes the departments with these codes. */
  async updateDepartments(departments: MokaDepartment[]): Promise<void> {
    await this.call('departments.update', 'POST', '/v1/departments', { body: departments });
  }

  /**
   * `PUT /v1/departments`: the full sync. Every department of Moka's that is not in the list is
   * marked deleted there, so the list must be complete.
   */
  async replaceAllDepartments(departments: MokaDepartment[]): Promise<MokaDepartmentCounts> {
    const answer = await this.call('departments.replace', 'PUT', '/v1/departments', { body: departments });
    const result = (answer.body as { result?: Partial<MokaDepartmentCounts> })?.result ?? {};
    return { new: Number(result.new ?? 0), update: Number(result.update ?? 0), delete: Number(result.delete ?? 0) };
  }

  private call(
    operation: string,
    method: Method,
    path: string,
    options: { params?: Record<string, string | undefined>; body?: unknown; emptyStage?: boolean } = {},
  ): Promise<MokaAnswer> {
    const moka = this.config.bridges.moka;
    if (!moka) throw new PartnerError({ partner: 'moka', operation, kind: 'permanent', message: 'Moka 未配置' });
    const url = new URL(`${moka.baseUrl}${path}`);
    for (const [name, value] of Object.entries(options.params ?? {})) if (value !== undefined) url.searchParams.set(name, value);

    return this.partner.call(operation, async (signal) => {
      const response = await fetch(url, {
        method,
        signal,
        headers: {
          Authorization: `Basic ${Buffer.from(`${moka.apiKey}:`).toString('base64')}`,
          Accept: 'application/json',
          ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      });
      const answer = readAnswer(response.status, response.headers, await response.text());
      if (options.emptyStage && answer.message.includes(EMPTY_STAGE_MESSAGE) && (answer.status === 200 || answer.status === 500)) {
        return { ...answer, emptyStage: true };
      }
      const failure = this.failure(operation, answer);
      if (failure) throw failure;
      return answer;
    });
  }

  /** What a Moka answer means: null for a success, else the PartnerError to throw. */
  private failure(operation: string, answer: MokaAnswer): PartnerError | null {
    const refused = (answer.body as { success?: unknown })?.success === false;
    if (answer.status >= 200 && answer.status < 300 && !refused) return null;
    const message = this.redact(answer.message || `HTTP ${answer.status}`);
    const code = (answer.body as { code?: string | number })?.code;
    if (answer.status === 401 || answer.status === 403 || (answer.status >= 500 && AUTH_MESSAGE.test(answer.message))) {
      return new PartnerError({ partner: 'moka', operation, kind: 'permanent', message, httpStatus: answer.status, code, authFailure: true });
    }
    if (answer.status >= 200 && answer.status < 300) {
      const busy = answer.message.includes(DEPARTMENTS_BUSY_MESSAGE);
      return new PartnerError({ partner: 'moka', operation, kind: busy ? 'transient' : 'permanent', message, httpStatus: answer.status, code });
    }
    return PartnerError.fromHttp('moka', operation, answer, message, code);
  }

  private unexpected(operation: string, answer: MokaAnswer): PartnerError {
    return new PartnerError({ partner: 'moka', operation, kind: 'permanent', message: `无法识别的应答（HTTP ${answer.status}）`, httpStatus: answer.status });
  }

  /** Moka has no reason to echo the key, but a message that did must not carry it on to logs and answers. */
  private redact(message: string): string {
    const key = this.config.bridges.moka?.apiKey;
    return (key ? message.split(key).join('***') : message).slice(0, 400);
  }
}

/**
 * Moka's JSON, with every `applicationId` kept as the digits Moka wrote: ids past 2^53 would lose
 * their last digits in a JavaScript number.
 */
function readAnswer(status: number, headers: Headers, text: string): MokaAnswer {
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text.replace(/("applicationId"\s*:\s*)(-?\d+)/g, '$1"$2"')) : null;
  } catch {
    // Not JSON: gateways answer outages with HTML.
  }
  const fields = (body && typeof body === 'object' ? body : {}) as { errorMessage?: unknown; msg?: unknown; message?: unknown };
  const message = [fields.errorMessage, fields.msg, fields.message].find((m) => typeof m === 'string' && m.trim()) as string | undefined;
  return { status, headers, body, message: message?.trim() ?? '' };
}
