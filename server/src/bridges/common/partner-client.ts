import { Logger } from '@nestjs/common';
import {
  BrokenCircuitError,
  circuitBreaker,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  IsolatedCircuitError,
  retry,
  TaskCancelledError,
  timeout,
  TimeoutStrategy,
} from 'cockatiel';
import { Clock, systemClock } from '../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { PARTNER_LABELS, PartnerName } from './bridge-name';
import { RateLimiter } from './rate-limiter';

/**
 * transient: worth trying again (network error, timeout, 429, 5xx); permanent: the partner refused
 * and will refuse again; unavailable: we did not even try, the circuit breaker is open.
 */
export type PartnerErrorKind = 'transient' | 'permanent' | 'unavailable';

export interface PartnerErrorInit {
  partner: PartnerName;
  operation: string;
  kind: PartnerErrorKind;
  /** What went wrong, in words fit for an admin: never a credential or a token. */
  message: string;
  httpStatus?: number;
  /** The partner's own error code. */
  code?: string | number;
  /** How long the partner asked us to wait (Retry-After, x-ogw-ratelimit-reset). */
  retryAfterMs?: number;
  /** The credentials were refused: a configuration problem, not a fault of the request. */
  authFailure?: boolean;
}

/** What every bridge's client throws when a partner call fails. */
export class PartnerError extends Error {
  readonly partner: PartnerName;
  readonly operation: string;
  readonly kind: PartnerErrorKind;
  readonly httpStatus?: number;
  readonly code?: string | number;
  readonly retryAfterMs?: number;
  readonly authFailure: boolean;

  constructor(init: PartnerErrorInit) {
    super(init.message);
    this.name = 'PartnerError';
    this.partner = init.partner;
    this.operation = init.operation;
    this.kind = init.kind;
    this.httpStatus = init.httpStatus;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.authFailure = init.authFailure ?? false;
  }

  /**
   * The usual reading of a failed HTTP answer: 429 and 5xx are transient (429 with the wait the
   * partner asked for), anything else permanent. Auth failures are the caller's to recognise.
   */
  static fromHttp(
    partner: PartnerName,
    operation: string,
    answer: { status: number; headers: Headers },
    message: string,
    code?: string | number,
  ): PartnerError {
    const transient = answer.status === 429 || answer.status >= 500;
    return new PartnerError({
      partner,
      operation,
      kind: transient ? 'transient' : 'permanent',
      message,
      httpStatus: answer.status,
      code,
      retryAfterMs: retryAfterMs(answer.headers),
    });
  }

}

export interface PartnerClientOptions {
  partner: PartnerName;
  /** Each attempt is abandoned after this long. */
  timeoutMs: number;
  /** Client-side rate limit: at most this many requests started per second (retries included). */
  perSecond: number;
  /** Attempts after the first one, for transient failures only. */
  retries: number;
  /** Opens after `threshold` consecutive transient failures; lets one call through after `halfOpenAfterMs`. */
  breaker: { threshold: number; halfOpenAfterMs: number };
  /** The first retry waits this long, each next one twice as long (default 500 ms). */
  backoffMs?: number;
  /** Longest wait inside one call; a partner asking for more fails the call (a queued job retries later). Default 30 s. */
  maxWaitMs?: number;
  /** The clock the rate limit is kept on: the system's unless a spec brings its own. */
  clock?: Clock;
}

/**
 * The options most bridges want: timeout and backoff from the configuration, 3 retries, and a breaker
 * that opens after 5 failures in a row and tries again after 30 backoffs (30 s with the default 1 s).
 */
export function partnerClientOptions(config: AppConfig, partner: PartnerName, perSecond: number): PartnerClientOptions {
  return {
    partner,
    timeoutMs: config.bridges.timeoutMs,
    perSecond,
    retries: 3,
    breaker: { threshold: 5, halfOpenAfterMs: 30 * config.bridges.backoffMs },
    backoffMs: config.bridges.backoffMs,
  };
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
  'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED',
]);

/** A failure to reach the partner at all (fetch's "fetch failed", a socket error, an SDK's connection error). */
export function isNetworkError(error: unknown): boolean {
  const e = error as { code?: unknown; cause?: { code?: unknown }; message?: unknown; name?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  // By name: fetch's TypeError may come from another realm (a test sandbox) than ours.
  if (e.name === 'TypeError' && e.message === 'fetch failed') return true;
  return NETWORK_CODES.has(String(e.code)) || NETWORK_CODES.has(String(e.cause?.code));
}

/**
 * One partner's calls: a rate limiter, a timeout per attempt, retries with exponential backoff for
 * transient failures only (waiting at least what the partner asked for), and a circuit breaker that
 * fails fast while the partner is down. Bridges wrap each remote operation in `call`.
 */
export class PartnerClient {
  private readonly logger: Logger;
  private readonly limiter: RateLimiter;
  private readonly retryPolicy;
  private readonly breakerPolicy;
  private readonly timeoutPolicy;

  constructor(private readonly options: PartnerClientOptions) {
    this.logger = new Logger(`Bridge:${options.partner}`);
    this.limiter = new RateLimiter(options.perSecond, options.clock ?? systemClock);
    const backoffMs = options.backoffMs ?? 500;
    const maxWaitMs = options.maxWaitMs ?? 30_000;
    const transient = (e: Error) => e instanceof PartnerError && e.kind === 'transient';
    this.retryPolicy = retry(
      handleWhen((e) => transient(e) && ((e as PartnerError).retryAfterMs ?? 0) <= maxWaitMs),
      {
        maxAttempts: options.retries,
        backoff: new DelegateBackoff((context) => {
          const asked = 'error' in context.result ? (context.result.error as PartnerError).retryAfterMs ?? 0 : 0;
          return Math.max(asked, Math.min(backoffMs * 2 ** (context.attempt - 1), maxWaitMs));
        }),
      },
    );
    // A 429 says the partner is up and busy: it is retried, but it does not open the circuit.
    this.breakerPolicy = circuitBreaker(
      handleWhen((e) => transient(e) && (e as PartnerError).httpStatus !== 429),
      { halfOpenAfter: options.breaker.halfOpenAfterMs, breaker: new ConsecutiveBreaker(options.breaker.threshold) },
    );
    this.timeoutPolicy = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.retryPolicy.onRetry((event) => {
      const reason = 'error' in event ? (event.error as PartnerError).message : 'unexpected answer';
      this.logger.warn(`retrying after ${Math.round(event.delay)} ms (attempt ${event.attempt}): ${reason}`);
    });
    this.breakerPolicy.onBreak(() => this.logger.error(`${PARTNER_LABELS[options.partner]} keeps failing: circuit open for ${options.breaker.halfOpenAfterMs} ms`));
    this.breakerPolicy.onReset(() => this.logger.log(`${PARTNER_LABELS[options.partner]} answers again: circuit closed`));
  }

  /** Runs one remote operation under the policies; anything that escapes is a PartnerError or a bug of ours. */
  async call<T>(operation: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.retryPolicy.execute(() =>
        this.breakerPolicy.execute(() =>
          this.limiter.schedule(() => this.timeoutPolicy.execute(({ signal }) => run(signal)).catch((error) => {
            throw this.classify(operation, error);
          })),
        ),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError || error instanceof IsolatedCircuitError) {
        throw new PartnerError({ partner: this.options.partner, operation, kind: 'unavailable', message: '连续失败，暂停调用，稍后再试' });
      }
      throw error;
    }
  }

  private classify(operation: string, error: unknown): unknown {
    if (error instanceof PartnerError) return error;
    const partner = this.options.partner;
    if (error instanceof TaskCancelledError) {
      return new PartnerError({ partner, operation, kind: 'transient', message: `${this.options.timeoutMs} 毫秒内无应答` });
    }
    if (isNetworkError(error)) {
      const e = error as { code?: unknown; cause?: { code?: unknown } };
      return new PartnerError({ partner, operation, kind: 'transient', message: `网络错误（${String(e.cause?.code ?? e.code ?? 'fetch failed')}）` });
    }
    return error;
  }
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers): number | undefined {
  const value = headers.get('retry-after');
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON, or the text when the body is not JSON (an HTML error page, say). */
  body: unknown;
}

/** A plain fetch for JSON APIs: never throws on an HTTP status, only when the partner cannot be reached. */
export async function fetchJson(url: string, init: RequestInit & { signal: AbortSignal }): Promise<JsonAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = text;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      // Not JSON: the caller sees the text (gateways answer outages with HTML).
    }
  }
  return { status: response.status, headers: response.headers, body };
}
