import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver has ONE connection and one shared query runner. Left alone,
 * concurrent requests interleave on it: a second transaction becomes a savepoint inside the first
 * (so the first one's rollback undoes the second one's committed work), and a plain statement sent
 * while another request's transaction is open joins that transaction. MariaDB has a pool and needs
 * none of this.
 *
 * This makes the embedded database behave like one with real transactions: a transaction, and each
 * statement outside one, takes a process-wide lock in turn; statements issued from inside a held
 * transaction (same async context) go straight through. SQLite has a single writer anyway, so little
 * is lost.
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  const inside = new AsyncLocalStorage<true>();
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    if (inside.getStore()) return work();
    const run = tail.then(() => inside.run(true, work));
    tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };

  const runner: QueryRunner = dataSource.createQueryRunner();
  const query = runner.query.bind(runner);
  runner.query = ((...args: Parameters<QueryRunner['query']>) => exclusive(() => query(...args))) as QueryRunner['query'];

  const manager: EntityManager = dataSource.manager;
  const transaction = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  manager.transaction = ((...args: unknown[]) => exclusive(() => transaction(...args))) as EntityManager['transaction'];
  // These open a transaction of their own on the shared runner (SubjectExecutor): route them through ours.
  for (const method of ['save', 'remove', 'softRemove', 'recover'] as const) {
    const original = (manager[method] as (...args: unknown[]) => Promise<unknown>).bind(manager);
    (manager as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      inside.getStore() ? original(...args) : manager.transaction((tx) => (tx[method] as (...a: unknown[]) => Promise<unknown>)(...args));
  }
}
