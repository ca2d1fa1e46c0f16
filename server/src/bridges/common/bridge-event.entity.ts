import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** The outcome of one call to a partner, for GET /admin/bridges/status (last success, recent errors). */
@Entity('bridge_event')
@Index(['bridge', 'ok', 'id'])
export class BridgeEvent {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 16 })
  bridge!: string;

  @Column({ type: 'varchar', length: 48 })
  operation!: string;

  @Column({ type: 'boolean' })
  ok!: boolean;

  /** What went wrong (never a credential or a token). */
  @Column({ type: 'varchar', length: 512, nullable: true })
  message!: string | null;

  @Index()
  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
