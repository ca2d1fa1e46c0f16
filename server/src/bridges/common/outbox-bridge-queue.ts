import { BeforeApplicationShutdown } from '@nestjs/common';
import { isUniqueViolation } from '../../database/query-errors';
import { BridgeJobRepository } from './bridge-job.repository';
import { BridgeName } from './bridge-name';
import { BridgeQueue } from './bridge-queue';
import { BridgeStatusService } from './bridge-status.service';

/**
 * A claimed job is someone's for this long: if its server dies mid-job, another (or the restarted
 * one) takes it over once the lease has run out. Longer than any job's calls with their retries.
 */
const LEASE_MS = 5 * 60 * 1000;

/**
 * The queue in the database (table bridge_job), for servers without Redis. One loop per bridge
 * claims the next due job atomically (an UPDATE conditioned on the row as it was read, so of several
 * servers exactly one wins), runs it, and stores the outcome: done, failed, or pending again at a
 * later next_run_at. Jobs are rows, so they survive restarts.
 */
export class OutboxBridgeQueue extends BridgeQueue implements BeforeApplicationShutdown {
  private stopped = false;
  private readonly loops: Promise<void>[] = [];
  private readonly wakers = new Map<BridgeName, () => void>();

  constructor(
    status: BridgeStatusService,
    backoffMs: number,
    private readonly jobs: BridgeJobRepository,
    private readonly pollMs: number,
  ) {
    super(status, backoffMs);
  }

  async enqueue(bridge: BridgeName, type: string, payload: object, dedupeKey?: string): Promise<void> {
    const key = dedupeKey === undefined ? null : this.storedDedupeKey(bridge, type, dedupeKey);
    // Whole seconds: MySQL rounds a datetime's milliseconds, and a job due half a second late would wait a poll.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const fresh = { payload: JSON.stringify(payload), status: 'pending' as const, attempts: 0, nextRunAt: now, lastError: null };
    try {
      await this.jobs.insert({ bridge, type, dedupeKey: key, ...fresh });
    } catch (error) {
      if (key === null || !isUniqueViolation(error)) throw error;
      await this.jobs.reviveFailed(key, fresh);
    }
    this.wakers.get(bridge)?.();
  }

  pending(bridge: BridgeName): Promise<number> {
    return this.jobs.countUnfinished([bridge]);
  }

  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const bridges = this.bridgesWithHandlers();
    while ((await this.jobs.countUnfinished(bridges)) > 0) {
      if (Date.now() > deadline) throw new Error(`BridgeQueue: jobs still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  protected start(bridge: BridgeName): void {
    this.loops.push(this.loop(bridge));
  }

  /** Lets the jobs in hand finish (their calls are bounded by the clients' timeouts) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    for (const wake of this.wakers.values()) wake();
    await Promise.all(this.loops);
  }

  private async loop(bridge: BridgeName): Promise<void> {
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.runNext(bridge);
      } catch (error) {
        this.logger.error(`${bridge} outbox: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (!worked && !this.stopped) await this.sleep(bridge);
    }
  }

  /** Until the poll interval has passed or a job of the bridge was enqueued. */
  private sleep(bridge: BridgeName): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.pollMs);
      timer.unref();
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakers.set(bridge, done);
    });
  }

  /** Claims and runs the bridge's next due job; false when none is due. */
  private async runNext(bridge: BridgeName): Promise<boolean> {
    const job = await this.jobs.nextDue(bridge, new Date());
    if (!job) return false;
    // Another server took it first: look again at once.
    if (!(await this.jobs.claim(job, new Date(Date.now() + LEASE_MS)))) return true;
    const attempt = job.attempts + 1;
    try {
      await this.execute(bridge, job.type, JSON.parse(job.payload));
      await this.jobs.finish(job.id, 'done', new Date(), null);
    } catch (error) {
      const delay = this.retryDelay(error, attempt);
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 512);
      // Rounded up to whole seconds, as MariaDB's datetime keeps them: never earlier than the partner asked.
      const nextRunAt = new Date(Math.ceil((Date.now() + (delay ?? 0)) / 1000) * 1000);
      await this.jobs.finish(job.id, delay === null ? 'failed' : 'pending', nextRunAt, message);
    }
    return true;
  }
}
