import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * Locks the rows read until the transaction ends, on MariaDB/MySQL. SQLite needs no lock: its
 * transactions take turns (sqlite-serializer.ts), and it has no `FOR UPDATE`.
 */
export function forUpdate<E extends ObjectLiteral>(query: SelectQueryBuilder<E>): SelectQueryBuilder<E> {
  const type = query.connection.options.type;
  return type === 'mariadb' || type === 'mysql' ? query.setLock('pessimistic_write') : query;
}
