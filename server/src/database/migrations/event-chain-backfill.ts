import { QueryRunner } from 'typeorm';
import { eventHash } from '../../applications/application-event-chain';

const BATCH = 1000;

interface StoredEvent {
  id: number;
  apply_id: number;
  event: string;
  from_status: number | null;
  to_status: number;
  actor_type: string;
  actor_id: number;
  ip: string;
  city: string | null;
  lng: number | null;
  lat: number | null;
  detail: string | null;
  created_at: unknown;
}

/**
 * Chains the events written before the hash chain existed (EventChain1796300000300, both dialects),
 * so that it covers every application's whole history. Rows are read in batches in (apply_id, id)
 * order, which the apply_id index serves (it holds the id too), keeping one batch and one previous
 * hash in memory however many rows there are. `created_at` is read as the entities read it (the
 * driver's own conversion: SQLite answers a string), so that a later check recomputes these hashes.
 */
export async function backfillEventChain(queryRunner: QueryRunner): Promise<void> {
  const createdAt = queryRunner.connection.getMetadata('sign_apply_event').findColumnWithDatabaseName('created_at')!;
  let previous: { applyId: number; id: number; hash: string } | null = null;
  for (;;) {
    const after = previous ?? { applyId: 0, id: 0 };
    const rows: StoredEvent[] = await queryRunner.query(
      'SELECT id, apply_id, event, from_status, to_status, actor_type, actor_id, ip, city, lng, lat, detail, created_at FROM sign_apply_event ' +
        `WHERE apply_id > ? OR (apply_id = ? AND id > ?) ORDER BY apply_id, id LIMIT ${BATCH}`,
      [after.applyId, after.applyId, after.id],
    );
    for (const row of rows) {
      const prevHash = previous?.applyId === row.apply_id ? previous.hash : null;
      const hash = eventHash({
        applicationId: row.apply_id, event: row.event, fromStatus: row.from_status, toStatus: row.to_status, actorType: row.actor_type, actorId: row.actor_id,
        ip: row.ip, city: row.city, lng: row.lng, lat: row.lat, detail: row.detail, createdAt: queryRunner.connection.driver.prepareHydratedValue(row.created_at, createdAt), prevHash,
      });
      await queryRunner.query('UPDATE sign_apply_event SET hash = ?, prev_hash = ? WHERE id = ?', [hash, prevHash, row.id]);
      previous = { applyId: row.apply_id, id: row.id, hash };
    }
    if (rows.length < BATCH) return;
  }
}
