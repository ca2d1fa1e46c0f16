import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * Opens a transaction for a service that writes several aggregates at once, so that services never
 * hold the DataSource: the work receives the transaction's EntityManager and hands it to the
 * repository methods it calls (their optional `manager` argument). It goes through
 * `DataSource.transaction`, which on SQLite is the serialized one (sqlite-serializer.ts).
 */
@Injectable()
export class TransactionRunner {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }
}
