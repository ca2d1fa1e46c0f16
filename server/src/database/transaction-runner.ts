import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, CLOCK } from '../common/clock';
import { runWithRetry } from './transient-errors';

/**
 * Opens a transaction for a service that writes several aggregates at once, so that services never
 * hold the DataSource: the work receives the transaction's EntityManager and hands it to the
 * repository methods it calls (their optional `manager` argument). It goes through
 * `DataSource.transaction`, which on SQLite is the serialized one (sqlite-serializer.ts).
 *
 * A deadlock or lock-wait timeout runs the whole transaction again (transient-errors.ts), so `work`
 * may run more than once: it must have no effect outside the database.
 */
@Injectable()
export class TransactionRunner {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runWithRetry(() => this.db.transaction(work), this.clock);
  }
}
