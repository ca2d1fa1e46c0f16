import { BeforeApplicationShutdown } from '@nestjs/common';
import { Job, Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { BridgeName } from './bridge-name';
import { BridgeQueue } from './bridge-queue';
import { BridgeStatusService } from './bridge-status.service';

/** Giving up is decided by retryDelay (never for transient failures), not by a count. */
const UNLIMITED_ATTEMPTS = Number.MAX_SAFE_INTEGER;
/** Completed jobs are kept this long (seconds), so their dedupe keys hold; Redis memory stays bounded. */
const KEEP_COMPLETED_SECONDS = 30 * 24 * 3600;
const PENDING_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'] as const;

/**
 * The queue on Redis (REDIS_URL set): one BullMQ queue per bridge (`bridge-<name>`, keys under
 * REDIS_KEY_PREFIX), a worker per bridge running one job at a time, and the same retry rule as the
 * outbox through a custom backoff strategy (-1: fail now). A dedupe key becomes the job id, so
 * BullMQ itself refuses a second job while the first is kept (completed jobs for 30 days, failed ones
 * until enqueued again).
 */
export class BullmqBridgeQueue extends BridgeQueue implements BeforeApplicationShutdown {
  private readonly connection: Redis;
  private readonly queues = new Map<BridgeName, Queue>();
  private readonly workers: Worker[] = [];

  constructor(
    status: BridgeStatusService,
    backoffMs: number,
    redisUrl: string,
    /** BullMQ's key prefix, e.g. `shanqian:bridges`. */
    private readonly prefix: string,
  ) {
    super(status, backoffMs);
    // BullMQ's workers block on Redis: it requires maxRetriesPerRequest null on their connection.
    this.connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
    // BullMQ listens only once a queue or worker uses the connection; before that (or with no bridge on) ioredis
    // would print every failed reconnection to stderr. The KV store logs an outage of this same Redis.
    this.connection.on('error', () => undefined);
  }

  async enqueue(bridge: BridgeName, type: string, payload: object, dedupeKey?: string): Promise<void> {
    const queue = this.queue(bridge);
    // BullMQ refuses ':' in custom ids; encodeURIComponent escapes it.
    const jobId = dedupeKey === undefined ? undefined : encodeURIComponent(this.storedDedupeKey(bridge, type, dedupeKey));
    if (jobId) {
      const existing = await queue.getJob(jobId);
      if (existing) {
        if (await existing.isFailed()) {
          await existing.updateData(payload);
          await existing.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
        }
        return;
      }
    }
    await queue.add(type, payload, { jobId, attempts: UNLIMITED_ATTEMPTS, backoff: { type: 'bridge' }, removeOnComplete: { age: KEEP_COMPLETED_SECONDS }, removeOnFail: false });
  }

  pending(bridge: BridgeName): Promise<number> {
    return this.queue(bridge).getJobCountByTypes(...PENDING_STATES);
  }

  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const bridges = this.bridgesWithHandlers();
    const pending = async () => (await Promise.all(bridges.map((b) => this.pending(b)))).reduce((a, b) => a + b, 0);
    while ((await pending()) > 0) {
      if (Date.now() > deadline) throw new Error(`BridgeQueue: jobs still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  protected start(bridge: BridgeName): void {
    const worker = new Worker(this.queueName(bridge), (job: Job) => this.execute(bridge, job.name, job.data as object), {
      connection: this.connection,
      prefix: this.prefix,
      concurrency: 1,
      settings: { backoffStrategy: (attemptsMade, _type, error) => this.retryDelay(error, attemptsMade) ?? -1 },
    });
    worker.on('error', (error) => this.logger.error(`${bridge} worker: ${error.message}`));
    this.workers.push(worker);
  }

  /** Waits for the jobs in hand, then lets go of Redis. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all([...this.queues.values()].map((q) => q.close()));
    await this.connection.quit();
  }

  private queueName(bridge: BridgeName): string {
    return `bridge-${bridge}`;
  }

  private queue(bridge: BridgeName): Queue {
    let queue = this.queues.get(bridge);
    if (!queue) {
      queue = new Queue(this.queueName(bridge), { connection: this.connection, prefix: this.prefix });
      this.queues.set(bridge, queue);
    }
    return queue;
  }
}
