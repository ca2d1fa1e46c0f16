import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BridgeName } from './bridge-name';
import { BridgeStatusService } from './bridge-status.service';
import { PartnerError } from './partner-client';

export type BridgeJobHandler<P extends object = Record<string, unknown>> = (payload: P) => Promise<void>;

/** The longest wait between two attempts of a job. */
export const MAX_JOB_DELAY_MS = 10 * 60 * 1000;
/** A job failing with something other than a PartnerError (a bug of ours, a database error) gets this many attempts. */
export const MAX_UNEXPECTED_ATTEMPTS = 5;
/** Stored dedupe keys are `<bridge>:<type>:<key>` in a varchar(128). */
const DEDUPE_KEY_MAX = 128;

/**
 * Persisted work that changes a partner's data (invites, syncs, mirroring): a restart or a partner
 * outage loses nothing. Bridges register a handler per job type at module init and enqueue jobs;
 * handlers run one at a time per bridge, in order of due time. A handler that throws a transient
 * PartnerError is retried with exponential backoff (at least the wait the partner asked for) until it
 * succeeds; a permanent one fails the job at once. The implementation is chosen at start-up:
 * BullMQ on Redis when REDIS_URL is set, the database outbox otherwise.
 */
export abstract class BridgeQueue implements OnApplicationBootstrap {
  protected readonly logger = new Logger('BridgeQueue');
  private readonly handlers = new Map<string, BridgeJobHandler<never>>();
  private readonly running = new Set<BridgeName>();
  private bootstrapped = false;

  constructor(
    protected readonly status: BridgeStatusService,
    /** The first wait after a failure, doubled on each further one. */
    protected readonly backoffMs: number,
  ) {}

  /**
   * Adds a job. With a dedupeKey, a job of the same bridge, type and key that is pending, running or
   * done is not added again (one that failed is given its new payload and another chance).
   */
  abstract enqueue(bridge: BridgeName, type: string, payload: object, dedupeKey?: string): Promise<void>;

  /** Jobs of the bridge not yet done nor failed (the status page's pending_jobs). */
  abstract pending(bridge: BridgeName): Promise<number>;

  /** For tests: resolves once no job of a bridge with handlers is pending; rejects after timeoutMs. */
  abstract drain(timeoutMs: number): Promise<void>;

  /** Starts running the bridge's jobs: its loop or worker, one job at a time. */
  protected abstract start(bridge: BridgeName): void;

  /** Bridges register their handlers in onModuleInit; jobs start to run once every module has. */
  handle<P extends object>(bridge: BridgeName, type: string, handler: BridgeJobHandler<P>): void {
    const key = `${bridge}/${type}`;
    if (this.handlers.has(key)) throw new Error(`BridgeQueue: a handler for ${key} is already registered`);
    this.handlers.set(key, handler as BridgeJobHandler<never>);
    if (this.bootstrapped) this.startOnce(bridge);
  }

  onApplicationBootstrap(): void {
    this.bootstrapped = true;
    for (const bridge of this.bridgesWithHandlers()) this.startOnce(bridge);
  }

  /** The bridges that registered handlers: only those get their jobs run (a bridge that is off registers none). */
  protected bridgesWithHandlers(): BridgeName[] {
    return [...new Set([...this.handlers.keys()].map((key) => key.split('/')[0] as BridgeName))];
  }

  private startOnce(bridge: BridgeName): void {
    if (this.running.has(bridge)) return;
    this.running.add(bridge);
    this.start(bridge);
  }

  /** `<bridge>:<type>:<key>`: the same key under two types or bridges names two jobs. */
  protected storedDedupeKey(bridge: BridgeName, type: string, dedupeKey: string): string {
    const stored = `${bridge}:${type}:${dedupeKey}`;
    if (stored.length > DEDUPE_KEY_MAX) throw new Error(`BridgeQueue: dedupe key ${stored} is longer than ${DEDUPE_KEY_MAX} characters`);
    return stored;
  }

  /** Runs one attempt of a job and records its outcome on the status page; throws what the handler threw. */
  protected async execute(bridge: BridgeName, type: string, payload: object): Promise<void> {
    const handler = this.handlers.get(`${bridge}/${type}`);
    if (!handler) {
      throw new PartnerError({ partner: bridge, operation: type, kind: 'permanent', message: `no handler for jobs of type ${type}` });
    }
    try {
      await (handler as BridgeJobHandler<object>)(payload);
    } catch (error) {
      await this.status.recordError(bridge, type, error).catch((e) => this.logger.error(`recording a job error failed: ${String(e)}`));
      throw error;
    }
    await this.status.recordSuccess(bridge, type).catch((e) => this.logger.error(`recording a job success failed: ${String(e)}`));
  }

  /**
   * How long to wait before attempt `attempt + 1` after `error`, or null to give up: never for a
   * transient failure (the partner will come back), at once for a permanent one.
   */
  protected retryDelay(error: unknown, attempt: number): number | null {
    const exponential = Math.min(this.backoffMs * 2 ** Math.max(0, attempt - 1), MAX_JOB_DELAY_MS);
    if (error instanceof PartnerError) {
      if (error.kind === 'permanent') return null;
      return Math.max(exponential, error.retryAfterMs ?? 0);
    }
    return attempt < MAX_UNEXPECTED_ATTEMPTS ? exponential : null;
  }
}
