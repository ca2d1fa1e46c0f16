import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Timestamped } from '../../database/timestamped.entity';

export type BridgeJobStatus = 'pending' | 'running' | 'done' | 'failed';

/**
 * One piece of work that changes a partner's data, kept in the database until it is done (the outbox
 * used when REDIS_URL is absent): a restart or a partner outage loses nothing.
 */
@Entity('bridge_job')
export class BridgeJob extends Timestamped {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  bridge!: string;

  @Column({ type: 'varchar', length: 48 })
  type!: string;

  /** JSON. */
  @Column({ type: 'text' })
  payload!: string;

  /** A job with the same key that is pending, running or done is not added again. */
  @Index({ unique: true })
  @Column({ name: 'dedupe_key', type: 'varchar', length: 128, nullable: true })
  dedupeKey!: string | null;

  @Column({ type: 'varchar', length: 16 })
  status!: BridgeJobStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Index()
  @Column({ name: 'next_run_at', type: 'datetime' })
  nextRunAt!: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 512, nullable: true })
  lastError!: string | null;
}
