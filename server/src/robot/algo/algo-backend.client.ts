import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '../../common/clock';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PartnerClient, PartnerError } from '../../bridges/common/partner-client';
import { robotApiUrl } from './robot-api-policy';

export type ChatSpeaker = 'robot' | 'user' | 'system';

/** One message of a conversation as the backend receives it; `time` is ISO 8601 when known. */
export interface AlgoHistoryMessage {
  speaker: ChatSpeaker;
  msg: string;
  time?: string;
}

/** The body of `POST <base><robotApi>` (docs/robot.md, "The algorithm backend"). */
export interface AlgoRequest {
  conversation_id: string;
  job: { name: string; jd: string };
  history: AlgoHistoryMessage[];
  /** The candidate's newest messages, joined: what the reply answers. */
  message: string;
}

/** The backend's proposal; `intent` is free text, of which the script reads `refuse` and `trivial`. */
export interface AlgoAnswer {
  reply: string;
  intent: string | null;
}

/** An answer body beyond this is refused unread: a chat reply is a few lines. */
export const ALGO_ANSWER_MAX_BYTES = 64 * 1024;
export const ALGO_REPLY_MAX_CHARS = 1000;
const INTENT_MAX_CHARS = 64;
/** The RPA client waits for the chat answer: one retry at most, and no more than a few calls a second per backend. */
const RETRIES = 1;
const PER_SECOND = 20;

/** Why there is no answer to use; the chat service maps every one of them to `algo_abnormal`. */
export class AlgoBackendError extends Error {
  constructor(
    message: string,
    /** unavailable: the breaker is open or the robotApi is no longer under a configured base. */
    readonly kind: 'transient' | 'permanent' | 'unavailable',
  ) {
    super(message);
    this.name = 'AlgoBackendError';
  }
}

/**
 * Calls a job's algorithm backend under PartnerClient's timeout, retries and circuit breaker, one
 * breaker per base so that one vendor's outage does not silence the others. Redirects are never
 * followed (the target could be anywhere), and anything but a well-formed answer is a failure.
 */
@Injectable()
export class AlgoBackendClient {
  private readonly partners = new Map<string, PartnerClient>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, @Inject(CLOCK) private readonly clock: Clock) {}

  async propose(robotApi: string, request: AlgoRequest): Promise<AlgoAnswer> {
    const bases = this.config.robotAlgo.baseUrls;
    const url = robotApiUrl(robotApi, bases);
    if (!url) throw new AlgoBackendError(`robotApi ${robotApi} 不在已配置的算法后端地址之内`, 'unavailable');
    const base = bases.find((candidate) => url.startsWith(`${candidate}/`))!;
    try {
      return await this.partner(base).call('chat', async (signal) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(request),
          redirect: 'manual',
          signal,
        });
        return readAnswer(response);
      });
    } catch (error) {
      if (error instanceof PartnerError) throw new AlgoBackendError(error.message, error.kind);
      throw error;
    }
  }

  private partner(base: string): PartnerClient {
    let partner = this.partners.get(base);
    if (!partner) {
      partner = new PartnerClient({
        partner: 'robot_algo',
        timeoutMs: this.config.robotAlgo.timeoutMs,
        perSecond: PER_SECOND,
        retries: RETRIES,
        breaker: { threshold: 5, halfOpenAfterMs: 30 * this.config.bridges.backoffMs },
        backoffMs: this.config.bridges.backoffMs,
        clock: this.clock,
      });
      this.partners.set(base, partner);
    }
    return partner;
  }
}

async function readAnswer(response: Response): Promise<AlgoAnswer> {
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw new PartnerError({ partner: 'robot_algo', operation: 'chat', kind: 'permanent', httpStatus: response.status, message: `答复了重定向（HTTP ${response.status}），不跟随` });
  }
  const text = await readLimited(response);
  if (text === null) throw new PartnerError({ partner: 'robot_algo', operation: 'chat', kind: 'permanent', httpStatus: response.status, message: `答复超过 ${ALGO_ANSWER_MAX_BYTES} 字节` });
  if (response.status !== 200) throw PartnerError.fromHttp('robot_algo', 'chat', response, `HTTP ${response.status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed(response, '答复不是 JSON');
  }
  const { reply, intent } = (body ?? {}) as { reply?: unknown; intent?: unknown };
  if (typeof reply !== 'string') throw malformed(response, '答复缺少字符串 reply');
  if (reply.length > ALGO_REPLY_MAX_CHARS) throw malformed(response, `reply 超过 ${ALGO_REPLY_MAX_CHARS} 个字符`);
  if (intent !== undefined && intent !== null && (typeof intent !== 'string' || intent.length > INTENT_MAX_CHARS)) {
    throw malformed(response, `intent 应为不超过 ${INTENT_MAX_CHARS} 个字符的字符串`);
  }
  return { reply, intent: intent ?? null };
}

function malformed(response: Response, message: string): PartnerError {
  return new PartnerError({ partner: 'robot_algo', operation: 'chat', kind: 'permanent', httpStatus: response.status, message });
}

/** The body as text, or null past ALGO_ANSWER_MAX_BYTES (stops reading there, whatever Content-Length says). */
async function readLimited(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    // Leaving the loop cancels the stream: the rest is never read.
    if (size > ALGO_ANSWER_MAX_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
