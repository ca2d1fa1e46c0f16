import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThanOrEqual } from 'typeorm';
import { BridgeJob, BridgeJobStatus } from './bridge-job.entity';

/** What a job is (again) when it is due to run: its payload, no attempts yet, no error. */
export type FreshJob = Pick<BridgeJob, 'payload' | 'status' | 'attempts' | 'nextRunAt' | 'lastError'>;

const UNFINISHED: BridgeJobStatus[] = ['pending', 'running'];

/** Every query of `bridge_job`, the database queue (OutboxBridgeQueue) of servers without Redis. */
@Injectable()
export class BridgeJobRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Fails on the unique dedupe key when a job with the same key exists. */
  async insert(job: Pick<BridgeJob, 'bridge' | 'type' | 'dedupeKey'> & FreshJob): Promise<void> {
    await this.jobs().insert(job);
  }

  /** Makes the failed job of this key due again; a pending, running or done one is left as it is. */
  async reviveFailed(dedupeKey: string, fresh: FreshJob): Promise<void> {
    await this.jobs().update({ dedupeKey, status: 'failed' }, fresh);
  }

  countUnfinished(bridges: string[]): Promise<number> {
    return this.jobs().countBy({ bridge: In(bridges), status: In(UNFINISHED) });
  }

  /** The bridge's next due job: pending, or running with its lease run out (its server stopped without finishing it). */
  nextDue(bridge: string, now: Date): Promise<BridgeJob | null> {
    return this.jobs().findOne({
      where: UNFINISHED.map((status) => ({ bridge, status, nextRunAt: LessThanOrEqual(now) })),
      order: { nextRunAt: 'ASC', id: 'ASC' },
    });
  }

  /**
   * Takes the job as it was read (an UPDATE conditioned on its status and attempts, so of several
   * servers exactly one wins) and leases it until `leaseUntil`. True when this caller won.
   */
  async claim(job: BridgeJob, leaseUntil: Date): Promise<boolean> {
    const claimed = await this.jobs().update(
      { id: job.id, status: job.status, attempts: job.attempts },
      { status: 'running', attempts: job.attempts + 1, nextRunAt: leaseUntil },
    );
    return claimed.affected === 1;
  }

  async finish(id: number, status: BridgeJobStatus, nextRunAt: Date, lastError: string | null): Promise<void> {
    await this.jobs().update({ id }, { status, nextRunAt, lastError });
  }

  private jobs() {
    return this.db.getRepository(BridgeJob);
  }
}
